"""Generated photos of ticked walk lists (never real people): a printed page rendered with pdftoppm, ticks
drawn as a pen would, then "photographed" in software (rotation, perspective, blur, shading, a thumb, JPEG
at chat quality). Shared by the scan tests and `bench/bench_scan.py`."""
from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from sqlalchemy import select

from canvass.models import WalklistPage
from canvass.scan import layout

TICKS = ("check", "cross", "slash", "long_check")   # clear ticks (long_check runs past the box edges)
UNSURE_MARKS = ("scribble", "two")                   # a crossed-out tick, two ticked boxes


def render(pdf: Path, folder: Path, dpi: int = 150) -> list[np.ndarray]:
    """Every page of a PDF as a colour image (pdftoppm)."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / "page")], check=True)
    files = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
    return [cv2.imread(str(f), cv2.IMREAD_COLOR) for f in files]


def printed_layouts(db) -> dict[int, dict]:
    """page number -> its recorded layout (rows: resident id, top, height; boxes: x, width)."""
    with db.read() as s:
        return {p.page: json.loads(p.layout) for p in s.scalars(select(WalklistPage).order_by(WalklistPage.id))}


def _pen(rng) -> tuple[tuple[int, int, int], int]:
    colour = [(140, 40, 20), (30, 30, 30), (160, 60, 30)][rng.integers(3)]   # BGR: blue ballpoint, black, blue
    return colour, int(rng.integers(2, 5))


def _stroke(img, pts, colour, width) -> None:
    pts = np.array(pts, dtype=np.int32).reshape(-1, 1, 2)
    cv2.polylines(img, [pts], False, colour, width, lineType=cv2.LINE_AA)


def draw_mark(img: np.ndarray, rect: tuple[float, float, float, float], kind: str, rng) -> None:
    """Draw a pen mark in a box rect (x, y, w, h in pixels): check, cross, slash, long_check (past the edges)
    or scribble (a tick crossed out)."""
    x, y, w, h = rect
    colour, width = _pen(rng)
    j = lambda s: float(rng.uniform(-s, s))   # noqa: E731 - a hand's jitter
    cx, cy = x + w / 2 + j(w * 0.08), y + h / 2 + j(h * 0.08)
    if kind in ("check", "long_check"):
        reach = 1.5 if kind == "long_check" else 0.9
        a = (cx - w * 0.3, cy + j(h * 0.1))
        b = (cx - w * 0.05, cy + h * 0.32)
        c = (cx + w * 0.25 * reach, cy - h * 0.40 * reach)
        _stroke(img, [a, b, c], colour, width)
    elif kind == "cross":
        _stroke(img, [(cx - w * 0.3, cy - h * 0.32), (cx + w * 0.3, cy + h * 0.32)], colour, width)
        _stroke(img, [(cx + w * 0.3 + j(2), cy - h * 0.32), (cx - w * 0.3, cy + h * 0.32)], colour, width)
    elif kind == "slash":
        _stroke(img, [(cx - w * 0.2, cy + h * 0.35), (cx + w * 0.22, cy - h * 0.35)], colour, width + 1)
    elif kind == "scribble":
        draw_mark(img, rect, "check", rng)
        pts = []
        for k in range(12):
            pts.append((x + w * (0.12 + 0.76 * (k % 2)) + j(3), y + h * (0.15 + 0.7 * k / 11)))
        _stroke(img, pts, colour, width + 1)
    else:
        raise ValueError(kind)


def box_rect(page_layout: dict, row: int, box: int, dpi: int) -> tuple[float, float, float, float]:
    """A printed box in pixels of a page rendered at dpi (row and box from 0)."""
    k = dpi / 25.4
    _rid, top, height = page_layout["rows"][row]
    x, w = page_layout["boxes"][box]
    return x * k, top * k, w * k, height * k


@dataclass
class Shot:
    """How a page is photographed."""
    angle: float = 0.0          # degrees
    tilt: float = 0.0           # perspective: share of the width the far corners move in
    blur: float = 0.8           # Gaussian sigma in pixels
    shade: float = 0.4          # depth of the light gradient (0 none)
    jpeg: int = 50
    thumb: bool = False
    width: int = 2000           # pixels across the photo


def random_shot(rng) -> Shot:
    """A phone photo within the bounds the reader is made for."""
    return Shot(angle=float(rng.uniform(-20, 20)), tilt=float(rng.uniform(0, 0.08)), blur=float(rng.uniform(0.3, 1.4)),
                shade=float(rng.uniform(0.1, 0.5)), jpeg=int(rng.integers(40, 61)), thumb=bool(rng.random() < 0.3),
                width=int(rng.integers(1700, 2300)))


def photograph(page: np.ndarray, shot: Shot, rng) -> np.ndarray:
    """The page lying on a table, photographed from above: warped, shaded, blurred, JPEG-compressed."""
    h, w = page.shape[:2]
    if shot.thumb:   # a thumb over the bottom-left area (the row numbers and names), clear of the markers
        page = page.copy()
        k = w / layout.PAGE_W
        centre = (int(rng.uniform(25, 60) * k), int(rng.uniform(185, 200) * k))
        cv2.ellipse(page, centre, (int(11 * k), int(17 * k)), float(rng.uniform(-30, 30)), 0, 360,
                    (120, 140, 190), -1, lineType=cv2.LINE_AA)
    out_w = shot.width
    out_h = int(out_w * 0.78)
    scale = out_w * 0.80 / w
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    pts = (src - [w / 2, h / 2]) * scale
    t = np.radians(shot.angle)
    rot = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
    pts = pts @ rot.T
    squeeze = shot.tilt * out_w
    pts[0, 0] += squeeze * 0.5
    pts[1, 0] -= squeeze * 0.5
    pts += rng.uniform(-0.01, 0.01, pts.shape) * out_w
    fit = min(out_w * 0.96 / np.ptp(pts[:, 0]), out_h * 0.96 / np.ptp(pts[:, 1]), 1.0)
    pts = pts * fit + [out_w / 2, out_h / 2]
    m = cv2.getPerspectiveTransform(src, np.float32(pts))
    table = np.full((out_h, out_w, 3), (70, 90, 110), np.uint8)
    photo = cv2.warpPerspective(page, m, (out_w, out_h), dst=table, borderMode=cv2.BORDER_TRANSPARENT)
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(angle) * xx / out_w + np.sin(angle) * yy / out_h)
    ramp = (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
    light = 1.0 - shot.shade * ramp
    photo = np.clip(photo.astype(np.float32) * light[..., None] + rng.normal(0, 3, photo.shape), 0, 255)
    photo = cv2.GaussianBlur(photo.astype(np.uint8), (0, 0), shot.blur)
    ok, data = cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, shot.jpeg])
    return cv2.imdecode(data, cv2.IMREAD_COLOR)


def mark_page(img: np.ndarray, page_layout: dict, rng, dpi: int, tick_share: float = 0.6,
              unsure_share: float = 0.1) -> dict[int, tuple[str, object]]:
    """Tick a page as a team would; returns resident id -> ("sure", box index) | ("blank", None) |
    ("unsure", None) for what was drawn."""
    truth = {}
    for r, (rid, _top, _h) in enumerate(page_layout["rows"]):
        u = rng.random()
        if u < tick_share:
            box = int(rng.integers(len(page_layout["boxes"])))
            draw_mark(img, box_rect(page_layout, r, box, dpi), TICKS[int(rng.integers(len(TICKS)))], rng)
            truth[rid] = ("sure", box)
        elif u < tick_share + unsure_share:
            if rng.random() < 0.5:
                box = int(rng.integers(len(page_layout["boxes"])))
                draw_mark(img, box_rect(page_layout, r, box, dpi), "scribble", rng)
            else:
                a, b = rng.choice(len(page_layout["boxes"]), 2, replace=False)
                for box in (a, b):
                    draw_mark(img, box_rect(page_layout, r, int(box), dpi), "check", rng)
            truth[rid] = ("unsure", None)
        else:
            truth[rid] = ("blank", None)
    return truth
