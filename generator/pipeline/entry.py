"""``build``, the library's entry: the quick answer when nothing changed since the last
build (:mod:`.quick`), else the whole road (:mod:`.building`, loaded only then): a build
with nothing to do loads no schema, kind or renderer."""

from __future__ import annotations

from concurrent.futures import Executor

from ..diagnostics import CareerdocsError
from ..project import Project
from .fingerprint import project_digest
from .options import BuildOptions, Progress, Told, Warn, no_progress, outside_output, worker_count
from .quick import BuildResult, up_to_date_build


def build(project: Project, options: BuildOptions | None = None,
          progress: Progress = no_progress, executor: Executor | None = None,
          inputs: str | None = None, warn: Warn | None = None) -> BuildResult:
    """Build the requested documents; raise :class:`CareerdocsError` with every problem.

    ``progress``: opened with the number of units to make, it yields a function told the
    label of each one made. ``executor``: any :class:`concurrent.futures.Executor` to
    make the documents in (by default, ``options.jobs`` worker processes of this
    machine). ``inputs``: the project's digest, when the caller has just taken it.
    ``warn``: told every warning once, as soon as it is known (also when the build then
    fails), besides :attr:`BuildResult.warnings`.
    """
    options = options or BuildOptions()
    told = Told(warn)
    if problem := outside_output(project, options):
        raise CareerdocsError([problem])
    jobs = worker_count(options)  # a bad CAREERDOCS_JOBS is said before anything is done
    inputs = inputs or project_digest(project)  # every file of the project read once
    result = up_to_date_build(project, options, inputs)
    if result is None:
        from .building import make_documents

        result = make_documents(project, options, inputs, jobs, progress, executor, told)
    told.tell(result.warnings)  # those of settled(), and of a build that had nothing to do
    return result
