"""Item models of the window: tables over ids with lazily fetched rows (filtering and sorting in SQL)."""
