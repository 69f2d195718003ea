"""``build``: check, declare every file, make those not up to date, then publish.

Nothing is published unless every document was made: a failed build leaves every
previous output byte-identical. Documents whose inputs did not change since they
were made are not made again (:mod:`.cache`); a build with nothing to do at all
answers before reading the content (:mod:`.quick`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import CareerdocsError, Diagnostics, Kind, Problem
from ..documents import get_kind
from ..project import Project
from ..publish import Claims, Entry, OutputManifest, Published, Release, publish, work_folder
from ..publish.folder import output_problems
from ..render.context import ContextCache, RenderContext
from .cache import BuildKeys, is_up_to_date
from .check import load_checked, template_problems
from .fingerprint import project_digest
from .jobs import BuildOptions, Job, Planned, Unit, group_units, plan_jobs
from .quick import BuildResult, last_build_record, up_to_date_build
from .runner import Made, Progress, WorkSpec, adopt, make_units, no_progress


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
    told = _Told(warn)
    result = _build(project, options or BuildOptions(), progress, executor, inputs, told)
    told.tell(result.warnings)  # those of settled(), and of a build that had nothing to do
    return result


Warn = Callable[[Problem], None]


@dataclass
class _Told:
    """The warnings already given to the caller's ``warn``, so each is told once."""

    warn: Warn | None
    given: set[Problem] = field(default_factory=set)

    def tell(self, problems: list[Problem]) -> None:
        for problem in problems:
            if self.warn is not None and problem not in self.given:
                self.given.add(problem)
                self.warn(problem)


def _build(project: Project, options: BuildOptions, progress: Progress,
           executor: Executor | None, inputs: str | None, told: _Told) -> BuildResult:
    if problem := _outside_output(project, options):
        raise CareerdocsError([problem])
    jobs = _jobs(options)  # a bad CAREERDOCS_JOBS is said before anything is done
    inputs = inputs or project_digest(project)
    if done := up_to_date_build(project, options, inputs):
        return done
    plan = plan_build(project, options, inputs)
    told.tell(plan.diagnostics.warnings)  # the content's, before the long part
    with work_folder(plan.output_dir) as folder:
        spec = WorkSpec(project.root, options.roles, options.profiles, options.allow_missing,
                        inputs, folder)
        adopt(spec, plan.contexts)
        made = make_units(plan.todo, spec, jobs, progress, executor)
        # Each worker that found the disk full says so: once is enough.
        plan.diagnostics.extend(dict.fromkeys(p for result in made for p in result.problems))
        told.tell(plan.diagnostics.warnings)
        plan.diagnostics.check()
        settled = _settled(project, inputs, plan.diagnostics)
        release = _release(plan, made, settled)
        release.last = last_build_record(options, inputs, [p.as_posix() for u in plan.units
                                                           for p in u.paths],
                                         plan.diagnostics.warnings)
        published = publish(plan.output_dir, release, full=options.is_full)
    return _result(published, made, plan)


@dataclass
class Plan:
    """A checked build: every unit it makes, those not up to date, and their keys."""

    contexts: ContextCache
    units: list[Unit]
    todo: list[Unit]
    keys: BuildKeys
    output_dir: Path
    diagnostics: Diagnostics


def plan_build(project: Project, options: BuildOptions, inputs: str) -> Plan:
    """Load and check the content, declare every file, find those to make again and
    check their templates; raise :class:`CareerdocsError` with every problem found."""
    diagnostics = Diagnostics(options.allow_missing)
    contexts, units = declared_units(project, options, diagnostics)
    output_dir = options.output_dir or project.default_output_dir
    diagnostics.extend(_output_folder_problems(project, options, units))
    diagnostics.check()
    keys = BuildKeys(contexts)
    todo = units_to_make(units, keys, output_dir, options.force)
    check_templates(todo, contexts, diagnostics)
    diagnostics.check()
    return Plan(contexts, units, todo, keys, output_dir, diagnostics)


def declared_units(project: Project, options: BuildOptions,
                   diagnostics: Diagnostics) -> tuple[ContextCache, list[Unit]]:
    """Every unit a build with these options makes, with the contexts it is made in; the
    content loaded and checked (raise :class:`CareerdocsError` with every problem)."""
    content = load_checked(project, diagnostics)
    contexts = ContextCache(content, options.roles, options.profiles)
    units = group_units(declare(plan_jobs(content, options), contexts, diagnostics))
    diagnostics.check()
    return contexts, units


def _output_folder_problems(project: Project, options: BuildOptions,
                            units: list[Unit]) -> list[Problem]:
    """The output folder checked before anything is made: every declared file must be
    reachable through real folders."""
    output_dir = options.output_dir or project.default_output_dir
    problem = _outside_output(project, options)
    return [problem] if problem else output_problems(output_dir, [path for unit in units
                                                                  for path in unit.paths])


