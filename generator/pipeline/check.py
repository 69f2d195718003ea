"""Checks that need no printing: content and catalogues, then templates and styles.

``validate`` runs them all and writes nothing; ``build`` runs the same checks
before printing any PDF, so that a template error fails in milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..diagnostics import CareerdocsError, Diagnostics, Kind, Problem
from ..documents import DocumentKind, all_kinds, discovery_problems, kind_names
from ..i18n import catalogue_problems
from ..limits import CHECK_SECONDS
from ..load.content import Content, declared_languages, load_content
from ..load.schema import Campus, Role, with_sections
from ..memory import Kept, kept
from ..project import Project
from ..render.context import ContextCache, RenderContext
from ..render.guard import RenderTimeout, deadline
from ..render.templating import template_names, template_problem
from .lint import lint


def _linted(content: Content, diagnostics: Diagnostics, inputs: str) -> None:
    """The linter's findings (fonts, glyphs, links, colours, catalogue words): a pure
    function of the project's files, kept by their digest (a build made again in the
    same process, the preview's, does not lint again)."""
    findings: Kept[tuple[str, bool], tuple[list[Problem], list[Problem]]] = kept(
        "lint findings", 4)
    key = (inputs, diagnostics.allow_missing)
    found = findings.get(key) if inputs else None
    if found is None:
        scratch = Diagnostics(diagnostics.allow_missing)
        lint(content, scratch)
        found = (list(scratch.errors), list(scratch.warnings))
        if inputs:
            findings.put(key, found)
    diagnostics.errors += found[0]
    diagnostics.warnings += found[1]


def content_schemas() -> tuple[type[Campus], type[Role]]:
    """The schemas of campus and role files, with the sections the kinds bring."""
    campus_sections = tuple((kind.name, kind.settings) for kind in all_kinds()
                            if kind.settings is not None)
    role_sections = tuple((kind.name, kind.role_settings) for kind in all_kinds()
                          if kind.role_settings is not None)
    return with_sections(Campus, campus_sections), with_sections(Role, role_sections)


def load_checked(project: Project, diagnostics: Diagnostics, inputs: str = "") -> Content:
    """The content, its catalogues checked too: every problem of both, in one report.

    Missing translations are warnings when ``diagnostics`` allows them; then the text
    of another language is printed instead, never silently: each case is listed.
    ``inputs``: the digest of the project's files, when the caller has it: the linter's
    findings on the same files are then found once per process.
    """
    diagnostics.extend(discovery_problems())  # a kind of another package that failed to load
    content = load_content(project, diagnostics, kind_names(), *content_schemas())
    languages = content.languages if content else declared_languages(project)
    for lang in languages:
        diagnostics.extend(catalogue_problems(project, lang))
    if content is not None:
        _linted(content, diagnostics, inputs)
    diagnostics.check()
    assert content is not None  # load_content returns None only with errors recorded
    return content


def template_problems(context: RenderContext, kinds: Iterable[DocumentKind]) -> list[Problem]:
    """Compile every template of the chain, then let each kind render its HTML in memory,
    within a time limit (a template may loop without end)."""
    try:
        with deadline(CHECK_SECONDS):
            return _template_problems(context, kinds)
    except RenderTimeout:
        return [Problem(f"templates (campus {context.view.campus.id}, {context.view.lang})",
                        None, None, f"the templates took more than {CHECK_SECONDS} seconds to "
                        "fill in: one of them loops without end", kind=Kind.TEMPLATE)]


def _template_problems(context: RenderContext, kinds: Iterable[DocumentKind]) -> list[Problem]:
    problems: list[Problem] = []
    for name in template_names(context.env):
        try:
            context.env.get_template(name)
        except Exception as error:  # noqa: BLE001 - any failure is reported as a template problem
            problems.append(template_problem(context.project, error, name, context.env))
    if problems:
        return problems
    for kind in kinds:
        problems += kind.check(context)
    return problems


@dataclass(frozen=True)
class Checked:
    """Content that passed every check, and what ``--allow-missing`` let through."""

    content: Content
    warnings: list[Problem]


def validate(project: Project, allow_missing: bool = False) -> Checked:
    """Check content, catalogues and templates of every campus and language; write nothing."""
    diagnostics = Diagnostics(allow_missing)
    content = load_checked(project, diagnostics)
    for context in ContextCache(content).all():
        diagnostics.extend(template_problems(context, all_kinds()))
    if diagnostics.failed:
        raise CareerdocsError(diagnostics.errors)
    return Checked(content, diagnostics.warnings)
