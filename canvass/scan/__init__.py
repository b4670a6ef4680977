"""Reading a ticked paper walk list back from a phone photo (or a scanned PDF).

- `layout.py`: what a printed walk-list page carries for the camera (four corner markers, a QR code with the
  page's key) and where; one home shared by the PDF writer and the reader.
- `printing.py`: the record of every printed page (`walklist_page`: its key, team, day, and where each
  resident's row and outcome boxes were printed); rows on a photo map to residents only through it.
- `reader.py`: finds the page in an image, straightens it, reads every row's boxes and proposes outcomes.
- `apply.py`: records the sure proposals as visits through the event log, once per photo and row.
"""
