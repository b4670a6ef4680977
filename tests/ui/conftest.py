"""Fixtures of the window's tests: offscreen Qt (pytest-qt's own `qapp`), a settings file per test, a context
over a generated commune with teams, assignments and visits over the last days."""
from __future__ import annotations

import datetime as dt
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def populate(db, *, hamlets=("Thôn Nà Thí", "Thôn Pò Đứa", "Thôn Bản Quyền"), households=6, people=3, visits=True):
    """A generated commune: a campaign started 10 days ago, two teams each covering hamlets, visits on past days."""
    from canvass.campaign import set_campaign
    from canvass.events import record_visit
    from canvass.models import Hamlet
    from canvass.teams import add_team
    from canvass.assignment import assign_by_hamlet
    from sqlalchemy import select
    from tests.factories import make_commune

    ids = make_commune(db, hamlets=hamlets, households_per_hamlet=households, people_per_household=people)
    today = dt.date.today()
    with db.session() as s:
        set_campaign(s, name="Chiến dịch thử", start=today - dt.timedelta(days=10), end=today + dt.timedelta(days=20))
        hamlet_ids = list(s.scalars(select(Hamlet.id).order_by(Hamlet.id)))
        add_team(s, "Tổ 1", hamlet_ids=hamlet_ids[:1])
        add_team(s, "Tổ 2", hamlet_ids=hamlet_ids[1:])
        assign_by_hamlet(s)
    if visits:
        outcomes = ["activated", "absent", "activated", "refused", "revisit", "activated", "wrong_phone"]
        with db.session() as s:
            for n, rid in enumerate(ids[: len(ids) * 2 // 3]):
                day = today - dt.timedelta(days=n % 8)
                outcome = outcomes[n % len(outcomes)]
                at = dt.datetime.combine(day, dt.time(9, 0)) + dt.timedelta(minutes=n)
                if at > dt.datetime.now():
                    at = dt.datetime.now().replace(microsecond=0) - dt.timedelta(minutes=1)
                record_visit(s, rid, outcome, at=at, actor="test")
            record_visit(s, ids[-1], "ineligible", reason="elderly", actor="test")
    return ids


@pytest.fixture
def settings(tmp_path):
    """A Settings over an INI file of the test's own."""
    from ui.settings import Settings

    return Settings(tmp_path / "gocua.ini")


@pytest.fixture
def ctx(request, db, settings, qapp):
    """An application context over the `db` fixture with a generated commune in it (`populate()`), or empty when
    the test module sets `COMMUNE = False` (its tests build their own)."""
    from ui import i18n
    from ui.context import AppContext
    from ui.tasks import Runner

    i18n.install(qapp, "en")
    if getattr(request.module, "COMMUNE", True):
        populate(db)
    runner = Runner()
    context = AppContext(db=db, runner=runner, settings=settings, actor="test")
    yield context
    runner.wait(10000)
    i18n.install(qapp, "en")


@pytest.fixture
def window(ctx, qtbot):
    """The main window over `ctx`, shown."""
    from ui.main_window import MainWindow

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def shell(qapp, tmp_path):
    """The application object (settings in a file of the test's own), English so assertions read plainly;
    closed and its database released after the test."""
    from ui import i18n
    from ui.app import Application
    from ui.settings import Settings
    from ui.tasks import Runner

    i18n.install(qapp, "en")
    app = Application(qapp, Settings(tmp_path / "gocua.ini"), Runner())
    yield app
    app.runner.wait(20000)
    if app.window is not None:
        app.window.residentsView.model.wait()
        app.window.close()
        app.window.deleteLater()
    if app.ctx is not None:
        app.ctx.db.dispose()
