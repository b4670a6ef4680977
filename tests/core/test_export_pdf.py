"""Every document as PDF: it renders (not blank), carries the Vietnamese heading and the residents' names as
text, embeds its font, and masking hides the identifiers."""
from __future__ import annotations

import subprocess

import pytest
from PIL import Image
from sqlalchemy import select

from canvass.db import open_database
from canvass.errors import InvalidInput
from canvass.exporting import KINDS, export
from canvass.display import phone_text
from canvass.models import Resident
from tests.core.test_export_lists import build
from tests.helpers import require_tool


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """Every kind exported to PDF from one database."""
    folder = tmp_path_factory.mktemp("pdfs")
    db = open_database(folder / "p.db")
    build(db)
    files = {kind: export(db, kind, folder / f"{kind}.pdf") for kind in KINDS}
    yield db, files, folder
    db.dispose()


def pdf_text(path) -> str:
    exe = require_tool("pdftotext")
    return subprocess.run([exe, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout.decode()


def render(path, folder, page=1, dpi=50) -> Image.Image:
    exe = require_tool("pdftoppm")
    prefix = folder / f"{path.stem}-p{page}"
    subprocess.run([exe, "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile", str(path),
                    str(prefix)], check=True)
    return Image.open(f"{prefix}.png").convert("L")


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_renders_with_heading_and_names(pdfs, kind):
    db, files, folder = pdfs
    path = folder / f"{kind}.pdf"
    img = render(path, folder)
    w, h = img.size
    assert w > h  # landscape A4
    dark = sum(img.histogram()[:128])
    assert dark > 0.005 * w * h  # not blank: heading, table rules and text
    text = pdf_text(path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "CÔNG AN XÃ TÂN VĂN" in text and "CÔNG AN HUYỆN BÌNH GIA" in text
    assert "Tân Văn, ngày " in text and "NGƯỜI LẬP BIỂU" in text
    assert "Trang 1/" in text
    status = {"absent": ["absent"], "ineligible": ["ineligible"], "wrong-phone": ["wrong_phone"],
              "activated": ["activated", "activated_system"],
              "walklist": ["pending", "absent", "revisit", "refused", "wrong_phone"]}.get(kind)
    if status:
        with db.session() as s:
            names = list(s.scalars(select(Resident.name).where(Resident.status.in_(status))))
        assert names and all(n in text for n in names)
        assert files[kind].rows == len(names)
    else:
        assert "Thôn Nà Thí" in text and "Tổ 1" in text and "Cộng toàn xã" in text


def test_ineligible_pdf_has_the_committee_block(pdfs):
    _db, _files, folder = pdfs
    text = pdf_text(folder / "ineligible.pdf")
    assert "XÁC NHẬN CỦA UBND XÃ TÂN VĂN" in text and "CHỦ TỊCH" in text
    assert "Người cao tuổi, sức khỏe yếu" in text


def test_font_is_embedded(pdfs):
    _db, _files, folder = pdfs
    exe = require_tool("pdffonts")
    out = subprocess.run([exe, str(folder / "absent.pdf")], capture_output=True, check=True, text=True).stdout
    lines = [line for line in out.splitlines() if "LiberationSerif" in line]
    assert lines and all(" yes " in line for line in lines)  # embedded subsets


def test_walklist_pdf_pages_repeat_the_header_and_masking_hides_identifiers(db, tmp_path):
    build(db, hostile=False)
    out = tmp_path / "masked.pdf"
    export(db, "walklist", out, mask=True)
    text = pdf_text(out)
    with db.session() as s:
        people = list(s.scalars(select(Resident)))
    assert not any(r.cccd in text or phone_text(r.phone) in text for r in people)
    assert "*********" + people[0].cccd[-3:] in text
    # a team's list over several pages repeats the table header on each of them
    pages = text.split("\f")
    with_rows = [p for p in pages if "Chưa xác minh" in p or "Vắng mặt" in p]
    assert len(with_rows) >= 2 and all("Họ và tên" in p for p in with_rows)
    assert "Tổ 1 - tờ 1" in text


def test_too_many_rows_for_a_pdf(db, tmp_path, monkeypatch):
    build(db, hostile=False)
    import canvass.exporting as exporting
    monkeypatch.setattr(exporting, "MAX_PDF_ROWS", 3)
    with pytest.raises(InvalidInput, match="too many for a PDF"):
        export(db, "walklist", tmp_path / "big.pdf")
    assert not (tmp_path / "big.pdf").exists()
