"""The data model: SQLAlchemy 2 typed tables for communes, hamlets, households, residents, teams,
imports and the append-only event log.

A resident's `status`, `attempts`, `last_visit_at`, `team_id` and `version` are a cache of what the
event log says (see `canvass.events`); the log is the truth and the cache can always be rebuilt from it.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import (Boolean, Computed, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text,
                        UniqueConstraint, case, select)
from sqlalchemy import text as sql_text
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


# Sort keys compare byte by byte: PostgreSQL's locale collations would ignore their punctuation.
BINARY_TEXT = String(400).with_variant(String(400, collation="C"), "postgresql")


# A CCCD or phone written backwards, so that its end is a prefix an index range can find ("…4321" is
# "1234…"): SQLite has no reverse(), so both servers compute it as substr() of each position, right to left.
REVERSED_WIDTH = 20
REVERSED_TEXT = String(REVERSED_WIDTH).with_variant(String(REVERSED_WIDTH, collation="C"), "postgresql")
# The length most numbers have (a 12-digit CCCD, a +84 mobile): reversing them takes that many substr()
REVERSED_COMMON = 12


def _reversed_chain(column: str, width: int) -> str:
    return " || ".join(f"substr({column}, {i}, 1)" for i in range(width, 0, -1))


def reversed_of(column: str) -> Computed:
    """A column computed as another of up to REVERSED_WIDTH characters, reversed (NULL stays NULL).
    Stored in a new database; a database upgraded by `canvass.db` may compute it when read (SQLite).
    Computed on every INSERT and UPDATE of a resident, so the expression does only the work a value needs: NULL
    at once, a text of up to REVERSED_COMMON characters with that many substr() (the positions past its end only
    add ''), a longer one with REVERSED_WIDTH: the same value as the plain chain of REVERSED_WIDTH substr() for
    every text (tests/core/test_reversed_numbers.py), at ~40 % less of the resident INSERT's time (issue 14).
    Databases made before keep the plain chain: same values."""
    return Computed(f"CASE WHEN {column} IS NULL THEN NULL "
                    f"WHEN length({column}) <= {REVERSED_COMMON} THEN {_reversed_chain(column, REVERSED_COMMON)} "
                    f"ELSE {_reversed_chain(column, REVERSED_WIDTH)} END", persisted=True)


class Base(DeclarativeBase):
    """Declarative base of every table."""


class Meta(Base):
    """Key/value facts about the database itself (schema version, creation time)."""
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Commune(Base):
    """A commune or ward (xã / phường): the unit the police list covers."""
    __tablename__ = "commune"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_fold: Mapped[str] = mapped_column(String(200), unique=True)
    district: Mapped[Optional[str]] = mapped_column(String(200))
    province: Mapped[Optional[str]] = mapped_column(String(200))


class Campaign(Base):
    """An activation campaign ("Chiến dịch 90 ngày, đêm") with dates, deadline and daily quota."""
    __tablename__ = "campaign"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    report_deadline: Mapped[str] = mapped_column(String(5), default="15:30")
    quota_per_team_day: Mapped[int] = mapped_column(Integer, default=5)
    commune_id: Mapped[Optional[int]] = mapped_column(ForeignKey("commune.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CampaignPhase(Base):
    """An optional phase of a campaign (đợt), with its own dates."""
    __tablename__ = "campaign_phase"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"))
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)


class HamletTarget(Base):
    """The number of activations a campaign targets in one hamlet."""
    __tablename__ = "hamlet_target"
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), primary_key=True)
    hamlet_id: Mapped[int] = mapped_column(ForeignKey("hamlet.id"), primary_key=True)
    target: Mapped[int] = mapped_column(Integer)


class Hamlet(Base):
    """A hamlet or neighbourhood (thôn, xóm, ấp, bản, tổ dân phố, khu phố) of a commune."""
    __tablename__ = "hamlet"
    __table_args__ = (UniqueConstraint("commune_id", "name_fold"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[Optional[int]] = mapped_column(ForeignKey("commune.id"))
    name: Mapped[str] = mapped_column(String(200))
    name_fold: Mapped[str] = mapped_column(String(200))
    kind: Mapped[Optional[str]] = mapped_column(String(40))


class Household(Base):
    """A household (hộ): one door. `key` is unique within the hamlet (the list's Số hộ, an address
    key, or a generated key for a household of one)."""
    __tablename__ = "household"
    __table_args__ = (UniqueConstraint("hamlet_id", "key"), Index("ix_household_sort", "hamlet_id", "sort_key"))
    id: Mapped[int] = mapped_column(primary_key=True)
    hamlet_id: Mapped[int] = mapped_column(ForeignKey("hamlet.id"))
    key: Mapped[str] = mapped_column(String(200))
    number: Mapped[Optional[str]] = mapped_column(String(40))
    head_name: Mapped[Optional[str]] = mapped_column(String(200))
    address: Mapped[Optional[str]] = mapped_column(Text)
    sort_key: Mapped[str] = mapped_column(BINARY_TEXT, default="")


class Team(Base):
    """A field team (tổ) of a commune: renamed, merged or retired without losing its history. Its name is
    unique within its commune (two communes may each have a "Tổ 1"); a team of no commune (a database
    with no commune yet) is unique among those."""
    __tablename__ = "team"
    __table_args__ = (UniqueConstraint("commune_id", "name", name="uq_team_commune_name"),
                      Index("uq_team_name_no_commune", "name", unique=True,
                            sqlite_where=sql_text("commune_id IS NULL"),
                            postgresql_where=sql_text("commune_id IS NULL")))
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[Optional[int]] = mapped_column(ForeignKey("commune.id"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[Optional[str]] = mapped_column(String(40))
    lead_name: Mapped[Optional[str]] = mapped_column(String(200))
    lead_phone: Mapped[Optional[str]] = mapped_column(String(40))
    members: Mapped[Optional[str]] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    retired_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    merged_into_id: Mapped[Optional[int]] = mapped_column(ForeignKey("team.id"))


class TeamHamlet(Base):
    """Which hamlets a team covers."""
    __tablename__ = "team_hamlet"
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), primary_key=True)
    hamlet_id: Mapped[int] = mapped_column(ForeignKey("hamlet.id"), primary_key=True)


class ImportBatch(Base):
    """One run of the importer over one file; its counts are what the import log reports."""
    __tablename__ = "import_batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(Text)
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    sheets: Mapped[Optional[str]] = mapped_column(Text)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    imported: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    activated_per_system: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[Optional[str]] = mapped_column(Text)  # JSON: warnings, mapping, hamlets...
    # the day the police extracted the list (--extracted, the list's heading, else the import day) and how it
    # was imported: "complete" (residents missing from it were activated per system) or "supplement"
    extracted_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    mode: Mapped[Optional[str]] = mapped_column(String(12))


class BatchHamlet(Base):
    """The hamlets an import covered (a hamlet with at least one resident row in the file): an older list is
    one extracted before the newest list already imported for one of its hamlets."""
    __tablename__ = "batch_hamlet"
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"), primary_key=True)
    hamlet_id: Mapped[int] = mapped_column(ForeignKey("hamlet.id"), primary_key=True, index=True)


class SourceText(Base):
    """The raw cells of imported rows (JSON list of cell texts), each distinct content stored once, found
    by its 128-bit BLAKE2b hash: re-importing the same list (the daily routine) adds `source_row` entries
    that point here, not the text again."""
    __tablename__ = "source_text"
    id: Mapped[int] = mapped_column(primary_key=True)
    hash: Mapped[bytes] = mapped_column(LargeBinary(16), unique=True)
    raw: Mapped[str] = mapped_column(Text)


class SourceRow(Base):
    """A row of an imported file exactly as read (JSON list of cell texts), with what became of it:
    imported, updated, unchanged, duplicate or rejected (with the reason). Nothing is ever dropped.
    The text is in `source_text` (`text_id`); rows written before that table existed hold it in the `raw`
    column itself (`raw_inline`). `SourceRow.raw` gives the text either way, in Python and in queries."""
    __tablename__ = "source_row"
    # a batch's rows in file order are its rows in id order: the index needs no sheet name (17 bytes a row)
    __table_args__ = (Index("ix_source_row_batch", "batch_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"))
    sheet: Mapped[str] = mapped_column(String(200))
    row_number: Mapped[int] = mapped_column(Integer)
    raw_inline: Mapped[str] = mapped_column("raw", Text, default="")   # "" when the text is in source_text
    text_id: Mapped[Optional[int]] = mapped_column(ForeignKey("source_text.id"))
    resident_id: Mapped[Optional[int]] = mapped_column(ForeignKey("resident.id"), index=True)
    disposition: Mapped[str] = mapped_column(String(20))
    reason: Mapped[Optional[str]] = mapped_column(Text)
    text: Mapped[Optional[SourceText]] = relationship(viewonly=True)

    @hybrid_property
    def raw(self) -> str:
        """The row's cells as JSON text, as read."""
        return self.text.raw if self.text_id is not None else self.raw_inline

    @raw.inplace.setter
    def _raw_setter(self, value: str) -> None:
        self.raw_inline, self.text_id = value, None    # a row written one at a time keeps its text inline

    @raw.inplace.expression
    @classmethod
    def _raw_expression(cls):
        return case((cls.text_id.is_(None), cls.raw_inline),
                    else_=select(SourceText.raw).where(SourceText.id == cls.text_id).scalar_subquery())


