"""``compare``: a one-pager for any two or three roles, from their role files alone.

Its files go to their own folder, ``build/<campus>/<lang>/compare/``, so they can
never collide with the one-pagers of comparison files, and no full build removes
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..diagnostics import CareerdocsError, Diagnostics, command_problem, unknown
from ..documents.comparison import render_comparison
from ..load.content import Content
from ..project import Project
from ..publish import Published, publish
from ..render.context import ContextCache
from ..resolve.viewmodel import adhoc_comparison_view
from .check import load_checked

FORMATS = ("pdf", "docx")
COMPARE_FOLDER = "compare"


@dataclass(frozen=True)
class CompareOptions:
    """An ad-hoc one-pager: two or three roles, from their role files alone."""

    roles: tuple[str, ...]
    lang: str | None = None  # default: the school's first language
    campus: str | None = None  # default: the first campus, by id
    landscape: bool = False
    output: Path | None = None  # a .pdf or .docx file; default: both, under build/


def compare(project: Project, options: CompareOptions) -> Published:
    """Make a one-pager for any roles; raise :class:`CareerdocsError` with every problem."""
    diagnostics = Diagnostics()
    content = load_checked(project, diagnostics)
    campus, lang, formats = _compare_plan(content, options)
    context = ContextCache(content).get(campus, lang)
    view = adhoc_comparison_view(content, list(options.roles), lang, context.translations,
                                 "landscape" if options.landscape else "portrait")
    outputs = {}
    for fmt, (data, problems) in zip(formats, render_comparison(context, view, formats),
                                     strict=True):
        diagnostics.extend(problems)
        outputs[PurePosixPath(f"{'-'.join(options.roles)}.{fmt}")] = data
    diagnostics.check()
    if options.output:
        folder = options.output.parent
        files = {PurePosixPath(options.output.name): data for data in outputs.values()}
    else:
        folder = project.default_output_dir / campus / lang / COMPARE_FOLDER
        files = outputs
    return publish(folder, {path: data for path, data in files.items() if data is not None},
                   full=False, keep_manifest=False)


def _compare_plan(content: Content, options: CompareOptions) -> tuple[str, str, tuple[str, ...]]:
    problems = unknown("role", options.roles, content.roles)
    problems += unknown("campus", [options.campus] if options.campus else [], content.campuses)
    problems += unknown("language", [options.lang] if options.lang else [], content.languages)
    if not 2 <= len(options.roles) <= 3 or len(set(options.roles)) != len(options.roles):
        problems.append(command_problem(
            f"give two or three different roles to compare, e.g. careerdocs compare pm po "
            f"(you gave {len(options.roles)})"))
    suffix = options.output.suffix.lower() if options.output else ""
    if options.output and suffix[1:] not in FORMATS:
        problems.append(command_problem(
            f"-o must name a .pdf or a .docx file, not '{options.output}'"))
    if problems:
        raise CareerdocsError(problems)
    formats = (suffix[1:],) if suffix else FORMATS
    return (options.campus or sorted(content.campuses)[0],
            options.lang or content.languages[0], formats)
