"""The application context passed to every window and dialog (no global singleton): swap any part in a test."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from canvass.db import Database
from ui.tasks import Runner


@dataclass
class AppContext:
    """What a window needs: the open database, the background runner, the settings."""
    db: Database
    runner: Runner
    settings: Any = None            # ui.settings.Settings
    actor: Optional[str] = None     # who is recording (shown in the event log)
    extras: dict = field(default_factory=dict)
