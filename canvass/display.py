"""How a resident is shown: a household's label, a birth year, a phone and a masked number.

One home, shared on purpose by every place that shows a resident: the printed lists and the walk list
(`canvass.exporting.documents`), the team pack (`canvass.packs.export`), the residents table, the keying
view and the details dialog; and by the pack merge, which finds a returned row by the same birth year the
pack printed (a second copy of the year rule once made year-only birth dates unmatchable).

Rules:
- Birth year: the year of the date of birth; else the year `canvass.dates.parse_date` reads in the text as
  written ("1986", "00/00/1986", "3/1986"); else none.
- Phone: stored in E.164; shown the way people write it in Vietnam ("0912345678", or "0912 345 678" in
  the window); a number that did not parse is shown as written.
- Household: the list's number, else its address key. A household of one that the importer made up
  (key "~" + CCCD) has no label of its own: it is never shown, a walk list names its resident instead.
- Masked documents and packs (`mask=True`) show only the last MASK_KEEP digits of a CCCD or phone, and
  in free text (notes, addresses, labels) every run of LONG_RUN digits or more, digit groups written with
  spaces, dots or hyphens included, is masked the same way: no full number leaves through a field nobody
  thought of.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

MASK_KEEP = 3
LONG_RUN = 9      # the shortest identifier: a 9-digit CMND (CCCD 12, phones 10)
GENERATED_KEY = "~"
_LONG_DIGITS = re.compile(r"\d(?:[ .\-]?\d){%d,}" % (LONG_RUN - 1))


def birth_year(dob: Optional[dt.date], dob_raw: Optional[str]) -> Optional[int]:
    """The year of birth shown for a resident (see the module's rule)."""
    if dob is not None:
        return dob.year
    if not dob_raw:
        return None
    from canvass.dates import parse_date
    return parse_date(dob_raw).year


def phone_text(e164: Optional[str], raw: Optional[str] = None) -> Optional[str]:
    """A phone as people write it: +84912345678 -> 0912345678; the text as written when it did not parse."""
    if e164:
        return "0" + e164[3:] if e164.startswith("+84") else e164
    return raw or None


def phone_grouped(e164: Optional[str], raw: Optional[str] = None) -> str:
    """A phone for the window, in groups (0912 345 678); the text as written when it is not Vietnamese."""
    if e164 and e164.startswith("+84") and len(e164) == 12:
        local = "0" + e164[3:]
        return f"{local[:4]} {local[4:7]} {local[7:]}"
    return e164 or raw or ""


def masked_number(value: Optional[str], keep: int = MASK_KEEP) -> Optional[str]:
    """All but the last `keep` digits of a CCCD or phone hidden ("*********493"); separators before the kept
    digits are dropped, so the mask does not tell how the number was grouped."""
    if not value:
        return value
    digits = sum(ch.isdigit() for ch in value)
    if digits <= keep:
        return "*" * len(value)
    seen, out = 0, []
    for ch in reversed(value):
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= keep else "*")
        elif seen < keep:
            out.append(ch)
    return "".join(reversed(out))


def scrub_numbers(text: Optional[str]) -> Optional[str]:
    """Free text with every run of LONG_RUN or more digits masked (a CCCD or phone quoted in a note)."""
    if not text or not any(ch.isdigit() for ch in text):
        return text
    return _LONG_DIGITS.sub(lambda m: masked_number(m.group(0)), text)


def shown_number(value: Optional[str], mask: bool) -> Optional[str]:
    """A CCCD or phone as a document shows it: whole, or masked."""
    return masked_number(value) if mask else value


def shown_text(text: Optional[str], mask: bool) -> Optional[str]:
    """Free text as a document shows it: as written, or with long digit runs masked."""
    return scrub_numbers(text) if mask else text


def is_generated_household(key: Optional[str]) -> bool:
    """Whether a household key was made up by the importer for a household of one (never shown)."""
    return bool(key) and key.startswith(GENERATED_KEY)


def household_label(number: Optional[str], key: Optional[str]) -> Optional[str]:
    """How a household is named in a table or a pack: the list's number, else its address key; None for a
    household of one made up by the importer."""
    if number:
        return number
    if key and not is_generated_household(key):
        return key
    return None


def household_heading(number: Optional[str], key: Optional[str], head: Optional[str], address: Optional[str],
                      *, resident_name: Optional[str] = None, mask: bool = False) -> str:
    """A household's heading on a walk list: "Hộ số 12 - chủ hộ Nông Văn A - Số 5, đường Pác Bó".

    A household without a label of its own (none, or one made up by the importer) is named by its resident
    (`resident_name`) or head; free text is scrubbed when the document is masked.
    """
    label = household_label(number, key)
    if label:
        parts = [f"Hộ số {label}"] + ([f"chủ hộ {head}"] if head else [])
    else:
        name = resident_name or head
        parts = [name] if name else ["Hộ"]
    if address:
        parts.append(address)
    return shown_text(" - ".join(parts), mask)




def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index (0 -> A, 26 -> AA)."""
    name, n = "", index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        name = chr(65 + rem) + name
    return name


__all__ = ["MASK_KEEP", "LONG_RUN", "birth_year", "phone_text", "phone_grouped", "masked_number", "scrub_numbers",
           "shown_number", "shown_text", "is_generated_household", "household_label", "household_heading",
           "column_letter"]
