"""Finding a printed walk-list page in a photo, straightening it and reading every row's outcome boxes.

The rules, conservative on purpose (a resident must never get another row's tick, and a tick is never
guessed):
- A page is read only when all four corner markers are found (each id once), the homography through their
  16 corners maps them onto their printed places within `MARKER_TOLERANCE_MM`, the QR code names a page this
  database printed, and the printed box borders are found where the record says they are (`GRID_*`).
  Otherwise nothing on it is read: the page is unreadable, with a code.
- Each box is measured inside its printed border (inset), on the straightened page divided by its paper
  level (shadows and gradients cancel out): the share of inked pixels and the mean darkness.
- A row with one inked box and the others clean is sure: that outcome. No ink anywhere: blank (no change).
  Two inked boxes, a heavily filled or scribbled box (a crossed-out tick), faint ink that is neither clean
  nor clearly a tick, or a box whose borders cannot be seen (a thumb, a fold, the edge of the photo) make
  the row unsure: it goes to review.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence

import cv2
import numpy as np

from canvass.errors import Cancelled, InvalidInput
from canvass.events import OUTCOMES_NEEDING_REASON
from canvass.scan import layout
from canvass.scan.printing import PrintedPage, find_page

PX_PER_MM = 5.0                 # resolution of the straightened page
DETECT_MAX_SIDE = 2400          # markers are looked for on a copy no larger than this
MARKER_TOLERANCE_MM = 1.2       # largest distance of a marker corner from its printed place
GRID_TOLERANCE_MM = 0.8         # a box border must be found this close to where it was printed
GRID_MIN_FOUND = 0.6            # share of the page's box borders that must be found at all
GRID_MAX_MEDIAN_MM = 0.5        # their median distance from the printed place
LINE_CONTRAST = 0.08            # a printed border stands out this much from the paper beside it
INSET_X_MM, INSET_Y_MM = 1.3, 1.0   # the part of a box that is measured (its printed border left out)
INK_LEVEL = 0.35                # a pixel this much darker than its paper is ink
EMPTY_SHARE = 0.012             # at most this share of inked pixels: an empty box
TICK_SHARE = 0.045              # at least this share: a tick
HEAVY_SHARE, HEAVY_DARK = 0.40, 0.33    # a filled or scribbled box (crossed out)
PDF_DPI = 200

UNREADABLE_CODES = ("image_unreadable", "markers_missing", "markers_inconsistent", "qr_unreadable",
                    "unknown_page", "grid_mismatch")
UNSURE_CODES = ("several", "scribble", "faint", "hidden", "needs_reason")


@dataclass
class RowReading:
    """What one printed row says: state is sure | blank | unsure (`why` then says why)."""
    row: int                        # 1-based position on the page
    resident_id: int
    state: str
    outcome: Optional[str] = None   # sure: the ticked outcome; unsure: the likeliest one, or None
    confidence: float = 0.0
    why: Optional[str] = None
    inks: tuple[float, ...] = ()    # share of inked pixels per box
    strip: tuple[int, int] = (0, 0)  # the row's pixel rows in the straightened page


@dataclass
class PageReading:
    """One page found in an image: which printed page it is and its rows."""
    source: str
    index: int                      # the image within its file (PDF page), from 1
    photo_sha256: str
    printed: PrintedPage
    rows: list[RowReading]
    image: np.ndarray = field(repr=False)   # the straightened page (grey, PX_PER_MM)

    def strip(self, row: RowReading) -> np.ndarray:
        """The row's strip of the straightened page, from the table's left edge to its right one."""
        return self.image[row.strip[0]:row.strip[1], int(11 * PX_PER_MM):int((layout.PAGE_W - 11) * PX_PER_MM)]


@dataclass
class Unreadable:
    """An image in which no page could be located with certainty."""
    source: str
    index: int
    code: str


@dataclass
class ScanResult:
    """Every page read from a set of photos or scans, and the images that could not be read."""
    pages: list[PageReading] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)


# --------------------------------------------------------------------------------------------- images

def load_images(path: Path) -> list[np.ndarray]:
    """The images of a file: a photo (JPEG, PNG...) or each page of a PDF (rendered with pdftoppm)."""
    data = np.fromfile(str(path), dtype=np.uint8)
    if path.suffix.lower() != ".pdf":
        img = cv2.imdecode(data, cv2.IMREAD_COLOR)
        return [img] if img is not None else []
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise InvalidInput("scan_needs_pdftoppm")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([exe, "-r", str(PDF_DPI), "-gray", "-png", str(path), str(Path(tmp) / "p")], check=True,
                       capture_output=True)
        files = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        return [cv2.imread(str(f), cv2.IMREAD_COLOR) for f in files]


def _grey(img: np.ndarray) -> np.ndarray:
    return img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)


_DETECTORS: list = []


def _detectors() -> list:
    """ArUco detectors tried in turn: OpenCV's defaults, then finer thresholds and a more tolerant bit
    reading (a blurred, compressed photo); every result still has to pass the homography check."""
    if not _DETECTORS:
        dictionary = cv2.aruco.getPredefinedDictionary(getattr(cv2.aruco, layout.ARUCO_DICT))
        plain = cv2.aruco.DetectorParameters()
        plain.cornerRefinementMethod = cv2.aruco.CORNER_REFINE_SUBPIX
        fine = cv2.aruco.DetectorParameters()
        fine.cornerRefinementMethod = cv2.aruco.CORNER_REFINE_SUBPIX
        fine.adaptiveThreshWinSizeStep = 4
        fine.perspectiveRemovePixelPerCell = 8
        fine.perspectiveRemoveIgnoredMarginPerCell = 0.2
        _DETECTORS.extend(cv2.aruco.ArucoDetector(dictionary, p) for p in (plain, fine))
    return _DETECTORS


def _sharpened(grey: np.ndarray) -> np.ndarray:
    return cv2.addWeighted(grey, 2.0, cv2.GaussianBlur(grey, (0, 0), 2), -1.0, 0)


def _markers(small: np.ndarray) -> dict[int, list[np.ndarray]]:
    """Marker id -> the corners found for it (ids 0-3 only), from the first attempt that finds all four."""
    best: dict[int, list[np.ndarray]] = {}
    for image in (small, None):
        if image is None:
            image = _sharpened(small)
        for detector in _detectors():
            corners, ids, _rejected = detector.detectMarkers(image)
            found: dict[int, list[np.ndarray]] = {}
            for c, i in zip(corners, (ids.ravel().tolist() if ids is not None else [])):
                if 0 <= i < 4:
                    found.setdefault(i, []).append(c.reshape(4, 2))
            if len(found) == 4:
                return found
            if len(found) > len(best):
                best = found
    return best


MAX_MARKER_COMBINATIONS = 256   # several pages in one photo: up to four of each marker


def locate_all(grey: np.ndarray) -> tuple[list[np.ndarray], str]:
    """The homography (image -> straightened page, PX_PER_MM) of each page found in an image, best fit first,
    or [] and why not. Every set of four markers (ids 0-3) whose 16 corners fit a flat page within
    MARKER_TOLERANCE_MM is a page; a marker belongs to one page at most."""
    scale = min(1.0, DETECT_MAX_SIDE / max(grey.shape))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    found = {i: [c / scale for c in cs] for i, cs in _markers(small).items()}
    if len(found) < 4:
        return [], "markers_missing"
    if np.prod([len(v) for v in found.values()]) > MAX_MARKER_COMBINATIONS:
        return [], "markers_inconsistent"
    dst = np.array([layout.marker_corners(i) for i in range(4)], dtype=np.float64).reshape(16, 2) * PX_PER_MM
    fits = []
    for combo in itertools.product(*(range(len(found[i])) for i in range(4))):
        src = np.concatenate([found[i][k] for i, k in enumerate(combo)]).astype(np.float64)
        h, _ = cv2.findHomography(src, dst, 0)
        if h is None:
            continue
        proj = cv2.perspectiveTransform(src.reshape(-1, 1, 2), h).reshape(-1, 2)
        err = float(np.max(np.linalg.norm(proj - dst, axis=1))) / PX_PER_MM
        if err <= MARKER_TOLERANCE_MM:
            fits.append((err, combo, h))
    fits.sort(key=lambda f: f[0])
    used: set[tuple[int, int]] = set()
    pages = []
    for _err, combo, h in fits:
        markers = {(i, k) for i, k in enumerate(combo)}
        if markers & used:
            continue
        used |= markers
        pages.append(h)
    return pages, ("" if pages else "markers_inconsistent")


def locate(grey: np.ndarray) -> tuple[Optional[np.ndarray], str]:
    """The homography of the best-fitting page in an image, or None and why not."""
    pages, code = locate_all(grey)
    return (pages[0], "") if pages else (None, code)


def straighten(grey: np.ndarray, h: np.ndarray) -> np.ndarray:
    """The page as printed, PX_PER_MM pixels per mm (what lies outside the photo is black)."""
    size = (int(layout.PAGE_W * PX_PER_MM), int(layout.PAGE_H * PX_PER_MM))
    return cv2.warpPerspective(grey, h, size, flags=cv2.INTER_LINEAR, borderValue=0)


def read_qr(page: np.ndarray, grey: np.ndarray, h: np.ndarray) -> Optional[tuple[str, int]]:
    """(print key, page) from the QR code at its printed place on the straightened page (enlarged), else
    from the photo itself when the code found there lies on the printed place."""
    m = layout.QR_QUIET + 1.5
    x0, y0 = int((layout.QR_X - m) * PX_PER_MM), int((layout.QR_Y - m) * PX_PER_MM)
    x1, y1 = int((layout.QR_X + layout.QR_SIZE + m) * PX_PER_MM), int((layout.QR_Y + layout.QR_SIZE + m) * PX_PER_MM)
    crop = page[y0:y1, x0:x1].copy()
    ring = int(1.5 * PX_PER_MM)   # beyond the quiet zone: white, so a neighbour (the corner marker) cannot disturb
    crop[:ring, :] = crop[-ring:, :] = 255
    crop[:, :ring] = crop[:, -ring:] = 255
    detector = cv2.QRCodeDetector()
    for scale in (2, 3):
        big = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        otsu = cv2.threshold(big, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]
        for candidate in (big, _sharpened(big), otsu):
            text, _pts, _ = detector.detectAndDecode(candidate)
            parsed = layout.parse_payload(text)
            if parsed:
                return parsed
    text, pts, _ = detector.detectAndDecode(grey)
    parsed = layout.parse_payload(text)
    if parsed and pts is not None:
        centre = cv2.perspectiveTransform(pts.reshape(-1, 1, 2).astype(np.float64), h).reshape(-1, 2).mean(axis=0)
        cx, cy = centre / PX_PER_MM
        half = layout.QR_SIZE / 2
        if abs(cx - layout.QR_X - half) < half and abs(cy - layout.QR_Y - half) < half:
            return parsed
    return None


def darkness(page: np.ndarray) -> np.ndarray:
    """How much darker each pixel is than the paper around it (0 paper .. 1 black): the paper level is the
    brightest value within ~9 mm, smoothed, so shadows and light gradients cancel out."""
    w, h = int(layout.PAGE_W), int(layout.PAGE_H)
    small = cv2.resize(page, (w, h), interpolation=cv2.INTER_AREA)
    paper = cv2.GaussianBlur(cv2.dilate(small, np.ones((9, 9), np.uint8)), (0, 0), 4)
    paper = cv2.resize(paper, (page.shape[1], page.shape[0]), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    return np.clip(1.0 - page.astype(np.float32) / np.maximum(paper, 16.0), 0.0, 1.0)


# --------------------------------------------------------------------------------------------- boxes

def _line_offset(dark: np.ndarray, horizontal: bool, at_mm: float, a_mm: float, b_mm: float) -> Optional[float]:
    """Where a printed line is found near `at_mm` (its offset in mm), None when it cannot be seen.

    The profile across the line takes the median along it, so a pen stroke crossing the line (or lying
    beside it) does not move it; the line must stand out within GRID_TOLERANCE_MM of its printed place."""
    r = int(round(1.6 * PX_PER_MM))
    t = int(round(GRID_TOLERANCE_MM * PX_PER_MM))
    c = int(round(at_mm * PX_PER_MM))
    a, b = int(round((a_mm + 1.0) * PX_PER_MM)), int(round((b_mm - 1.0) * PX_PER_MM))
    if c - r < 0 or b <= a:
        return None
    band = dark[c - r:c + r + 1, a:b] if horizontal else dark[a:b, c - r:c + r + 1].T
    if band.shape[0] < 2 * r + 1:
        return None
    profile = np.median(band, axis=1)
    near = profile[r - t:r + t + 1]
    peak = int(np.argmax(near))
    if near[peak] - float(np.median(profile)) < LINE_CONTRAST:
        return None
    return (peak - t) / PX_PER_MM


def _box(dark: np.ndarray, x: float, y: float, w: float, h: float) -> tuple[float, float]:
    """(share of inked pixels, mean darkness) inside a box, its printed border left out."""
    x0, x1 = int(round((x + INSET_X_MM) * PX_PER_MM)), int(round((x + w - INSET_X_MM) * PX_PER_MM))
    y0, y1 = int(round((y + INSET_Y_MM) * PX_PER_MM)), int(round((y + h - INSET_Y_MM) * PX_PER_MM))
    inside = dark[y0:y1, x0:x1]
    if not inside.size:
        return 0.0, 0.0
    return float((inside > INK_LEVEL).mean()), float(inside.mean())


def classify(inks: Sequence[float], darks: Sequence[float], hidden: bool) -> tuple[str, Optional[int], float, Optional[str]]:
    """(state, box index, confidence, why) for one row's boxes (see the module's rules)."""
    if hidden:
        return "unsure", None, 0.0, "hidden"
    ticked = [i for i, v in enumerate(inks) if v >= TICK_SHARE]
    if any(v >= HEAVY_SHARE or d >= HEAVY_DARK for v, d in zip(inks, darks)):
        return "unsure", (ticked[0] if len(ticked) == 1 else None), 0.0, "scribble"
    faint = [i for i, v in enumerate(inks) if EMPTY_SHARE < v < TICK_SHARE]
    if len(ticked) > 1:
        return "unsure", None, 0.0, "several"
    if faint:
        return "unsure", (ticked[0] if ticked else None), 0.0, "faint"
    if not ticked:
        return "blank", None, 1.0, None
    i = ticked[0]
    others = max((v for j, v in enumerate(inks) if j != i), default=0.0)
    confidence = min(1.0, inks[i] / (2 * TICK_SHARE)) * (1.0 - others / EMPTY_SHARE * 0.5)
    return "sure", i, round(max(0.5, confidence), 2), None


def read_rows(dark: np.ndarray, printed: PrintedPage) -> Optional[list[RowReading]]:
    """Every printed row's reading, or None when the box borders are not where the record says."""
    if not printed.rows:
        return []
    x_right = printed.boxes[-1][0] + printed.boxes[-1][1]
    offsets, seen, expected = [], {}, 0
    for row in printed.rows:
        for y in (row.top, row.top + row.height):
            if y in seen:
                continue
            spans = [_line_offset(dark, True, y, x, x + w) for x, w in printed.boxes]
            seen[y] = spans
            expected += len(spans)
            offsets += [o for o in spans if o is not None]
        xs = [x for x, _w in printed.boxes] + [x_right]
        vertical = [_line_offset(dark, False, x, row.top, row.top + row.height) for x in xs]
        seen[("v", row.top)] = vertical
        expected += len(vertical)
        offsets += [o for o in vertical if o is not None]
    if not offsets or len(offsets) < GRID_MIN_FOUND * expected \
            or float(np.median(np.abs(offsets))) > GRID_MAX_MEDIAN_MM:
        return None
    out = []
    for n, row in enumerate(printed.rows, start=1):
        top, bottom, vertical = seen[row.top], seen[row.top + row.height], seen[("v", row.top)]
        measured = [_box(dark, x, row.top, w, row.height) for x, w in printed.boxes]
        inks = [m[0] for m in measured]
        darks = [m[1] for m in measured]

        def ok(o):
            return o is not None and abs(o) <= GRID_TOLERANCE_MM
        hidden = not all(ok(o) for o in (*top, *bottom, *vertical))
        state, box, confidence, why = classify(inks, darks, hidden)
        if state == "sure" and layout.BOX_OUTCOMES[box] in OUTCOMES_NEEDING_REASON:
            state, why = "unsure", "needs_reason"   # the reason is read by a person from the note
        out.append(RowReading(row=n, resident_id=row.resident_id, state=state,
                              outcome=layout.BOX_OUTCOMES[box] if box is not None else None,
                              confidence=confidence, why=why, inks=tuple(round(v, 4) for v in inks),
                              strip=(int((row.top - 1) * PX_PER_MM), int((row.top + row.height + 1) * PX_PER_MM))))
    return out


