"""A package that installs: `pip install` of the built wheel (not editable) into a fresh virtual environment,
run from another folder, imports the sample list, exports a PDF with Vietnamese text and opens the window.

The wheel is built without network from this checkout; the new environment gets the project's dependencies
from the test's own environment through a path file (installing PySide6 again would take minutes), but
`canvass`, `ui` and `resources` come only from the wheel: the test checks where they were imported from."""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from tests.helpers import require_tool

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import sys
import canvass, resources, ui
for mod in (canvass, resources, ui):
    assert sys.argv[1] in mod.__file__, mod.__file__
from canvass.db import open_database
from canvass.exporting import export
from canvass.start import import_sample
db = open_database("commune.db")
result = import_sample(db, resources.path("sample", "sample_commune.xlsx"))
assert result.imported > 100, result
export(db, "walklist", "walk.pdf")
db.dispose()
print("ok")
"""


def _run(args, **kw):
    proc = subprocess.run(args, capture_output=True, text=True, timeout=300, **kw)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    return proc.stdout


def test_the_installed_wheel_imports_exports_and_opens_the_window(tmp_path):
    pdftotext = require_tool("pdftotext")
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels),
          str(ROOT)])
    wheel = next(wheels.glob("canvass-*.whl"))
    env_dir = tmp_path / "env"
    _run([sys.executable, "-m", "venv", str(env_dir)])
    py = env_dir / "bin" / "python"
    _run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)])
    site = Path(_run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip())
    (site / "zz_project_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CANVASS_DB")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(work), XDG_DATA_HOME=str(work / "data"),
               XDG_CONFIG_HOME=str(work / "config"))
    assert _run([str(py), "-c", SCRIPT, str(site)], cwd=work, env=env).strip() == "ok"
    text = _run([pdftotext, str(work / "walk.pdf"), "-"])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text      # the embedded font draws Vietnamese

    shot = work / "shot.png"
    _run([str(env_dir / "bin" / "gocua"), "--screenshot", str(shot), "--db", str(work / "commune.db"),
          "--lang", "vi"], cwd=work, env=env)
    assert shot.stat().st_size > 20_000                        # a drawn window, not an empty image
