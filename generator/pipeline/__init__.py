"""The library API, one module per job: ``build``, ``validate`` (check), ``compare``
and ``describe`` (inventory). The CLI is a thin layer over these functions, and the
tests drive them too.

Names are imported on first use: the quick check of an up-to-date build, and
``careerdocs --help``, load none of the renderers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .check import Checked, load_checked, validate
    from .comparing import CompareOptions, compare
    from .entry import build
    from .inventory import Inventory, describe
    from .jobs import Job, PlannedFile, plan_jobs
    from .options import BuildOptions
    from .quick import BuildResult

_HOMES = {"BuildOptions": "options", "BuildResult": "quick", "Checked": "check",
          "CompareOptions": "comparing", "Inventory": "inventory", "Job": "jobs",
          "PlannedFile": "jobs", "build": "entry", "compare": "comparing", "describe": "inventory",
          "load_checked": "check", "plan_jobs": "jobs", "validate": "check"}
__all__ = ["BuildOptions", "BuildResult", "Checked", "CompareOptions", "Inventory", "Job",
           "PlannedFile", "build", "compare", "describe", "load_checked", "plan_jobs", "validate"]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