# --------------------------------------------------------------------------------------------- reading

def read_page(session, grey: np.ndarray, h: np.ndarray, source: str = "", index: int = 1,
              photo_sha256: str = "") -> PageReading | Unreadable:
    """Straighten one located page and read it."""
    page = straighten(grey, h)
    qr = read_qr(page, grey, h)
    if qr is None:
        return Unreadable(source, index, "qr_unreadable")
    printed = find_page(session, *qr)
    if printed is None:
        return Unreadable(source, index, "unknown_page")
    rows = read_rows(darkness(page), printed)
    if rows is None:
        return Unreadable(source, index, "grid_mismatch")
    return PageReading(source=source, index=index, photo_sha256=photo_sha256, printed=printed, rows=rows,
                       image=page)


def read_pages(session, img: np.ndarray, source: str = "", index: int = 1,
               photo_sha256: str = "") -> list[PageReading | Unreadable]:
    """Every page found in one image (a photo may hold several pages, a scan's page one), read."""
    if img is None or img.size == 0:
        return [Unreadable(source, index, "image_unreadable")]
    grey = _grey(img)
    homographies, code = locate_all(grey)
    if not homographies:
        return [Unreadable(source, index, code)]
    return [read_page(session, grey, h, source, index, photo_sha256) for h in homographies]


