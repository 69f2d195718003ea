"""The library API, one module per job: ``build``, ``validate`` (check), ``compare``
and ``describe`` (inventory). The CLI is a thin layer over these functions, and the
tests drive them too."""

from .build import BuildResult, build
from .check import Checked, load_checked, validate
from .compare import CompareOptions, compare
from .inventory import Inventory, describe
from .jobs import BuildOptions, Job, Planned, plan_jobs

__all__ = ["BuildOptions", "BuildResult", "Checked", "CompareOptions", "Inventory", "Job",
           "Planned", "build", "compare", "describe", "load_checked", "plan_jobs", "validate"]
