"""`canvass backup [OUT]` and `canvass restore FILE` (the embedded SQLite database; see canvass/backup.py)."""
from __future__ import annotations


def _backup(args, db) -> int:
    from canvass.backup import backup_now

    path = backup_now(db, args.out)
    print(f"backup written to {path}")
    return 0


def _restore(args, db) -> int:
    from canvass.backup import restore

    res = restore(db, args.file)
    print(f"restored {res.restored}; the database as it was is kept in {res.kept}")
    return 0


def register(sub) -> None:
    """Add the `backup` and `restore` commands."""
    b = sub.add_parser("backup", help="copy the database (default: into the 'backups' folder beside it)")
    b.add_argument("out", nargs="?", help="the file to write, or a folder to put it in")
    b.set_defaults(func=_backup)
    r = sub.add_parser("restore", help="put a backup back (the current database is kept as a backup first)")
    r.add_argument("file", help="a backup made by Gõ Cửa")
    r.set_defaults(func=_restore)
