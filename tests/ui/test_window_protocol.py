"""Issue 10, the window's part: writes from the window go through the one runner, views refresh through one
explicit protocol (ui/views/base.TabView), and no UI module reads the tables itself."""
from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "ui"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


@pytest.mark.parametrize("path", sorted(UI.rglob("*.py")), ids=lambda p: str(p.relative_to(UI)))
def test_no_ui_module_reads_the_tables_itself(path):
    names = _imports(path)
    assert not {n for n in names if n == "canvass.models" or n.startswith("canvass.models.")}, names
    assert not {n for n in names if n.split(".")[0] == "sqlalchemy"}, names


@pytest.mark.parametrize("path", sorted(UI.rglob("*.py")), ids=lambda p: str(p.relative_to(UI)))
def test_no_ui_module_opens_a_writing_session(path):
    """Writes go through ctx.runner (Runner.write, or in_session under a progress dialog): only ui/tasks.py
    opens a writing session."""
    text = path.read_text(encoding="utf-8")
    if path.name == "tasks.py":
        return
    tree = ast.parse(text)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "session":
            assert False, f"{path.name}:{node.lineno} opens db.session() itself"


def test_every_tab_is_a_tab_view_and_has_no_hasattr_protocol(window):
    from ui.views.base import TabView

    assert len(window.views) == window.tabs.count() == 4
    for i in range(window.tabs.count()):
        assert isinstance(window.tabs.widget(i), TabView)
    main = (UI / "main_window.py").read_text(encoding="utf-8")
    assert "hasattr(" not in main and "mark_dirty" not in main


def test_a_hidden_view_reads_when_first_shown_and_after_a_change(window, qtbot):
    """Nothing is read for a tab before it is first shown; a change while hidden is read when shown."""
    view = window.teamsView
    assert view.stale() and view.model.rowCount() == 0
    window.show_tab("teams")
    assert not view.stale() and view.model.rowCount() == 2
    window.show_tab("residents")
    window.data_changed(source=window.residentsView)
    assert view.stale()
    window.show_tab("teams")
    assert not view.stale()


def test_a_keyed_outcome_is_written_on_the_runners_thread(ctx, window, qtbot, monkeypatch):
    import canvass.events as events
    import ui.views.keying as keying

    threads = []
    real = keying.record_visit

    def spy(*a, **kw):
        threads.append(threading.get_ident())
        return real(*a, **kw)

    monkeypatch.setattr(keying, "record_visit", spy)
    view = window.show_tab("keying")
    assert view.model.rowCount()
    assert view.record("activated")
    assert threads and threads[0] != threading.get_ident()
    assert events.record_visit is not spy


def test_runner_write_returns_its_value_and_raises_its_error_here(ctx, qtbot):
    from canvass.errors import CanvassError

    ident = ctx.runner.write(ctx.db, lambda s: threading.get_ident())
    assert ident != threading.get_ident()

    def fails(s):
        raise CanvassError("not_found", what="team", key="x")

    with pytest.raises(CanvassError):
        ctx.runner.write(ctx.db, fails)
