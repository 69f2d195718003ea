"""``build``: check, declare every file, render them all, then publish.

Nothing is published unless every document rendered: a failed build leaves every
previous output byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..diagnostics import Diagnostics, Problem
from ..documents import get_kind
from ..project import Project
from ..publish import Claims, publish
from ..render.context import ContextCache
from .check import load_checked, template_problems
from .jobs import BuildOptions, Job, Planned, plan_jobs


@dataclass
class BuildResult:
    """Files written, left alone (already up to date) or removed (no longer printed)."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


Progress = Callable[[list[Planned]], Iterable[Planned]]


def build(project: Project, options: BuildOptions | None = None,
          progress: Progress = iter) -> BuildResult:
    """Build the requested documents; raise :class:`CareerdocsError` with every problem."""
    options = options or BuildOptions()
    diagnostics = Diagnostics(options.allow_missing)
    content = load_checked(project, diagnostics)
    jobs = plan_jobs(content, options)
    contexts = ContextCache(content, options.roles)
    check_templates(jobs, contexts, diagnostics)
    planned = declare(jobs, contexts, diagnostics)
    diagnostics.check()
    outputs = render(planned, contexts, diagnostics, progress)
    diagnostics.check()
    published = publish(options.output_dir or project.default_output_dir, outputs,
                        full=options.is_full)
    return BuildResult(published.written, published.unchanged, published.removed,
                       diagnostics.warnings)


def check_templates(jobs: list[Job], contexts: ContextCache, diagnostics: Diagnostics) -> None:
    """Every template of each campus and language, checked before anything is printed."""
    kinds: dict[tuple[str, str], list[str]] = {}
    for job in jobs:
        kinds.setdefault((job.campus, job.lang), []).append(job.document)
    for (campus, lang), names in kinds.items():
        context = contexts.get(campus, lang)
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


def render(planned: list[Planned], contexts: ContextCache, diagnostics: Diagnostics,
           progress: Progress) -> dict[PurePosixPath, bytes]:
    """The bytes of every planned file; the problems of those that failed."""
    outputs: dict[PurePosixPath, bytes] = {}
    for item in progress(planned):
        job = item.job
        data, problems = get_kind(job.document).render(contexts.get(job.campus, job.lang),
                                                       item.artifact)
        diagnostics.extend(problems)
        if data is not None:
            outputs[item.path] = data
    return outputs
