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
# Format characters (Unicode category Cf): invisible, and never part of a Vietnamese name, number or header:
# direction marks and overrides (U+200E/F, U+202A-E, U+2066-9), zero-width space/joiners, word joiner, soft
# hyphen, BOM, tags... They come pasted from web pages, Word, chat apps and right-to-left-aware editors, and
# make "Họ và t\u202eên" no header at all. The one rule: every text cell loses them (`strip_format`, applied
# by the readers to every cell as read, and by `nfc`/`fold` to every other text).
# Listed once here from the Unicode database of the running Python (a test checks the list is complete).
FORMAT_CHARS: str = "".join(chr(cp) for cp in (*range(0x00AD, 0x00AE), *range(0x0600, 0x0606), 0x061C, 0x06DD,
                                               0x070F, *range(0x0890, 0x0892), 0x08E2, 0x180E,
                                               *range(0x200B, 0x2010), *range(0x202A, 0x202F),
                                               *range(0x2060, 0x2065), *range(0x2066, 0x2070), 0xFEFF,
                                               *range(0xFFF9, 0xFFFC), 0x110BD, 0x110CD,
                                               *range(0x13430, 0x13441), *range(0x1BCA0, 0x1BCA4),
                                               *range(0x1D173, 0x1D17B), 0xE0001, *range(0xE0020, 0xE0080))
                              if unicodedata.category(chr(cp)) == "Cf")
_INVISIBLE = dict.fromkeys(map(ord, FORMAT_CHARS))


def _char_class(chars: str) -> str:
    """A regex character class of `chars` written as ranges (a class of single astral characters is ~10x
    slower to search)."""
    ranges: list[list[int]] = []
    for cp in sorted(map(ord, chars)):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges) + "]"


_FORMAT_RE = re.compile(_char_class(FORMAT_CHARS))
# ... and the Icelandic eth (Ð U+00D0), which looks like Đ and is what some keyboards and font conversions type.
_REPAIR = {**_INVISIBLE, 0x00D0: "Đ", 0x00F0: "đ"}
_REPAIR_RE = re.compile(_char_class("".join(map(chr, _REPAIR))))


def _fold_table() -> dict[int, str | None]:
    """str.translate table: every precomposed Latin letter to its base letter(s), combining marks removed."""
    table: dict[int, str | None] = dict(_INVISIBLE)
    for cp in range(0x00C0, 0x2000):
        ch = chr(cp)
        if unicodedata.combining(ch):
            table[cp] = None
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if base != ch:
            table[cp] = base
    table[ord("đ")] = table[ord("Đ")] = "d"
    table[ord("ð")] = table[ord("Ð")] = "d"
    return table


_FOLD = _fold_table()


# A printable text (str.isprintable: no character of Unicode's "Other" or "Separator" categories but the
# space) holds no format character, all of them being "Other, format" (Cf); the C check is several times faster
# than searching the character class, so most Vietnamese text skips the search.


def strip_format(s: str) -> str:
    """The text without format characters (FORMAT_CHARS: direction marks, zero-width characters, BOM...);
    white space and everything else as it was."""
    if s.isascii() or s.isprintable() or not _FORMAT_RE.search(s):
        return s
    return s.translate(_INVISIBLE)


def nfc(s: str) -> str:
    """NFC-normalise, drop format characters (FORMAT_CHARS) and collapse runs of white space (including
    non-breaking)."""
    if not s.isascii():
        if (not s.isprintable() and _REPAIR_RE.search(s)) or "\u00d0" in s or "\u00f0" in s:   # _REPAIR's keys
            s = s.translate(_REPAIR)
        s = unicodedata.normalize("NFC", s)
    return " ".join(s.split())  # str.split() knows the same white space as re's \s, and is 3x faster


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Lower case, no diacritics, đ->d, single spaces: the form searches compare."""
    s = s.lower()
    if not s.isascii():
        s = s.translate(_FOLD)
        if not s.isascii():  # letters outside the table (rare): the slow, exact way
            s = "".join(ch for ch in unicodedata.normalize("NFD", s) if not unicodedata.combining(ch))
    return " ".join(s.split())


@lru_cache(maxsize=65536)
def clean_name(s: str) -> str:
    """A person's name as it should be shown: NFC, single spaces, each word capitalised Vietnamese-style, also
    after an apostrophe or hyphen (all caps, all lower and mixed input alike: "NGUYỄN văn AN" -> "Nguyễn Văn An",
    "H'HEN NIÊ" -> "H'Hen Niê", "y-moan" -> "Y-Moan")."""
    return nfc(s).title()  # NFC letters are precomposed, so str.title() capitalises each syllable correctly


@lru_cache(maxsize=65536)
def _letters(word: str) -> tuple[str, str]:
    """Primary (letters) and secondary (tone) sort codes of one word. A syllable has one tone wherever its
    mark sits, so the old and new placements ("hoà"/"hòa", "thuý"/"thúy") sort alike."""
    primary = []
    word_tone = 0
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
        word_tone = word_tone or tone
    return "".join(primary), str(word_tone)


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
