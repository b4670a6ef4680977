"""Set-up of the shared-server tests: in CI (CI=true) or under `make test` a missing PostgreSQL fails the run
instead of skipping the role and concurrency tests."""
from __future__ import annotations

import subprocess
import sys
import textwrap


def _run_without_postgres(env_extra: dict) -> subprocess.CompletedProcess:
    code = textwrap.dedent("""
        import pytest, tests.pg as pg
        pg._bindir = lambda: None
        try:
            with pg.postgres_server():
                pass
        except pytest.fail.Exception:
            print("FAILED")
        except pytest.skip.Exception:
            print("SKIPPED")
    """)
    import os
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "CANVASS_REQUIRE_TOOLS")}
    env.update(env_extra)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)


def test_missing_postgres_fails_in_ci_and_skips_elsewhere():
    assert _run_without_postgres({"CI": "true"}).stdout.strip() == "FAILED"
    assert _run_without_postgres({"CANVASS_REQUIRE_TOOLS": "1"}).stdout.strip() == "FAILED"
    assert _run_without_postgres({}).stdout.strip() == "SKIPPED"
