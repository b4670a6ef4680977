"""The child process of the kill tests: `python -m tests.core.killchild OP DB [ARGS]`.

It imports everything first, prints `go` (flushed) just before the operation starts, runs it and prints
`done`. The parent SIGKILLs it at a random moment after `go`. OP:
- `create DB [kill-in-ddl]`: open (create) a database; `kill-in-ddl` makes the child SIGKILL itself right
  after the first table of the schema is created (one deterministic kill inside the DDL).
- `import DB FILE`: open (or create) the database and import a list.
- `merge DB FILE`: merge a returned team pack.
- `export DB KIND OUT`: write an export.
- `restore DB FILE`: put a backup back.
"""
from __future__ import annotations

import os
import signal
import sys


def _go() -> None:
    sys.stdout.write("go\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    """Run one operation."""
    op, path, *rest = argv
    from canvass.db import open_database
    if op == "create":
        if rest and rest[0] == "kill-in-ddl":
            from sqlalchemy import event

            from canvass.models import Base

            first = Base.metadata.sorted_tables[0]
            event.listen(first, "after_create", lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL))
        _go()
        open_database(path).dispose()
    elif op == "import":
        from canvass.importing import run_import
        _go()
        db = open_database(path)
        run_import(db, rest[0], actor="kill test")
        db.dispose()
    elif op == "merge":
        from canvass.packs import import_pack
        db = open_database(path)
        _go()
        import_pack(db, rest[0], actor="kill test")
        db.dispose()
    elif op == "export":
        from canvass.exporting import export
        db = open_database(path)
        _go()
        export(db, rest[0], rest[1], actor="kill test")
        db.dispose()
    elif op == "restore":
        from canvass.backup import restore
        db = open_database(path)
        _go()
        restore(db, rest[0])
        db.dispose()
    else:
        raise SystemExit(f"unknown operation {op}")
    sys.stdout.write("done\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
