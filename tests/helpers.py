"""Helpers for tests: external tools."""
from __future__ import annotations

import os
import shutil

import pytest


def require_tool(name: str) -> str:
    """The path of an external tool; skip without it, fail instead under `make test` (CANVASS_REQUIRE_TOOLS=1)."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CANVASS_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{name} is not installed (make sysdeps installs it)")
    pytest.skip(f"{name} is not installed")
