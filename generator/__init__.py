"""careerdocs: career guides (PDF, DOCX) from structured role content.

The pipeline, one folder per stage: ``load/`` reads and checks the YAML content →
``resolve/`` turns one campus and one language into a view model → ``documents/``
holds the registry of document kinds, each rendering with the tools of ``render/``
(sandboxed Jinja, WeasyPrint, python-docx) → ``publish/`` writes the files and the
output manifest. ``pipeline/`` runs the stages: :func:`build`, :func:`validate`,
:func:`compare` and :func:`describe` are the library API.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .diagnostics import CareerdocsError, Diagnostics, Kind, Problem
    from .pipeline import BuildOptions, BuildResult, build, compare, describe, validate
    from .project import Project

__all__ = [
    "BuildOptions", "BuildResult", "CareerdocsError", "Diagnostics", "Kind", "Problem",
    "Project", "build", "compare", "describe", "validate",
]

# Where each name lives: imported on first use, so that ``careerdocs --help`` (which
# imports this package) loads none of the pipeline.
_HOMES = {"CareerdocsError": "diagnostics", "Diagnostics": "diagnostics", "Kind": "diagnostics",
          "Problem": "diagnostics", "Project": "project"}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f".{_HOMES.get(name, 'pipeline')}", __name__), name)
