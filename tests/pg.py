"""A real, throw-away PostgreSQL server for the tests that need one.

Starts Debian's PostgreSQL binaries (`make sysdeps` installs them) in a temporary folder on a free
loopback port, as the `postgres` user when running as root (PostgreSQL refuses to run as root). Without the
binaries the tests that need them skip, except under `make test` (CANVASS_REQUIRE_TOOLS=1) or in CI
(`CI=true`), where a missing server is a failure.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import pytest


def _bindir() -> Optional[Path]:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres_server() -> Iterator[str]:
    """Run a server for the duration of the block; yields a SQLAlchemy URL to an empty database."""
    bindir = _bindir()
    if bindir is None:
        if os.environ.get("CANVASS_REQUIRE_TOOLS") == "1" or os.environ.get("CI", "").lower() == "true":
            pytest.fail("PostgreSQL is not installed (make sysdeps installs it)")   # in CI: a failure, not a skip
        pytest.skip("PostgreSQL is not installed")
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="canvass-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    if as_root:
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    port = _free_port()

    def run(*args: str) -> None:
        subprocess.run(prefix + list(args), check=True, capture_output=True, cwd=base)

    run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8")
    run(str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(base / "log"), "-o",
        f"-h 127.0.0.1 -p {port} -k {sock} -c fsync=off -c synchronous_commit=off", "start")
    try:
        deadline = time.time() + 30
        while subprocess.run([str(bindir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                             capture_output=True).returncode != 0:
            if time.time() > deadline:
                raise RuntimeError("PostgreSQL did not start")
            time.sleep(0.2)
        run(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "canvass")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/canvass"
    finally:
        subprocess.run(prefix + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, cwd=base)
        shutil.rmtree(base, ignore_errors=True)