class Resident(Base):
    """A citizen on the police list. Identity fields come from the list; the state fields after
    `status` are a cache of the event log (`canvass.events.derive_state` rebuilds them).

    name_sort, phone, hamlet_id, household_id, status and team_id have no index of their own: each leads a
    composite in canvass/db.py EXTRA_INDEXES, which serves lookups by it (and foreign-key checks) as well."""
    __tablename__ = "resident"
    id: Mapped[int] = mapped_column(primary_key=True)
    # identity, from the list
    cccd: Mapped[Optional[str]] = mapped_column(String(20), unique=True)  # 12-digit CCCD or 9-digit CMND
    id_kind: Mapped[str] = mapped_column(String(8), default="cccd")      # cccd | cmnd | none (no valid ID)
    # the ID cell as written when it is not a valid CCCD/CMND ("O58205558984"); None when the cell was empty
    # or the ID is valid. Shown where the CCCD is missing, searchable; corrected by `events.set_resident_id`.
    id_raw: Mapped[Optional[str]] = mapped_column(String(40), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_fold: Mapped[str] = mapped_column(String(200), index=True)      # lower case, no diacritics, đ->d
    name_sort: Mapped[str] = mapped_column(BINARY_TEXT)      # Vietnamese collation key
    gender: Mapped[Optional[str]] = mapped_column(String(10))
    dob: Mapped[Optional[dt.date]] = mapped_column(Date)
    dob_raw: Mapped[Optional[str]] = mapped_column(String(40))           # as written, when not a full date
    phone: Mapped[Optional[str]] = mapped_column(String(20))  # E.164
    phone_raw: Mapped[Optional[str]] = mapped_column(String(80))
    phone_new: Mapped[Optional[str]] = mapped_column(String(20), index=True)  # a phone reported on a visit
    # the numbers reversed, computed by the database (search by the end of a number: canvass.residents)
    cccd_rev: Mapped[Optional[str]] = mapped_column(REVERSED_TEXT, reversed_of("cccd"), index=True)
    phone_rev: Mapped[Optional[str]] = mapped_column(REVERSED_TEXT, reversed_of("phone"), index=True)
    phone_new_rev: Mapped[Optional[str]] = mapped_column(REVERSED_TEXT, reversed_of("phone_new"), index=True)
    address: Mapped[Optional[str]] = mapped_column(Text)
    address_fold: Mapped[Optional[str]] = mapped_column(Text)
    hamlet_id: Mapped[int] = mapped_column(ForeignKey("hamlet.id"))
    household_id: Mapped[Optional[int]] = mapped_column(ForeignKey("household.id"))
    relation: Mapped[Optional[str]] = mapped_column(String(80))           # quan hệ với chủ hộ
    is_head: Mapped[bool] = mapped_column(Boolean, default=False)
    account_level: Mapped[Optional[str]] = mapped_column(String(40))
    source_status: Mapped[Optional[str]] = mapped_column(String(200))
    source_note: Mapped[Optional[str]] = mapped_column(Text)
    extra: Mapped[Optional[str]] = mapped_column(Text)                    # JSON of unmapped columns
    first_batch_id: Mapped[Optional[int]] = mapped_column(ForeignKey("import_batch.id"))
    last_batch_id: Mapped[Optional[int]] = mapped_column(ForeignKey("import_batch.id"))
    # state, cached from the event log
    status: Mapped[str] = mapped_column(String(20), default="pending")
    status_reason: Mapped[Optional[str]] = mapped_column(String(40))
    status_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_visit_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    revisit_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    team_id: Mapped[Optional[int]] = mapped_column(ForeignKey("team.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)  # +1 on every event: packs detect conflicts

    hamlet: Mapped[Hamlet] = relationship(viewonly=True)
    household: Mapped[Optional[Household]] = relationship(viewonly=True)
    team: Mapped[Optional[Team]] = relationship(viewonly=True)


class Event(Base):
    """One entry of the append-only log. Never updated or deleted.

    kind: imported | updated | activated_system | system_reopened | assigned | visit | visit_void |
    export | pack_export | pack_import | team (team changes) | campaign (campaign settings and targets, with
    the values before and after) ... `at` is when it happened (a visit's
    date and time as written by the team), `recorded_at` when it entered this database.
    `data` is JSON for what does not fit the columns (changed fields, the voided event id, ...).
    """
    __tablename__ = "event"
    __table_args__ = (Index("ix_event_resident", "resident_id", "id"), Index("ix_event_kind_at", "kind", "at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[Optional[int]] = mapped_column(ForeignKey("resident.id"))
    kind: Mapped[str] = mapped_column(String(24))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[Optional[str]] = mapped_column(String(200))
    team_id: Mapped[Optional[int]] = mapped_column(ForeignKey("team.id"), index=True)
    batch_id: Mapped[Optional[int]] = mapped_column(ForeignKey("import_batch.id"))
    outcome: Mapped[Optional[str]] = mapped_column(String(20))
    reason: Mapped[Optional[str]] = mapped_column(String(40))
    note: Mapped[Optional[str]] = mapped_column(Text)
    data: Mapped[Optional[str]] = mapped_column(Text)


class Pack(Base):
    """A team pack: one team's residents sent out as a workbook to fill in offline (see canvass.packs)."""
    __tablename__ = "pack"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # random uuid hex
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    superseded_by: Mapped[Optional[str]] = mapped_column(String(32))
    rows: Mapped[int] = mapped_column(Integer, default=0)
    checksum: Mapped[str] = mapped_column(String(64))
    mask: Mapped[bool] = mapped_column(Boolean, default=False)


class PackItem(Base):
    """A resident in a pack, with the version their state had when the pack was exported."""
    __tablename__ = "pack_item"
    pack_id: Mapped[str] = mapped_column(ForeignKey("pack.id"), primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), primary_key=True, index=True)
    version: Mapped[int] = mapped_column(Integer)


class ResidentWord(Base):
    """Search index: one row per word of a resident's folded name, so a word-prefix search is an index
    range instead of a scan (see canvass.residents). The importer writes it in bulk; the ORM hooks
    below keep it right for residents added or renamed one at a time."""
    __tablename__ = "resident_word"
    __table_args__ = {"sqlite_with_rowid": False}
    word: Mapped[str] = mapped_column(String(64).with_variant(String(64, collation="C"), "postgresql"),
                                      primary_key=True)
    resident_id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)


def _index_resident_words(_mapper, connection, target) -> None:
    from canvass.residents import reindex_resident  # the search rules live with the query
    reindex_resident(connection, target)


from sqlalchemy import event as _sa_event  # noqa: E402

_sa_event.listen(Resident, "after_insert", _index_resident_words)
_sa_event.listen(Resident, "after_update", _index_resident_words)


# Columns the residents table may be sorted by; each leads an index (created above or in db.py EXTRA_INDEXES).
SORTABLE_RESIDENT_COLUMNS = ("name_sort", "cccd", "dob", "phone", "hamlet_id", "household_id", "team_id",
                             "status", "attempts", "last_visit_at")


class WalklistPage(Base):
    """One printed walk-list page, as a photo of it is read back (canvass.scan): the key its QR code
    carries with the page number, the team and day it was printed for, and `layout` (JSON): where every
    resident's row and the outcome boxes were printed, in mm from the page's top-left corner."""
    __tablename__ = "walklist_page"
    __table_args__ = (UniqueConstraint("print_key", "page"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    print_key: Mapped[str] = mapped_column(String(16), index=True)
    page: Mapped[int] = mapped_column(Integer)
    team_id: Mapped[Optional[int]] = mapped_column(ForeignKey("team.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    printed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    layout: Mapped[str] = mapped_column(Text)
