"""Hamlet names and addresses: the kind of a hamlet, its display form and match key, household keys from
addresses that name a door, and a natural sort key for walk lists."""
from __future__ import annotations

import re
from functools import lru_cache

from canvass.ids import PROVINCES
from canvass.text import fold, nfc

# Kind words, longest first: (as written in lower case with diacritics, folded, the kind as returned).
# Abbreviations map to their full kind.
_KINDS: tuple[tuple[str, str, str], ...] = (
    ("tổ dân phố", "to dan pho", "tổ dân phố"), ("khu phố", "khu pho", "khu phố"), ("tdp", "tdp", "tổ dân phố"),
    ("kp", "kp", "khu phố"), ("thôn", "thon", "thôn"), ("xóm", "xom", "xóm"), ("ấp", "ap", "ấp"),
    ("bản", "ban", "bản"), ("tổ", "to", "tổ"), ("khối", "khoi", "khối"), ("buôn", "buon", "buôn"),
    ("làng", "lang", "làng"), ("khóm", "khom", "khóm"), ("khu", "khu", "khu"),
)
_KIND_DISPLAY = {"tổ dân phố": "Tổ dân phố", "khu phố": "Khu phố"}
# Kind words that are also the first word of many proper names ("Bản Quyền", "Làng Mới", "Buôn Đôn"): the
# match key keeps them, so "Thôn Bản Quyền" and "Bản Quyền" still meet.
_NAME_LIKE = {"bản", "làng", "buôn"}
# The kind word must be written exactly, with its diacritics or with none at all: "Bàn Văn Lâm" (Bàn is a
# surname) and "Tô Hiến Thành" are not a "bản" or a "tổ"; "thon na thi" typed without accents is a thôn.
_KIND_RE = re.compile(
    "(" + "|".join(sorted({w for k in _KINDS for w in k[:2]}, key=len, reverse=True)) + r")(?!\w)\.?\s*[:\-–]?\s*")
