"""The command-line contract of `import` and `residents`."""
from __future__ import annotations

import json

from canvass.cli import main
from tests.core.importfiles import people, person, standard_rows, write_xlsx

IMPORT_KEYS = {"rows_read", "imported", "updated", "unchanged", "duplicates", "activated_per_system", "rejected",
               "warnings", "hamlets", "households", "batch", "mode", "extracted_on", "extracted_from", "would_activate",
               "open_residents", "partial_list", "newer_list", "kept_newer", "notices", "sheets_skipped",
               "commune", "communes"}   # the commune it went to; a list of several: each one's log
RESIDENT_KEYS = {"id", "name", "cccd", "id_raw", "phone", "phone_raw", "dob", "hamlet", "household", "status", "team"}


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_json_contract(tmp_path, capsys):
    dbp = str(tmp_path / "c.db")
    ps = people(3) + [dict(person(9), name=""), dict(person(2), stt=5, phone="0987000000")]
    path = write_xlsx(tmp_path / "l.xlsx", standard_rows(ps))
    code, out, err = _run(capsys, "--db", dbp, "import", str(path), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == IMPORT_KEYS
    assert (data["rows_read"], data["imported"], data["duplicates"], data["batch"]) == (5, 3, 1, 1)
    assert data["rejected"] == [{"sheet": "Danh sách", "row": 11, "reason": "no name"}]
    assert all(set(w) == {"sheet", "row", "field", "message", "code", "params"} for w in data["warnings"])
    assert any(w["row"] == 12 and w["field"] == "cccd" for w in data["warnings"])
    code, out, _ = _run(capsys, "--db", dbp, "import", str(path), "--json")
    assert json.loads(out)["unchanged"] == 3 and json.loads(out)["batch"] == 2


def test_import_human_summary_and_dry_run(tmp_path, capsys):
    dbp = str(tmp_path / "c.db")
    path = write_xlsx(tmp_path / "l.xlsx", standard_rows(people(2)))
    code, out, _ = _run(capsys, "--db", dbp, "import", str(path), "--dry-run")
    assert code == 0 and "2 mới" in out
    code, out, _ = _run(capsys, "--db", dbp, "residents", "--json")
    assert json.loads(out) == []
    code, out, _ = _run(capsys, "--db", dbp, "import", str(path))
    assert code == 0 and "Lần nhập #1" in out


def test_import_bad_file_exit_1_one_line_db_unchanged(tmp_path, capsys):
    dbp = str(tmp_path / "c.db")
    bad = tmp_path / "x.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    code, out, err = _run(capsys, "--db", dbp, "import", str(bad), "--json")
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    code, out, _ = _run(capsys, "--db", dbp, "residents", "--json")
    assert json.loads(out) == []


def test_residents_filters_and_json(tmp_path, capsys):
    dbp = str(tmp_path / "c.db")
    ps = people(3) + [person(10, hamlet="Thôn Pò Đứa", name="Đinh Đức Đạt", phone="")]
    _run(capsys, "--db", dbp, "import", str(write_xlsx(tmp_path / "l.xlsx", standard_rows(ps))))
    code, out, _ = _run(capsys, "--db", dbp, "residents", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 4 and all(set(r) == RESIDENT_KEYS for r in rows)
    code, out, _ = _run(capsys, "--db", dbp, "residents", "--search", "dinh duc", "--json")
    found = json.loads(out)
    assert [r["name"] for r in found] == ["Đinh Đức Đạt"]
    assert found[0]["phone"] is None and found[0]["hamlet"] == "Thôn Pò Đứa" and found[0]["status"] == "pending"
    assert found[0]["dob"] == "1965-11-11" and found[0]["team"] is None
    code, out, _ = _run(capsys, "--db", dbp, "residents", "--hamlet", "po dua", "--json")
    assert [r["name"] for r in json.loads(out)] == ["Đinh Đức Đạt"]
    code, out, _ = _run(capsys, "--db", dbp, "residents", "--status", "activated_system", "--json")
    assert json.loads(out) == []
    code, out, _ = _run(capsys, "--db", dbp, "residents", "--team", "none", "--limit", "2", "--json")
    assert len(json.loads(out)) == 2
    code, out, err = _run(capsys, "--db", dbp, "residents", "--hamlet", "Không Có")
    assert code == 1 and "không có thôn" in err        # Vietnamese unless CANVASS_LANG=en


def test_import_summary_and_file_errors_speak_the_command_lines_language(tmp_path, capsys, monkeypatch):
    """The summary is Vietnamese, and so are a rejected row's reason and a file that cannot be read (both were
    printed in the importer's English: "no name", "no such file: x.xlsx"); CANVASS_LANG=en gives English."""
    monkeypatch.delenv("CANVASS_LANG", raising=False)
    dbp = str(tmp_path / "c.db")
    path = write_xlsx(tmp_path / "l.xlsx", standard_rows(people(2) + [dict(person(9), name="")]))
    code, out, _ = _run(capsys, "--db", dbp, "import", str(path), "--dry-run")
    assert code == 0 and "dòng 10: Không có họ tên" in out and "no name" not in out
    bad = tmp_path / "x.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    code, _, err = _run(capsys, "--db", dbp, "import", str(bad))
    assert code == 1 and err.strip() == "canvass: Đây không phải bảng tính hay danh sách CSV."
    code, _, err = _run(capsys, "--db", dbp, "import", str(tmp_path / "missing.xlsx"))
    assert code == 1 and err.strip() == "canvass: Tệp không tồn tại."
    monkeypatch.setenv("CANVASS_LANG", "en")
    code, out, _ = _run(capsys, "--db", dbp, "import", str(path), "--dry-run")
    assert "dòng 10: No name" in out
    code, _, err = _run(capsys, "--db", dbp, "import", str(bad))
    assert err.strip() == "canvass: This is not a spreadsheet or CSV list."
