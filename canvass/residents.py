"""The residents query: filter, search and sort residents in SQL, and fetch table rows for a page of ids.

The window's table model and the `canvass residents` command both use it. Search ignores case and
Vietnamese diacritics ("d" finds "đ") by comparing against the stored folded name (`name_fold`):
every word of the query must be the start of a word of the name (so "ng v an" finds "Nguyễn Văn An"),
looked up in the `resident_word` index table (an index range, not a scan of 300k names) when one word
is selective, else by one pass over the narrow index of folded names; a word of at least three digits may
instead start the CCCD, the phone or the new phone a visit reported ("0912…", "84912…" and "912…" all mean
+84912…), or end one of them: masked lists show the last three digits and people read out the end of a
phone. An ending is a prefix of the reversed number, which the database keeps in an indexed column
(`Resident.cccd_rev`, `phone_rev`, `phone_new_rev`), so it is an index range too, never a scan. A word of
one or two digits only matches name words: "0" would start nearly every phone and many CCCDs (300k
matches, up to 2 s, while the user is still typing towards a useful prefix).
Plain SQLAlchemy Core: the same SQL runs on SQLite and PostgreSQL.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from typing import Optional, Sequence

from sqlalchemy import Connection, and_, false, func, inspect, or_, select, union
from sqlalchemy.orm import Session

from canvass.display import household_label
from canvass.models import SORTABLE_RESIDENT_COLUMNS, Hamlet, Household, Resident, ResidentWord, Team
from canvass.text import fold

_TOKEN_RE = re.compile(r"[0-9a-z]+")
_DIGIT_GROUP_RE = re.compile(r"(?<=\d)[\s.\-](?=\d)")
MIN_NUMBER_DIGITS = 3   # a shorter digit word does not search CCCDs and phones


@dataclass(frozen=True)
class ResidentQuery:
    """What the residents table shows: a search text, filters and a sort order."""
    search: str = ""                        # name, CCCD or phone; ignores case and diacritics
    hamlet_ids: tuple[int, ...] = ()
    team_ids: tuple[Optional[int], ...] = ()  # None in the tuple = unassigned
    statuses: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    household_id: Optional[int] = None
    sort: str = "name_sort"                 # one of canvass.models.SORTABLE_RESIDENT_COLUMNS
    descending: bool = False


@dataclass(frozen=True)
class ResidentRow:
    """What one row of the residents table shows."""
    id: int
    name: str
    cccd: Optional[str]
    dob: Optional[dt.date]
    dob_raw: Optional[str]
    gender: Optional[str]
    phone: Optional[str]
    phone_raw: Optional[str]
    hamlet: str
    household: Optional[str]
    household_id: Optional[int]
    address: Optional[str]
    team: Optional[str]
    team_id: Optional[int]
    status: str
    status_reason: Optional[str]
    attempts: int
    last_visit_at: Optional[dt.datetime]
    id_raw: Optional[str] = None    # the ID as written when the list gave no valid CCCD (shown in its place)


def search_tokens(text: str) -> list[str]:
    """The folded words of a search text (digit groups written "0912 345 678" are joined)."""
    text = _DIGIT_GROUP_RE.sub("", fold(text or ""))
    return _TOKEN_RE.findall(text)


def name_words(name_fold: Optional[str]) -> set[str]:
    """The words of a folded name that the search index holds."""
    return {sys.intern(w[:64]) for w in _TOKEN_RE.findall(name_fold or "")}  # interned: 300k names share few words


def reindex_resident(connection: Connection, resident: Resident) -> None:
    """Rewrite one resident's rows of the search index (ORM hook; skipped when the name did not change)."""
    state = inspect(resident)
    if state.persistent and not state.attrs.name_fold.history.has_changes():
        return
    w = ResidentWord.__table__
    connection.execute(w.delete().where(w.c.resident_id == resident.id))
    words = name_words(resident.name_fold)
    if words:
        connection.execute(w.insert(), [{"word": x, "resident_id": resident.id} for x in sorted(words)])


def rebuild_search_index(connection: Connection) -> int:
    """Rebuild the whole search index from the residents' folded names; returns the rows written."""
    from canvass.db import bulk_insert

    w, r = ResidentWord.__table__, Resident.__table__
    connection.execute(w.delete())
    rows = sorted((word, rid) for rid, nf in connection.execute(select(r.c.id, r.c.name_fold))
                  for word in name_words(nf))
    return bulk_insert(connection, w, ("word", "resident_id"), rows)


