"""Gõ Cửa desktop window (PySide6): a client of the `canvass` core."""
