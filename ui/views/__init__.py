"""The main window's views (tabs)."""