def _prefix_range(col, prefix: str):
    return and_(col >= prefix, col < prefix + "\x7f")


def _phone_prefixes(token: str) -> list[str]:
    """The E.164 starts a digit word can stand for: "0912…" and "84912…" and "912…" all mean "+84912…"."""
    if token.startswith("0") and len(token) > 1:
        return ["+84" + token[1:]]
    if token.startswith("84") and len(token) > 2:
        return ["+" + token, "+84" + token]
    if len(token) >= 3:
        return ["+84" + token]
    return []


def _is_number(token: str) -> bool:
    """Whether a search word also searches the CCCD and phone columns (digits, at least three)."""
    return token.isdigit() and len(token) >= MIN_NUMBER_DIGITS


def _number_prefixes(token: str) -> list[tuple]:
    """(column, prefix) pairs a digit word matches: the starts of the CCCD, the phone and a visit's new
    phone, and their ends (a prefix of the reversed number)."""
    t = Resident.__table__.c
    phones = _phone_prefixes(token)
    ending = token[::-1]
    return ([(t.cccd, token)] + [(t.phone, x) for x in phones] + [(t.phone_new, x) for x in phones]
            + [(t.cccd_rev, ending), (t.phone_rev, ending), (t.phone_new_rev, ending)])


def _token_filter(token: str):
    """One search word tested on a resident row: the start of a word of the name, or (digits) the start
    or the end of the CCCD, the phone or a visit's new phone."""
    t = Resident.__table__.c
    # tokens are [0-9a-z]+ (search_tokens): no LIKE wildcard to escape
    clauses = [t.name_fold.startswith(token), t.name_fold.contains(" " + token)]
    if len(token) >= MIN_NUMBER_DIGITS:   # an ID kept as written ("O58205558984"): its start, any case
        clauses += [t.id_raw.startswith(token), t.id_raw.startswith(token.upper())]
    if _is_number(token):
        clauses += [col.startswith(x) for col, x in _number_prefixes(token)]
    return or_(*clauses)


def _token_ids(token: str, sqlite: bool = True):
    """The ids one search word matches, as a subquery answered from indexes: the word index for names,
    the number indexes (starts and reversed ends) for digits. (The word column is binary-collated
    everywhere; the numbers take a LIKE on PostgreSQL, whose locale collations would make a range compare
    wrongly.)"""
    t, w = Resident.__table__.c, ResidentWord.__table__.c
    parts = [select(w.resident_id.label("id")).where(_prefix_range(w.word, token))]
    starts = _prefix_range if sqlite else (lambda col, x: col.startswith(x))
    if len(token) >= MIN_NUMBER_DIGITS:   # an ID kept as written ("O58205558984"): its start, any case
        parts += [select(t.id).where(starts(t.id_raw, x)) for x in {token, token.upper()}]
    if _is_number(token):
        parts += [select(t.id).where(starts(col, x)) for col, x in _number_prefixes(token)]
    return parts[0] if len(parts) == 1 else union(*parts)


# A search word matching more residents than this is not worth an index lookup: the query scans the
# (narrow, covering) index of folded names instead, which costs the same whatever the word.
BROAD = 20000


def _driver(session: Session, tokens: list[str]) -> tuple[str, bool, dict[str, int]]:
    """The search word with the fewest matches (counted up to BROAD), whether it is selective, and the
    counts made (words of one or two letters are not counted: BROAD)."""
    if all(x.isdigit() for x in tokens):
        return max(tokens, key=len), True, {}
    w = ResidentWord.__table__.c

    def size(token: str) -> int:
        inner = select(w.resident_id).where(_prefix_range(w.word, token)).limit(BROAD).subquery()
        return int(session.execute(select(func.count()).select_from(inner)).scalar() or 0)

    sizes: dict[str, int] = {}
    for x in sorted((x for x in tokens if not x.isdigit()), key=len, reverse=True):  # long words are rarer
        sizes[x] = BROAD if len(x) <= 2 else size(x)
        if sizes[x] < BROAD // 10:
            break  # selective enough: no need to count the others
    lead = min(sizes, key=lambda x: (sizes[x], -len(x)))
    return lead, sizes[lead] < BROAD, sizes


# What a page costs, in index entries read: the id-list way reads about this many per id of its lead word
# (a word-index entry, then the resident row), the walk one entry of the name-order index per name tested.
ROW_COST = 8
NAME_ORDER_INDEX = "ix_resident_name_sort_fold"   # (name_sort, id, name_fold, id_raw): canvass/db.py EXTRA_INDEXES


