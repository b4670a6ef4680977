"""A mistyped database path into a missing folder is an error, not a new database somewhere unexpected; the
program's own data folder is made on first use."""
from __future__ import annotations

import pytest

from canvass.cli import main
from canvass.db import MissingFolder, default_path, open_database


def test_a_path_into_a_missing_folder_is_refused_and_nothing_is_made(tmp_path, capsys):
    target = tmp_path / "Documets" / "xa" / "c.db"          # a typo in a folder's name
    code = main(["--db", str(target), "stats"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("canvass: ") and err.count("\n") == 1
    assert str(target.parent) in err and "does not exist" in err
    assert not (tmp_path / "Documets").exists()
    with pytest.raises(MissingFolder) as info:
        open_database(target)
    assert info.value.code == "missing_folder" and info.value.folder == str(target.parent)
    assert not (tmp_path / "Documets").exists()


def test_the_program_data_folder_is_made_on_first_use(tmp_path, monkeypatch):
    monkeypatch.delenv("CANVASS_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh home" / "share"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "fresh home" / "share"))
    assert not default_path().parent.exists()
    db = open_database()
    db.dispose()
    assert default_path().is_file()
    sample = open_database(default_path().parent / "sample_commune.db")   # the sample goes there too
    sample.dispose()
