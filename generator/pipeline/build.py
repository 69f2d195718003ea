"""``build``: check, declare every file, render them all, then publish.

Nothing is published unless every document rendered: a failed build leaves every
previous output byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..diagnostics import Diagnostics, Kind, Problem
from ..documents import Rendered, get_kind
from ..limits import RENDER_SECONDS
from ..project import Project
from ..publish import Claims, disk_reason, publish, scratch
from ..render.context import ContextCache
from ..render.guard import RenderTimeout, deadline
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
    contexts = ContextCache(content, options.roles, options.profiles)
    check_templates(jobs, contexts, diagnostics)
    planned = declare(jobs, contexts, diagnostics)
    diagnostics.check()
    output_dir = options.output_dir or project.default_output_dir
    with scratch(output_dir):
        outputs = render(planned, contexts, diagnostics, progress)
    diagnostics.check()
    published = publish(output_dir, outputs, full=options.is_full)
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
        data, problems = render_one(item, contexts)
        diagnostics.extend(problems)
        if data is not None:
            outputs[item.path] = data
    return outputs


def render_one(item: Planned, contexts: ContextCache) -> Rendered:
    """One file, within its time limit; any failure is a problem naming the file."""
    job = item.job
    try:
        with deadline(RENDER_SECONDS):
            return get_kind(job.document).render(contexts.get(job.campus, job.lang),
                                                 item.artifact)
    except RenderTimeout:
        reason = (f"took more than {RENDER_SECONDS} seconds to make: a template may loop "
                  "without end, or the texts are far too long")
    except MemoryError:
        reason = "needs more memory than the machine allows: the texts are far too long"
    except OSError as error:
        reason = (f"could not be made: {disk_reason(error)} (the renderers write their "
                  "temporary files in the output folder)")
    except RecursionError:
        reason = "is nested too deeply to be printed (a template with elements inside " \
                 "elements hundreds of levels deep?)"
    except Exception as error:  # noqa: BLE001 - never a traceback: say which file failed
        reason = f"could not be made ({type(error).__name__}: {error})"
    return None, [Problem(item.path.as_posix(), None, None,
                          f"{item.artifact.producer} {reason}", kind=Kind.PRINTER)]
