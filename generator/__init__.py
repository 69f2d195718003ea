"""careerdocs: career guides (PDF, DOCX) from structured role content.

The pipeline: load content (:mod:`generator.content`) → resolve one campus and
language into a view model (:mod:`generator.viewmodel`) → render
(:mod:`generator.documents`) → write atomically (:mod:`generator.writer`).
:func:`build`, :func:`validate` and :func:`describe` are the library API.
"""

from .errors import CareerdocsError, Problem
from .pipeline import BuildOptions, BuildResult, build, describe, validate
from .project import Project

__all__ = [
    "BuildOptions", "BuildResult", "CareerdocsError", "Problem", "Project",
    "build", "describe", "validate",
]
