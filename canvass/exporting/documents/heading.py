"""The official heading of every document: the commune police and its superior, read from the `commune`
table (or a resident's address), the place-and-date line, the scope lines under the title and the police
signature blocks."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from canvass.exporting.documents.model import SEAL_HINT, Official, Scope, Signature
from canvass.models import Commune, Hamlet, Resident, Team
from canvass.text import fold

_ADMIN_PREFIXES = (("thi tran", "THỊ TRẤN"), ("thi xa", "THỊ XÃ"), ("thanh pho", "THÀNH PHỐ"), ("tp.", "THÀNH PHỐ"),
                   ("xa", "XÃ"), ("phuong", "PHƯỜNG"), ("huyen", "HUYỆN"), ("quan", "QUẬN"), ("tinh", "TỈNH"))
_DISTRICT_WORDS = ("huyen ", "quan ", "thi xa ", "thanh pho ", "tp ")


def _split_admin(name: Optional[str], default: str) -> tuple[str, str]:
    """("XÃ", "Tân Văn") from "Xã Tân Văn" or "Tân Văn"."""
    name = (name or "").strip()
    folded = fold(name)
    for prefix, label in _ADMIN_PREFIXES:
        if folded.startswith(prefix + " ") or (prefix.endswith(".") and folded.startswith(prefix)):
            return label, name[len(prefix):].strip()
    return default, name


def official(session: Session) -> Official:
    """The heading of the commune police from the `commune` table (the first commune)."""
    c = session.scalars(select(Commune).order_by(Commune.id).limit(1)).first()
    if c is None:
        return Official(superior=None, issuer="CÔNG AN XÃ", place="……………", commune_upper="")
    kind, base = _split_admin(c.name, "XÃ")
    district, province = c.district, c.province
    if not district and not province:
        district, province = _from_address(session, fold(base))
    superior = None
    if district:
        dkind, dbase = _split_admin(district, "HUYỆN")
        superior = f"CÔNG AN {dkind} {dbase.upper()}"
    elif province:
        pkind, pbase = _split_admin(province, "TỈNH")
        superior = f"CÔNG AN {pkind} {pbase.upper()}"
    return Official(superior=superior, issuer=f"CÔNG AN {kind} {base.upper()}", place=base,
                    commune_kind=kind, commune_upper=base.upper(), commune_fold=fold(c.name))


def _from_address(session: Session, commune_base: str) -> tuple[Optional[str], Optional[str]]:
    """District and province read from a resident's address ("…, xã Tân Văn, huyện Bình Gia, tỉnh Lạng Sơn")
    when the commune row does not have them."""
    for (address,) in session.execute(select(Resident.address).where(Resident.address.is_not(None)).limit(20)):
        parts = [p.strip() for p in address.split(",")]
        folded = [fold(p) for p in parts]
        at = next((i for i, f in enumerate(folded) if f.endswith(commune_base)), None)
        if at is None:
            continue
        district = next((parts[i] for i in range(at + 1, len(parts)) if folded[i].startswith(_DISTRICT_WORDS)), None)
        province = next((parts[i] for i in range(at + 1, len(parts)) if folded[i].startswith("tinh ")), None)
        if district or province:
            return district, province
    return None, None


def short_address(address: Optional[str], commune_fold: str) -> Optional[str]:
    """An address without its commune, district and province (they are in the heading)."""
    if not address or not commune_fold:
        return address
    parts = address.split(",")
    for i, part in enumerate(parts):
        if i and fold(part) == commune_fold:
            return ",".join(parts[:i]).strip()
    return address


def scope_lines(session: Session, scope: Scope) -> list[str]:
    """The line under the title naming the hamlet and/or team a list is narrowed to (none for the commune)."""
    parts = []
    if scope.hamlet_id is not None and not scope.by_hamlet:
        parts.append(session.get(Hamlet, scope.hamlet_id).name)
    if scope.team_id is not None:
        parts.append(session.get(Team, scope.team_id).name)
    return [" - ".join(parts)] if parts else []


def as_of_line(scope: Scope) -> str:
    """"(Tính đến ngày dd/mm/yyyy)"."""
    return f"(Tính đến ngày {scope.as_of.strftime('%d/%m/%Y')})"


def police_signatures(off: Official) -> list[Signature]:
    """The two signatures of a police list: who drew it up, the head of the commune police (with the seal)."""
    return [Signature("NGƯỜI LẬP BIỂU"), Signature(f"TRƯỞNG CÔNG AN {off.commune_kind}", hint=SEAL_HINT)]
