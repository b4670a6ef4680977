"""Gõ Cửa domain core: plain Python over SQLAlchemy. It never imports Qt (a test checks)."""

__version__ = "0.1.0"