_KIND_OF = {w: k[2] for k in _KINDS for w in k[:2]}
_ROMAN_RE = re.compile(r"(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_NUMBER_RE = re.compile(r"\d+")
_WORD_SPLIT_RE = re.compile(r"([\s'\-]+)")
_SO_RE = re.compile(r"so\s*(?=\d)")
# The hamlet of residents whose row names none (no hamlet column, section, sheet name or address that names
# one): a hamlet row like any other, so they show in every list, the hamlet filter and the figures.
UNKNOWN_HAMLET = "(Chưa rõ thôn)"


def _split_kind(lower: str) -> tuple[str | None, int]:
    """(kind, offset where the proper name starts) for a lower-case NFC (or folded) name; (None, 0) when it
    does not start with a kind word followed by a name."""
    m = _KIND_RE.match(lower)
    if not m or m.end() >= len(lower.rstrip(" ,.;:-")):
        return None, 0
    return _KIND_OF[m.group(1)], m.end()


@lru_cache(maxsize=4096)
def hamlet_kind(name: str) -> str | None:
    """The kind of a hamlet from its name ("Thôn Nà Thí" -> "thôn", "TDP 5" -> "tổ dân phố"), or None."""
    return _split_kind(nfc(name).lower())[0]


def _cap(word: str) -> str:
    """Capitalise one word Vietnamese-style; Roman numerals (Thôn IV) stay upper case."""
    if _ROMAN_RE.fullmatch(word.upper()) and word.isupper():
        return word
    return word[:1].upper() + word[1:].lower()


@lru_cache(maxsize=4096)
def clean_hamlet_name(name: str) -> str:
    """A hamlet name for display: NFC, single spaces, kind word capitalised ("THÔN NÀ THÍ" -> "Thôn Nà Thí",
    "TDP 5" -> "Tổ dân phố 5"); a name in mixed case keeps its case ("Nà Thí" stays "Nà Thí"); no accents are
    invented ("thon na thi" -> "Thon Na Thi"). The "no hamlet" group's name stays as it is."""
    if name == UNKNOWN_HAMLET:
        return name
    s = nfc(name).strip(" ,.;:-")
    if not s:
        return s
    lower = s.lower()
    kind, start = _split_kind(lower) if len(lower) == len(s) else (None, 0)
    prefix: list[str] = []
    if kind:
        typed = _KIND_RE.match(lower).group(1)
        if typed.isascii() and typed not in ("tdp", "kp"):   # typed without accents: keep its letters
            prefix = [typed.capitalize()]
        else:
            prefix = [_KIND_DISPLAY.get(kind, kind.capitalize())]
        s = s[start:]
    words = s.split(" ")
    caps = all(not w.islower() for w in words)   # all caps (or numbers): re-case every word
    low = all(w == w.lower() for w in words)
    out = []
    for w in words:
        if prefix and fold(w) == "so":   # "Tổ dân phố số 5"
            out.append(w.lower())
            continue
        if caps or low or w.islower() or (w.isupper() and len(w) > 1 and not _ROMAN_RE.fullmatch(w)):
            w = "".join(_cap(p) if i % 2 == 0 else p for i, p in enumerate(_WORD_SPLIT_RE.split(w)))
        out.append(w)
    return " ".join(prefix + out).strip()


def _numbers(s: str) -> str:
    return _NUMBER_RE.sub(lambda m: str(int(m.group())), s)


@lru_cache(maxsize=4096)
def hamlet_match_key(name: str) -> str:
    """The key two spellings of one hamlet share: folded, without the kind word, numbers without leading
    zeros ("Thôn Nà Thí" == "thon na thi" == "Nà Thí"; "Thôn 01" == "thôn số 1")."""
    lower = nfc(name).lower().strip(" ,.;:-")
    kind, start = _split_kind(lower)
    if kind is None or kind in _NAME_LIKE:
        return _numbers(fold(lower))
    rest = _SO_RE.sub("", _numbers(fold(lower[start:])), count=1).strip(" ,.;:-")
    if rest.isdigit() or _ROMAN_RE.fullmatch(rest.upper()):
        return f"{fold(kind)} {rest}"     # "Thôn 1" and "Tổ 1" are different places
    return rest


# ---- addresses -------------------------------------------------------------------------------------------

_ABBREV = (  # folded abbreviations expanded before keys are made
    (re.compile(r"\bp\.\s*"), "phuong "), (re.compile(r"\bq\.\s*"), "quan "), (re.compile(r"\bx\.\s*"), "xa "),
    (re.compile(r"\bh\.\s*"), "huyen "), (re.compile(r"\btt\.\s*"), "thi tran "),
    (re.compile(r"\btp\.?\s*"), "thanh pho "), (re.compile(r"\bt\.\s*"), "tinh "),
)
# A part of an address that starts with one of these names the commune level or above: never part of a door.
_ADMIN_RE = re.compile(r"(?:xa|phuong|thi tran|huyen|quan|thi xa|thanh pho|tinh)\b")
_HOUSE = r"\d+[a-z]?(?:\s*/\s*\d+[a-z]?)*"
# An explicit house number: "số nhà 12", "SN 15", "nhà 5", "số 7" (unless "số" follows a street/area word).
_MARKED_RE = re.compile(rf"(?:^|(?<=\s))(?:so nha|nha so|sn|nha|so|can ho|can|k|kiet)\s*\.?\s*({_HOUSE})\b")
_NOT_DOOR_BEFORE = {"duong", "pho", "thon", "xom", "to", "ap", "khu", "doi", "ban", "lang", "buon", "khoi", "tdp",
                    "kp", "hem", "ngo", "ngach", "kiet", "lo", "quoc", "ql", "km", "phong", "tang", "dan"}
_MARKERS = {"so", "nha", "sn", "can", "ho", "k", "kiet"}
# Units of a place inside one part: "ngo 4 ngach 2 pho hue" -> "ngo 4", "ngach 2", "pho hue".
# A place word with its number ("ngo 4", "to dan pho so 5", "km 12") becomes one token ("ngo4").
_PAIR_RE = re.compile(r"\b(to dan pho|khu pho|quoc lo|tinh lo|tdp|kp|thon|xom|ap|ban|to|khoi|khu|doi|ngo|ngach|hem|"
                      r"kiet|lo|duong|pho|ql|km|phong|tang|can ho|can)\s*(?:so\s*)?(\d+[a-z]?(?:/\d+[a-z]?)*)\b")
_PAIR_CANON = {"to dan pho": "tdp", "khu pho": "kp", "quoc lo": "ql", "tinh lo": "tl", "can ho": "can"}
# Words that only say what kind of place follows: "thôn Nà Thí" == "Nà Thí", "đường Lê Lợi" == "phố Lê Lợi" ==
# "Lê Lợi". ngõ/ngách/hẻm/kiệt stay: "12 ngõ Huế" is not "12 phố Huế".
_PLACE_WORDS_RE = re.compile(r"\b(?:to dan pho|khu pho|thon|xom|ap|to|khoi|tdp|kp|duong|pho|so nha|so|sn|nha)\b")
_LEADING_RE = re.compile(rf"({_HOUSE})(?=$|[\s,])")
_PART_SPLIT_RE = re.compile(r"\s*(?:[,;]|\s[-–]\s)\s*")
_PUNCT_RE = re.compile(r"[^\w/ ]+")
_SPACES_RE = re.compile(r"\s+")


def _fold_address(address: str) -> str:
    s = fold(address)
    for rx, rep in _ABBREV:
        s = rx.sub(rep, s)
    return s


def _province_names() -> frozenset[str]:
    names = {_clean_part(fold(n)) for n in PROVINCES.values()}
    return frozenset(names | {"tp hcm", "tphcm", "hcm", "sai gon", "hue", "ba ria", "vung tau", "viet nam", "vn"})


def _door_number(part: str) -> re.Match | None:
    """The match of the door number (group 1) in one folded address part, or None."""
    m = _LEADING_RE.match(part)
    if m:
        return m
    for m in _MARKED_RE.finditer(part):
        before = part[:m.start()].split()
        if before and before[-1] in _NOT_DOOR_BEFORE:
            continue
        return m
    return None


def _clean_part(part: str) -> str:
    part = _PUNCT_RE.sub(" ", part)
    part = _NUMBER_RE.sub(lambda m: str(int(m.group())), part)
    return _SPACES_RE.sub(" ", part).strip()


def _tokens(text: str) -> list[str]:
    """The tokens of an address piece: place words joined to their number, other words alone."""
    pairs: list[str] = []

    def take(m: re.Match) -> str:
        pairs.append(_PAIR_CANON.get(m.group(1), m.group(1)) + m.group(2))
        return " "
    text = _PLACE_WORDS_RE.sub(" ", _PAIR_RE.sub(take, text))
    return pairs + text.split()


@lru_cache(maxsize=65536)
def household_key_from_address(address: str) -> str | None:
    """A key for the door an address names, or None when it names no house number (a rural
    "Thôn Nà Thí, xã Tân Văn, ..." never becomes one household).

    The key is the house number, then the other place words (street, alley, hamlet) as sorted units, so the
    writing order, commas, "số nhà"/"SN"/"nhà", case, diacritics, the commune and the province do not matter:
    "Số 12 Nguyễn Trãi, P.3" and "12 Nguyễn Trãi, phường 3" share "12 nguyen trai"."""
    if not address:
        return None
    parts: list[str] = []
    for p in _PART_SPLIT_RE.split(_fold_address(address)):
        if _ADMIN_RE.match(p):
            break
        if p:
            parts.append(p)
    for i, part in enumerate(parts):
        m = _door_number(part)
        if not m:
            continue
        number = _SPACES_RE.sub("", _NUMBER_RE.sub(lambda d: str(int(d.group())), m.group(1)))
        before = part[:m.start(1)].split()
        while before and before[-1] in _MARKERS:
            before.pop()
        texts = [" ".join(before), part[m.end(1):]] + parts[:i] + parts[i + 1:]
        tokens: list[str] = []
        for text in texts:
            text = _clean_part(text)
            if text and text not in _PROVINCE_NAMES:
                tokens += _tokens(text)
        return " ".join([number] + sorted(tokens))[:200]
    return None


_PROVINCE_NAMES = _province_names()
_SORT_MARK_RE = re.compile(r"^(?:so nha|nha so|sn|nha|so)\s*\.?\s*(?=\d)")


def _pad(m: re.Match) -> str:
    digits = m.group().lstrip("0") or "0"
    return f"{len(digits):02d}{digits}"


@lru_cache(maxsize=65536)
def address_sort_key(address: str) -> str:
    """A key whose plain order walks houses naturally: "Số 2" < "Số 10" < "Số 10A" < "12/3 Lê Lợi"; numbers
    compare by value, then the words; the commune and above are ignored."""
    parts = [p for p in _PART_SPLIT_RE.split(_fold_address(address or "")) if p]
    kept = []
    for p in parts:
        if _ADMIN_RE.match(p):
            break
        kept.append(_SORT_MARK_RE.sub("", p))
    s = _SPACES_RE.sub(" ", _PUNCT_RE.sub(" ", " ".join(kept))).strip()
    return _NUMBER_RE.sub(_pad, s)


_COMMUNE_KIND_RE = re.compile(r"^(?:xa|phuong|thi tran|dac khu)\s+")


def commune_match_key(name: str) -> str:
    """fold() without the kind word, so "Xã Tân Văn", "XA TAN VAN" and "Tân Văn" are the same commune."""
    return _COMMUNE_KIND_RE.sub("", fold(name or "")).strip()


def hamlet_from_address(address: str) -> str | None:
    """The hamlet an address names: its first part, before the commune, that starts with a hamlet kind
    ("Số 12, Tổ dân phố 3, phường Đông Kinh" -> "Tổ dân phố 3"), or None."""
    for part in _PART_SPLIT_RE.split(nfc(address).strip()):
        part = part.strip(" .")
        if not part:
            continue
        if _ADMIN_RE.match(fold(part)):
            return None
        kind, start = _split_kind(part.lower())
        if len(part) < 60 and kind and (kind not in _GENERIC_KINDS or _NUMBERED_RE.fullmatch(part[start:].strip())):
            return clean_hamlet_name(part)
    return None


# In an address, a plain "Khu" is a hamlet only with a number ("Khu 3"): "Khu đô thị mới", "Khu công nghiệp"
# and "Khu tập thể" are places inside a hamlet, not hamlets.
_GENERIC_KINDS = frozenset({"khu"})
_NUMBERED_RE = re.compile(r"[0-9]+[a-z]?|[ivxlc]+", re.I)