def read_image(session, img: np.ndarray, source: str = "", index: int = 1,
               photo_sha256: str = "") -> PageReading | Unreadable:
    """Locate, straighten and read the best-fitting page of one image."""
    return read_pages(session, img, source, index, photo_sha256)[0]


def read_files(db, paths: Sequence[str | Path], *, progress: Optional[Callable[[int, int], None]] = None,
               cancel: Optional[Callable[[], bool]] = None) -> ScanResult:
    """Read every page of every photo or scanned PDF (nothing is recorded: see `apply.apply_readings`)."""
    result = ScanResult()
    paths = [Path(p) for p in paths]
    for n, path in enumerate(paths):
        if cancel is not None and cancel():
            raise Cancelled("cancelled")
        if not path.is_file():
            raise InvalidInput("scan_no_file", name=Path(path).name)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        images = load_images(path)
        if not images:
            result.unreadable.append(Unreadable(str(path), 1, "image_unreadable"))
        with db.read() as s:
            for i, img in enumerate(images, start=1):
                for got in read_pages(s, img, str(path), i, digest):
                    (result.pages if isinstance(got, PageReading) else result.unreadable).append(got)
        if progress is not None:
            progress(n + 1, len(paths))
    return result


def visit_time(day: dt.date) -> dt.datetime:
    """A page's visits happened on its day; with no time written they count as midday (as packs do)."""
    from canvass.dates import DATE_ONLY_HOUR

    return dt.datetime.combine(day, dt.time(DATE_ONLY_HOUR))
