"""What each exported document holds: its heading, title, columns, groups, sections and rows.

- `model.py`: the format-free `Document` (and Column, Section, Signature, Official, Scope) that `sheets.py`
  and `pdf.py` lay out;
- `heading.py`: the official heading (the commune police, its superior, place and date), the scope lines and
  the police signatures;
- `query.py`: the resident rows every list reads, streamed in chunks with their visits;
- `lists.py`: the four return lists on one skeleton; `walk.py`: the printed walk list.
"""
from canvass.exporting.documents.heading import official, police_signatures, short_address
from canvass.exporting.documents.lists import PERSON_COLUMNS, absent, activated, ineligible, wrong_phone
from canvass.exporting.documents.model import (MOTTO, NATION, SEAL_HINT, SIGN_HINT, Column, Document, Official,
                                               Scope, Section, Signature, roman)
from canvass.exporting.documents.query import Visit, visits_of
from canvass.exporting.documents.walk import OUTCOME_BOXES, walklist

BUILDERS = {"absent": absent, "ineligible": ineligible, "wrong-phone": wrong_phone, "activated": activated,
            "walklist": walklist}

__all__ = ["BUILDERS", "MOTTO", "NATION", "OUTCOME_BOXES", "PERSON_COLUMNS", "SEAL_HINT", "SIGN_HINT", "Column",
           "Document", "Official", "Scope", "Section", "Signature", "Visit", "absent", "activated", "ineligible",
           "official", "police_signatures", "roman", "short_address", "visits_of", "walklist", "wrong_phone"]
