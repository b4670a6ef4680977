"""The program's package data: fonts, icons, the sample commune list, the style sheet, the translations.

Every file is found through `importlib.resources`, so an installed package (a wheel, `pip install .`, the
Windows build) finds them as well as a checkout does; nothing looks for them relative to another module.
The package is installed as plain files (never zipped), so a resource is a real path that Qt and fpdf2 open.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def path(*parts: str) -> Path:
    """The file or folder `resources/<parts...>` as a filesystem path."""
    return Path(str(files(__name__).joinpath("/".join(parts))))


__all__ = ["path"]
