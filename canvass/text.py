"""Vietnamese text: Unicode normalisation, folding for search, names, and the Vietnamese sort key."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Combining marks that are part of a Vietnamese letter (ă â ê ô ơ ư) versus the five tone marks.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
# Vietnamese alphabet order, with the Latin letters Vietnamese does not use slotted in.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {ch: 10 + i for i, ch in enumerate(_ALPHABET)}
_RANK.update({str(d): d for d in range(10)})
_SPACE_RE = re.compile(r"\s+")


def nfc(s: str) -> str:
    """NFC-normalise and collapse runs of white space (including non-breaking spaces)."""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", s)).strip()


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Lower case, no diacritics, đ->d, single spaces: the form searches compare."""
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d").replace("Đ", "d"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return _SPACE_RE.sub(" ", s).strip()


def clean_name(s: str) -> str:
    """A person's name as it should be shown: NFC, single spaces, each word capitalised Vietnamese-style."""
    s = nfc(s)
    return " ".join(w[:1].upper() + w[1:].lower() for w in s.split(" ")) if s else s


def _letters(word: str) -> tuple[str, str]:
    """Primary (letters) and secondary (tones) sort codes of one word."""
    primary, tones = [], []
    for ch in word.lower():
        parts = unicodedata.normalize("NFD", ch)
        base = parts[0] + "".join(m for m in parts[1:] if m in _LETTER_MARKS)
        letter = unicodedata.normalize("NFC", base)
        tone = next((_TONES[m] for m in parts[1:] if m in _TONES), 0)
        rank = _RANK.get(letter)
        if rank is None:
            folded = fold(letter)
            rank = _RANK.get(folded[:1], 70) if folded else 70
        primary.append(chr(0x30 + rank))
        tones.append(str(tone))
    return "".join(primary), "".join(tones)


@lru_cache(maxsize=65536)
def sort_key(s: str) -> str:
    """A string whose plain (binary) order is Vietnamese dictionary order: letters A Ă Â … D Đ …,
    then tones (ngang, huyền, hỏi, ngã, sắc, nặng) as a tie-break."""
    words = nfc(s).split(" ")
    prim, sec = zip(*(_letters(w) for w in words)) if s.strip() else ((), ())
    return "!".join(prim) + " " + "".join(sec)


@lru_cache(maxsize=65536)
def name_sort_key(name: str) -> str:
    """Vietnamese name order: by given name (the last word), then the family and middle names."""
    words = nfc(name).split(" ")
    if len(words) == 1:
        return sort_key(words[0])
    return sort_key(words[-1]) + "\x1f" + sort_key(" ".join(words[:-1]))
