"""gocua.log rotates: a few files of about a megabyte, however long the program runs."""
from __future__ import annotations

import logging


def test_the_log_file_rotates(tmp_path, monkeypatch):
    from ui.app import LOG_BYTES, LOG_FILES, setup_logging

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("APPDATA", str(tmp_path))
    handler = setup_logging()
    log = logging.getLogger("gocua")
    try:
        line = "unexpected canvass.example.Error\n" + "  File \"x.py\", line 1, in f\n" * 20
        for _ in range(LOG_BYTES * (LOG_FILES + 2) // len(line)):
            log.error(line)
    finally:
        log.removeHandler(handler)
        handler.close()
    from canvass.db import default_path

    folder = default_path().parent
    assert tmp_path in folder.parents
    files = sorted(p.name for p in folder.glob("gocua.log*"))
    assert files == ["gocua.log"] + [f"gocua.log.{i}" for i in range(1, LOG_FILES + 1)]
    assert all((folder / f).stat().st_size <= LOG_BYTES for f in files)
