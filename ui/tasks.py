"""The one background runner: every write from the window runs on its one thread, off the UI thread.

Long work (import, export, merge, assignment) runs under a progress dialog (`ui.dialogs.progress`); a short
write (an outcome keyed in, a team saved, the campaign settings) goes through `Runner.write(db, work)`,
which waits for it in a local event loop that keeps painting but holds the person's keys and clicks back
until the write is done (they are then handled in order: none is lost, none runs in between).

Work functions are plain core callables taking `progress(done, total)` and `cancel() -> bool`; they
never touch widgets. Results and errors come back to the UI thread through signals. One worker
thread, so the database is written from one thread at a time.
`setAutoDelete(False)` keeps Python's reference to the QRunnable valid until we drop it ourselves.
"""
from __future__ import annotations

import threading
import traceback
from typing import Any, Callable, Optional

from PySide6.QtCore import QEventLoop, QObject, QRunnable, QThreadPool, Signal, Slot


def in_session(db, work: Callable[..., Any]) -> Callable[..., Any]:
    """`work(session, progress, cancel)` as a runner task: one transaction on the runner's thread (long writes
    under a progress dialog: `ProgressDialog.run(ctx, parent, in_session(db, work))`)."""
    def fn(progress, cancel):
        with db.session() as s:
            return work(s, progress, cancel)

    return fn


class TaskSignals(QObject):
    """Signals of one task, delivered on the UI thread."""
    progress = Signal(int, int)      # done, total
    finished = Signal(object)        # the work function's result
    failed = Signal(object)          # the exception


class Task(QRunnable):
    """One piece of background work, cancellable."""

    def __init__(self, fn: Callable[..., Any]):
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        """True once cancel() was called."""
        return self._cancel.is_set()

    @Slot()
    def run(self) -> None:  # worker thread
        try:
            result = self.fn(progress=lambda d, t: self.signals.progress.emit(int(d), int(t)),
                             cancel=self.is_cancelled)
        except BaseException as exc:  # noqa: BLE001 - reported to the UI thread, never lost
            exc.__traceback_text__ = traceback.format_exc()
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)
        finally:
            self.done.set()


class Runner(QObject):
    """Runs tasks one at a time on a background thread and keeps them alive until they end."""

    def __init__(self, parent: Optional[QObject] = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._tasks: set[Task] = set()

    def run(self, fn: Callable[..., Any], *, on_done: Optional[Callable[[Any], None]] = None,
           on_error: Optional[Callable[[BaseException], None]] = None,
           on_progress: Optional[Callable[[int, int], None]] = None) -> Task:
        """Start `fn(progress=..., cancel=...)` in the background; callbacks run on the UI thread."""
        task = Task(fn)
        self._start(task, on_done, on_error, on_progress)
        return task

    def _start(self, task: Task, on_done, on_error, on_progress) -> None:
        if on_progress:
            task.signals.progress.connect(on_progress)
        if on_done:
            task.signals.finished.connect(on_done)
        if on_error:
            task.signals.failed.connect(on_error)
        task.signals.finished.connect(lambda _r, t=task: self._tasks.discard(t))
        task.signals.failed.connect(lambda _e, t=task: self._tasks.discard(t))
        self._tasks.add(task)
        self.pool.start(task)

    def write(self, db, work: Callable[[Any], Any]) -> Any:
        """Run `work(session)` in one transaction on the runner's thread and return its result here (its
        exception is raised here). Return plain values from `work`, not database objects."""
        return self.call(in_session(db, lambda s, _progress, _cancel: work(s)))

    def call(self, fn: Callable[..., Any]) -> Any:
        """Run `fn(progress=, cancel=)` on the runner's thread and wait for it (see the module's text)."""
        task, loop, out = Task(fn), QEventLoop(), {}
        task.signals.finished.connect(lambda r: (out.__setitem__("result", r), loop.quit()))
        task.signals.failed.connect(lambda e: (out.__setitem__("error", e), loop.quit()))
        self._start(task, None, None, None)     # connected first: the answer cannot pass before the loop runs
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        if "error" in out:
            raise out["error"]
        return out.get("result")

    def cancel_all(self) -> None:
        """Ask every queued or running task to stop (closing the window); each rolls back and ends Cancelled."""
        for task in list(self._tasks):
            task.cancel()

    def busy(self) -> bool:
        """True while any task is queued or running."""
        return bool(self._tasks)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every task has finished (for tests and for closing the window)."""
        return self.pool.waitForDone(msecs)
