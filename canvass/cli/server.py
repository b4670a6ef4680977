"""`canvass --db URL server init` and `canvass --db URL users add|list|disable` (see canvass/server.py).

The new login's password comes from $CANVASS_NEW_PASSWORD or is typed twice at a prompt (not echoed); it is
never printed, logged or sent to the server in plain text."""
from __future__ import annotations

import getpass
import os

from canvass.cli import print_json
from canvass.errors import InvalidInput

PASSWORD_VAR = "CANVASS_NEW_PASSWORD"
ROLES = ("police", "province", "lead", "viewer")   # canvass.server.ROLES (a test keeps them equal; the help
                                                   # must not load the server module and SQLAlchemy)


def _password() -> str:
    value = os.environ.get(PASSWORD_VAR)
    if value:
        return value
    try:
        first = getpass.getpass("Mật khẩu / password: ")
        second = getpass.getpass("Nhập lại / again: ")
    except EOFError:
        raise InvalidInput("password_missing") from None
    if not first:
        raise InvalidInput("password_missing")
    if first != second:
        raise InvalidInput("password_mismatch")
    return first


def _init(args, db) -> int:
    from canvass.server import init_server

    res = init_server(db)
    made = ", ".join(res.roles_created) or "-"
    print(f"server ready: schema {res.schema_version}, {res.policies} policies; group roles created: {made}")
    return 0


def _where(u) -> str:
    parts = []
    if u.commune_id is not None:
        parts.append(f"commune {u.commune or u.commune_id}")
    if u.team_id is not None:
        parts.append(f"team {u.team or u.team_id}")
    return ", ".join(parts) or "all communes"


def _add(args, db) -> int:
    from canvass.server import add_user

    u = add_user(db, args.login, args.role, _password(), commune=args.commune, team=args.team)
    print(f"login {u.login} added: {u.role}, {_where(u)}")
    return 0


def _list(args, db) -> int:
    from dataclasses import asdict

    from canvass.server import list_users

    users = list_users(db)
    if args.json:
        print_json([asdict(u) for u in users])
        return 0
    for u in users:
        print(f"{u.login}\t{u.role}\t{_where(u)}\t{'active' if u.active else 'disabled'}")
    return 0


def _disable(args, db) -> int:
    from canvass.server import disable_user

    u = disable_user(db, args.login)
    print(f"login {u.login} disabled")
    return 0


def register(sub) -> None:
    """Add the `server` and `users` commands."""
    s = sub.add_parser("server", help="set up a shared PostgreSQL server (run by its owner)")
    ssub = s.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    i = ssub.add_parser("init", help="create or update the schema, the group roles, grants and row-level policies")
    i.set_defaults(func=_init)

    u = sub.add_parser("users", help="logins of a shared PostgreSQL server (run by its owner)")
    usub = u.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    a = usub.add_parser("add", help=f"create a login (password from ${PASSWORD_VAR} or a prompt)")
    a.add_argument("login")
    a.add_argument("--role", required=True, choices=ROLES)
    a.add_argument("--commune", help="the commune (name or id): police, optionally lead or viewer")
    a.add_argument("--team", help="the team (name or id): lead")
    a.set_defaults(func=_add)
    ls = usub.add_parser("list", help="every login with its role, commune or team")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=_list)
    d = usub.add_parser("disable", help="stop a login (its events keep its name)")
    d.add_argument("login")
    d.set_defaults(func=_disable)
