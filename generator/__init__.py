"""careerdocs: career guides (PDF, DOCX) from structured role content.

The pipeline, one folder per stage: ``load/`` reads and checks the YAML content →
``resolve/`` turns one campus and one language into a view model → ``documents/``
holds the registry of document kinds, each rendering with the tools of ``render/``
(sandboxed Jinja, WeasyPrint, python-docx) → ``publish/`` writes the files and the
output manifest. ``pipeline/`` runs the stages: :func:`build`, :func:`validate`,
:func:`compare` and :func:`describe` are the library API.
"""

from .diagnostics import CareerdocsError, Diagnostics, Kind, Problem
from .pipeline import BuildOptions, BuildResult, build, compare, describe, validate
from .project import Project

__all__ = [
    "BuildOptions", "BuildResult", "CareerdocsError", "Diagnostics", "Kind", "Problem",
    "Project", "build", "compare", "describe", "validate",
]
