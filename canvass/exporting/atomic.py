"""Writing a file atomically: the one home for it (exports, team packs, backups).

`atomic_path(target)` yields a path to write the whole file to; when the block ends normally the file
appears under `target` in one step (replacing an older one), and when it raises nothing is left. What a
kill (power cut, SIGKILL, Task Manager) can leave matters here, because these files hold citizens'
personal data: the data is written to a hidden temporary file beside the target whose name starts with
`TEMP_PREFIX` and holds the writer's process id. A kill leaves it there (no program can remove a file at
the moment it is killed); the next atomic write into that folder removes every such file whose writer is
gone (`remove_stale`), so no personal data stays under a temporary name past the next export there.

Linux's anonymous files (`O_TMPFILE`, linked into place when complete) would leave nothing at all, but
linking one through /proc fails (EXDEV) on some systems, including the one these tests run on, so the
one tested way is used everywhere (Windows has no such files).
"""
from __future__ import annotations

import os
import secrets
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

TEMP_PREFIX = ".gocua-tmp-"


STALE_AFTER = 60   # seconds without a change after which Windows' temporary files count as left behind


def _writer_gone(path: str, pid: int) -> bool:
    if pid == os.getpid():
        return False   # this process's own write, under way in another thread
    if sys.platform == "win32":
        # no harmless way to ask about a process there; a file its writer still holds open cannot be removed
        # anyway, and one idle for a minute is not between its last write and its rename
        try:
            return time.time() - os.path.getmtime(path) > STALE_AFTER
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def remove_stale(folder: str | os.PathLike) -> int:
    """Remove the temporary files that killed writers left in `folder`; returns how many were removed."""
    removed = 0
    try:
        names = [n for n in os.listdir(folder) if n.startswith(TEMP_PREFIX)]
    except OSError:
        return 0
    for name in names:
        pid_text = name[len(TEMP_PREFIX):].split("-", 1)[0]
        path = os.path.join(folder, name)
        if pid_text.isdigit() and not _writer_gone(path, int(pid_text)):
            continue
        try:
            os.unlink(path)
            removed += 1
        except OSError:
            pass
    return removed


def temp_name(target: Path) -> Path:
    """A fresh temporary name beside `target` (recognised and removed by `remove_stale`)."""
    return target.with_name(f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{target.suffix}")


@contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a path to write the complete file to; it becomes `target` when the block ends without error.

    The writer may open the yielded path as often as it likes; it must not rename or delete it. The
    target's folder must exist. See the module docstring for what a kill leaves."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale(folder)
    tmp = temp_name(target)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


__all__ = ["TEMP_PREFIX", "atomic_path", "remove_stale", "temp_name"]