def _outside_output(project: Project, options: BuildOptions) -> Problem | None:
    """``build/`` must stay in the project (a folder named with ``--out`` may be
    anywhere: the user chose it)."""
    if options.output_dir is not None or not project.outside(project.default_output_dir):
        return None
    return Problem(project.display(project.default_output_dir), None, None,
                   "is a link to a folder outside the project: careerdocs writes the "
                   "documents inside the project only; remove the link, or name that "
                   "folder with --out", kind=Kind.OUTPUT)


def units_to_make(units: list[Unit], keys: BuildKeys, output_dir: Path,
                  force: bool) -> list[Unit]:
    """The units whose files are missing, changed, or made from other inputs (each key
    is computed here, before anything is printed, from the files as they are now)."""
    if force:
        keys.prepare(units)
        return units
    manifest = OutputManifest.read(output_dir)
    return [unit for unit in units if not is_up_to_date(unit, keys, manifest, output_dir)]


def check_templates(units: list[Unit], contexts: ContextCache,
                    diagnostics: Diagnostics) -> None:
    """The templates of every kind about to be printed, checked before anything is
    printed: for each theme chain and language, filled in with the texts of the first
    campus that uses them. (Filling them in for every campus would cost a guide's HTML per
    campus; a template that fails only on another campus's texts is reported just the
    same when that campus's documents are made, naming the template and its line.)"""
    kinds: dict[tuple[tuple[Path, ...], str], tuple[RenderContext, list[str]]] = {}
    for unit in units:
        context = contexts.get(unit.job.campus, unit.job.lang)
        _first, names = kinds.setdefault((context.theme, unit.job.lang), (context, []))
        if unit.job.document not in names:
            names.append(unit.job.document)
    for context, names in kinds.values():
        diagnostics.extend(template_problems(context, [get_kind(name) for name in names]))


def declare(jobs: list[Job], contexts: ContextCache, diagnostics: Diagnostics) -> list[Planned]:
    """Every file of the build, each claimed by one producer only."""
    claims = Claims()
    planned = []
    for job in jobs:
        for artifact in get_kind(job.document).declare(contexts.get(job.campus, job.lang)):
            item = Planned(job, artifact)
            if problem := claims.claim(item.path, f"{artifact.producer} [{job.document}]"):
                diagnostics.add(problem)
            else:
                planned.append(item)
    return planned


JOBS_LIMIT = 64  # as --jobs: more processes than that only share the same processors


def _jobs(options: BuildOptions) -> int:
    """``--jobs``, else ``CAREERDOCS_JOBS``, else one per processor this build may use."""
    if options.jobs:
        return options.jobs
    value = os.environ.get("CAREERDOCS_JOBS", "").strip()
    if not value:
        return len(os.sched_getaffinity(0))
    if value.isascii() and value.isdigit() and 1 <= int(value) <= JOBS_LIMIT:
        return int(value)
    raise CareerdocsError([Problem(
        "CAREERDOCS_JOBS", None, None,
        f"{value!r} is not a number of documents to make at once: write a whole number "
        f"from 1 to {JOBS_LIMIT}, such as 2, or remove the setting", kind=Kind.COMMAND)])


def _settled(project: Project, inputs: str, diagnostics: Diagnostics) -> bool:
    """Whether content/ and templates/ still hold the bytes the build started from. A
    file saved while the documents were being made may have been read before or after:
    the documents are published (each is whole) but not taken as up to date, so the
    next build makes them again from what the files hold then."""
    if project_digest(project) == inputs:
        return True
    diagnostics.warnings.append(Problem(
        project.display(project.content_dir), None, None,
        "a file of the content or the templates was changed while the documents were being "
        "made: they are written, and the next build makes them again", kind=Kind.OUTPUT))
    return False


def _release(plan: Plan, made: list[Made], settled: bool = True) -> Release:
    """The files made, with their cache entries (no key when the inputs changed while they
    were made), and the files kept as they are."""
    release = Release({})
    for unit, result in zip(plan.todo, made, strict=True):
        key = plan.keys.key(unit, result.reads) if settled else ""
        for path, (file, sha) in result.files.items():
            release.outputs[path] = file
            release.entries[path] = Entry(sha, key, result.reads)
    made_now = set(plan.todo)
    release.kept = frozenset(path for unit in plan.units if unit not in made_now
                             for path in unit.paths)
    return release


def _result(published: Published, made: list[Made], plan: Plan) -> BuildResult:
    result = BuildResult(published.written, published.unchanged, published.removed,
                         plan.diagnostics.warnings)
    result.made = [plan.output_dir / path for unit in plan.todo for path in unit.paths]
    for unit, one in zip(plan.todo, made, strict=True):
        result.seconds[unit.label] = one.seconds
        result.peak_rss_kb[one.worker] = max(one.peak_rss_kb,
                                             result.peak_rss_kb.get(one.worker, 0))
    return result