def _walk_is_cheaper(session: Session, q: ResidentQuery, tokens: list[str], lead: str, selective: bool,
                     sizes: dict[str, int], limit: int) -> bool:
    """Whether the first `limit` rows of a search are found sooner by walking the residents in name order
    (covering index) and testing each name, than by listing every id of the rarest word and sorting them.
    The walk stops at `limit` matches: with common words ("nguyen thi h") that is after a few thousand
    names, while the id list of the rarest of them holds tens of thousands of ids."""
    if q.sort != "name_sort" or not sizes or any(x.isdigit() for x in tokens):
        return False
    if not selective:
        return True     # the other way reads every name too, and then sorts them
    total = int(session.execute(select(func.max(Resident.__table__.c.id))).scalar() or 0)
    if total <= 0:
        return False
    share = 1.0
    for x in tokens:   # words taken as independent; an uncounted word does not narrow (a cautious guess)
        share *= min(1.0, sizes.get(x, total) / total)
    walk = min(total, limit / max(share, 1.0 / total))
    return walk < sizes[lead] * ROW_COST


def _filters(q: ResidentQuery, *, use_indexes: bool = True) -> list:
    """The filter conditions. With a search, they are written so that no index on them is used
    (`col || ''`, `col + 0`): the planner must then start from the search words, which is always the
    cheaper way (SQLite would otherwise walk the whole status index and probe the words per row)."""
    t = Resident.__table__.c

    def col(c):
        if use_indexes:
            return c
        return c + 0 if c.type.python_type is int else c.concat("")

    conds = []
    if q.hamlet_ids:
        conds.append(col(t.hamlet_id).in_(q.hamlet_ids))
    if q.team_ids:
        named = [x for x in q.team_ids if x is not None]
        parts = []
        if named:
            parts.append(col(t.team_id).in_(named))
        if any(x is None for x in q.team_ids):
            parts.append(t.team_id.is_(None))
        conds.append(or_(*parts))
    if q.statuses:
        conds.append(col(t.status).in_(q.statuses))
    if q.reasons:
        conds.append(col(t.status_reason).in_(q.reasons))
    if q.household_id is not None:
        conds.append(col(t.household_id) == q.household_id)
    return conds


def _few_in_hamlets(session: Session, q: ResidentQuery, matches: int) -> bool:
    """Whether the hamlet filter holds fewer residents than `matches` (the search's lead word's, or BROAD for
    words common enough to read every name): counted on the hamlet index, up to `matches`."""
    if not q.hamlet_ids or q.household_id is not None:
        return False
    t = Resident.__table__.c
    inner = select(t.id).where(t.hamlet_id.in_(q.hamlet_ids)).limit(matches).subquery()
    return int(session.execute(select(func.count()).select_from(inner)).scalar() or 0) < matches


def _select(session: Session, q: ResidentQuery, *columns, limit: Optional[int] = None):
    """SELECT columns FROM resident, narrowed first by the most selective search word (an id list from
    the indexes), then by the other words and the filters. With a `limit` (the first rows only, in name
    order) a search of common words instead walks the names in order and stops at `limit` matches."""
    r = Resident.__table__
    tokens = search_tokens(q.search)
    if not tokens:
        conds = _filters(q)
        if q.search.strip():
            conds.append(false())  # only punctuation: nothing can match
        return select(*columns).select_from(r).where(*conds)
    lead, selective, sizes = _driver(session, tokens)
    if _few_in_hamlets(session, q, sizes.get(lead, 0) if selective else BROAD):
        # one commune's hamlets in a province's database: its residents are fewer than the search word's
        # matches, so start from the hamlet index and test each name (3,000 of 300,000: ms, not a pass)
        conds = [_token_filter(token) for token in tokens] + _filters(q)
        return select(*columns).select_from(r).where(*conds)
    if limit is not None and _walk_is_cheaper(session, q, tokens, lead, selective, sizes, limit):
        conds = [_token_filter(token) for token in tokens] + _filters(q, use_indexes=False)
        return select(*columns).select_from(r).where(*conds)   # the planner takes NAME_ORDER_INDEX: it covers
    if selective:
        conds = [r.c.id.in_(_token_ids(lead, session.get_bind().dialect.name == "sqlite"))]
        conds += [_token_filter(token) for token in tokens if token != lead]
    else:  # every word is common: one pass over the folded-name index
        conds = [r.c.id.in_(select(r.c.id).where(*[_token_filter(token) for token in tokens]))]
    conds += _filters(q, use_indexes=False)
    return select(*columns).select_from(r).where(*conds)


