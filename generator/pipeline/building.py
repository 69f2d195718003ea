"""``build``: check, declare every file, make those not up to date, then publish.

Nothing is published unless every document was made: a failed build leaves every
previous output byte-identical. Documents whose inputs did not change since they
were made are not made again (:mod:`.cache`); a build with nothing to do at all
answers before reading the content (:mod:`.quick`).
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostics, Kind, Problem
from ..documents import get_kind
from ..project import Project
from ..publish import (
    Claims,
    ManifestEntry,
    OutputManifest,
    Published,
    Release,
    publish,
    work_folder,
)
from ..publish.folder import output_problems
from ..render.context import ContextCache, RenderContext
from .cache import BuildKeys, is_up_to_date
from .check import load_checked, template_problems
from .fingerprint import project_digest
from .jobs import Job, PlannedFile, Unit, group_units, is_full, plan_jobs
from .options import BuildOptions, Progress, Told, outside_output
from .quick import BuildResult, last_build_record
from .runner import MadeUnit, WorkSpec, adopt, make_units


def make_documents(project: Project, options: BuildOptions, inputs: str, jobs: int,
                   progress: Progress, executor: Executor | None, told: Told) -> BuildResult:
    """Make the documents not up to date, in ``jobs`` processes or on ``executor``, and
    publish them with the others: the whole road of :func:`~.entry.build`."""
    plan = plan_build(project, options, inputs)
    told.tell(plan.diagnostics.warnings)  # the content's, before the long part
    with work_folder(plan.output_dir) as folder:
        spec = WorkSpec(project.root, options.given, options.allow_missing, inputs, folder)
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
        published = publish(plan.output_dir, release, full=is_full(options))
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
    contexts, units = declared_units(project, options, diagnostics, inputs)
    output_dir = options.output_dir or project.default_output_dir
    diagnostics.extend(_output_folder_problems(project, options, units))
    diagnostics.check()
    keys = BuildKeys(contexts)
    todo = units_to_make(units, keys, output_dir, options.force)
    check_templates(todo, contexts, diagnostics)
    diagnostics.check()
    return Plan(contexts, units, todo, keys, output_dir, diagnostics)


def declared_units(project: Project, options: BuildOptions, diagnostics: Diagnostics,
                   inputs: str = "") -> tuple[ContextCache, list[Unit]]:
    """Every unit a build with these options makes, with the contexts it is made in; the
    content loaded and checked (raise :class:`CareerdocsError` with every problem)."""
    content = load_checked(project, diagnostics, inputs)
    contexts = ContextCache(content, dict(options.given), inputs)
    units = group_units(declare(plan_jobs(content, options), contexts, diagnostics))
    diagnostics.check()
    return contexts, units


def _output_folder_problems(project: Project, options: BuildOptions,
                            units: list[Unit]) -> list[Problem]:
    """The output folder checked before anything is made: every declared file must be
    reachable through real folders."""
    output_dir = options.output_dir or project.default_output_dir
    problem = outside_output(project, options)
    return [problem] if problem else output_problems(output_dir, [path for unit in units
                                                                  for path in unit.paths])


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


def declare(jobs: list[Job], contexts: ContextCache, diagnostics: Diagnostics) -> list[PlannedFile]:
    """Every file of the build, each claimed by one producer only."""
    claims = Claims()
    planned = []
    for job in jobs:
        for artifact in get_kind(job.document).declare(contexts.get(job.campus, job.lang)):
            item = PlannedFile(job, artifact)
            if problem := claims.claim(item.path, f"{artifact.producer} [{job.document}]"):
                diagnostics.add(problem)
            else:
                planned.append(item)
    return planned


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


def _release(plan: Plan, made: list[MadeUnit], settled: bool = True) -> Release:
    """The files made, with their cache entries (no key when the inputs changed while they
    were made), and the files kept as they are."""
    release = Release({})
    for unit, result in zip(plan.todo, made, strict=True):
        key = plan.keys.key(unit, result.reads) if settled else ""
        for path, (file, sha) in result.files.items():
            release.outputs[path] = file
            release.entries[path] = ManifestEntry(sha, key, result.reads)
    made_now = set(plan.todo)
    release.kept = frozenset(path for unit in plan.units if unit not in made_now
                             for path in unit.paths)
    return release


def _result(published: Published, made: list[MadeUnit], plan: Plan) -> BuildResult:
    result = BuildResult(published.written, published.unchanged, published.removed,
                         plan.diagnostics.warnings)
    result.made = [plan.output_dir / path for unit in plan.todo for path in unit.paths]
    for unit, one in zip(plan.todo, made, strict=True):
        result.seconds[unit.label] = one.seconds
        result.peak_rss_kb[one.worker] = max(one.peak_rss_kb,
                                             result.peak_rss_kb.get(one.worker, 0))
    return result