def _order(q: ResidentQuery) -> list:
    if q.sort not in SORTABLE_RESIDENT_COLUMNS:
        raise ValueError(f"cannot sort residents by {q.sort!r}")
    t = Resident.__table__.c
    cols = [t[q.sort]] + ([t.name_sort] if q.sort != "name_sort" else []) + [t.id]
    return [c.desc() for c in cols] if q.descending else [c.asc() for c in cols]


def resident_ids(session: Session, q: ResidentQuery, limit: Optional[int] = None) -> list[int]:
    """Every matching resident id, in the query's order; with `limit`, only the first ones (the same ids
    as the start of the whole list, found faster: the table's first page while the rest is read)."""
    stmt = _select(session, q, Resident.__table__.c.id, limit=limit).order_by(*_order(q))
    if limit is not None:
        stmt = stmt.limit(limit)
    conn = session.connection()
    if conn.dialect.name == "sqlite":  # 300k ids: the DB-API cursor is ~4x faster than result rows
        compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
        params = compiled.construct_params()
        args = [params[k] for k in compiled.positiontup] if compiled.positiontup else []
        cur = conn.connection.driver_connection.execute(str(compiled), args)
        return [row[0] for row in cur.fetchall()]
    return list(session.execute(stmt).scalars())


def count_residents(session: Session, q: ResidentQuery) -> int:
    """How many residents match (the order does not matter)."""
    return int(session.execute(_select(session, q, func.count())).scalar() or 0)


def resident_rows(session: Session, ids: Sequence[int]) -> list[ResidentRow]:
    """The table rows of the given residents, in the given order (unknown ids are left out)."""
    r, h, hh, tm = Resident.__table__, Hamlet.__table__, Household.__table__, Team.__table__
    stmt_base = (select(r.c.id, r.c.name, r.c.cccd, r.c.dob, r.c.dob_raw, r.c.gender, r.c.phone, r.c.phone_raw,
                        r.c.id_raw, h.c.name.label("hamlet"), hh.c.number, hh.c.key, r.c.household_id, r.c.address,
                        tm.c.name.label("team"), r.c.team_id, r.c.status, r.c.status_reason, r.c.attempts,
                        r.c.last_visit_at)
                 .select_from(r.join(h, h.c.id == r.c.hamlet_id)
                              .outerjoin(hh, hh.c.id == r.c.household_id)
                              .outerjoin(tm, tm.c.id == r.c.team_id)))
    found: dict[int, ResidentRow] = {}
    ids = list(ids)
    for start in range(0, len(ids), 5000):
        chunk = ids[start:start + 5000]
        for m in session.execute(stmt_base.where(r.c.id.in_(chunk))).mappings():
            found[m["id"]] = ResidentRow(
                id=m["id"], name=m["name"], cccd=m["cccd"], dob=m["dob"], dob_raw=m["dob_raw"],
                gender=m["gender"], phone=m["phone"], phone_raw=m["phone_raw"], hamlet=m["hamlet"],
                household=household_label(m["number"], m["key"]), household_id=m["household_id"],
                address=m["address"], team=m["team"], team_id=m["team_id"], status=m["status"],
                status_reason=m["status_reason"], attempts=m["attempts"] or 0, last_visit_at=m["last_visit_at"],
                id_raw=m["id_raw"])
    return [found[i] for i in ids if i in found]


def _normalize_key(key: str) -> Optional[str]:
    from canvass.ids import normalize_id

    res = normalize_id(key)
    if res.value is None:
        digits = re.sub(r"[\s.\-]", "", key)
        if digits.isdigit() and len(digits) in (8, 10, 11):  # typed without its leading zeros
            res = normalize_id(int(digits))
    return res.value


def find_resident(session: Session, key: str) -> Optional[Resident]:
    """A resident by CCCD/CMND (normalised: spaces and lost leading zeros do not matter) or by id ("#123")."""
    key = (key or "").strip()
    if not key:
        return None
    if key.startswith("#"):
        try:
            return session.get(Resident, int(key[1:]))
        except ValueError:
            return None
    value = _normalize_key(key)
    if not value:
        return None
    return session.execute(select(Resident).where(Resident.cccd == value)).scalar_one_or_none()


__all__ = ["ResidentQuery", "ResidentRow", "resident_ids", "count_residents", "resident_rows", "find_resident",
           "search_tokens", "name_words", "reindex_resident",
           "rebuild_search_index"]
