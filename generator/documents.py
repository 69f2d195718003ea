"""The kinds of document careerdocs makes, one small writer class each.

A writer turns the view model of one campus and language into one or more
files (name → bytes). Every writer reads the same
:class:`~generator.viewmodel.DocumentView`, so two documents never disagree on
a fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from gettext import NullTranslations
from pathlib import Path

from docx import Document
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import Problem
from .handout import HandoutBuilder
from .onepager import FONT_SIZES_PT, TEMPLATE, ComparisonDocxBuilder, Fit, one_page_pdf
from .pdf import html_to_pdf, printer_problems
from .project import Project
from .templating import campus_templates_dir, render_template
from .viewmodel import ComparisonView, DocumentView

Outputs = dict[str, bytes]


@dataclass(frozen=True)
class RenderContext:
    """What a writer needs for one campus and one language."""

    project: Project
    env: ImmutableSandboxedEnvironment
    view: DocumentView
    translations: NullTranslations
    theme: tuple[Path, ...]  # template folders, campus first
    roles: tuple[str, ...] = ()  # only these roles; empty means all

    def theme_file(self, name: str) -> Path:
        """The first ``name`` found along the theme chain (campus, then default)."""
        return next((folder / name for folder in self.theme if (folder / name).is_file()),
                    self.theme[-1] / name)

    def docx_builder_args(self) -> tuple:
        """Reference document, view, logo, gettext, and whether to apply the brand tokens:
        not to a campus's own reference.docx, which keeps the styles set in Word."""
        reference = self.theme_file("reference.docx")
        own = reference.parent == campus_templates_dir(self.project, self.view.campus.id)
        return (reference, self.view, self.project.root / self.view.campus.logo,
                self.translations.gettext, not own)


def reference_problems(context: RenderContext) -> list[Problem]:
    """Whether the theme's reference.docx can be opened by python-docx."""
    reference = context.theme_file("reference.docx")
    try:
        Document(str(reference))
    except Exception as error:  # noqa: BLE001 - any failure means Word styles are unusable
        return [Problem(context.project.display(reference), None, None,
                        f"cannot open this Word reference document ({error}): save it again "
                        "from Word as a .docx file")]
    return []


class BrochureWriter:
    """The open-day brochure: HTML from ``brochure.html``, printed by WeasyPrint."""

    kind = "brochure"
    template = "brochure.html"

    def html(self, context: RenderContext) -> tuple[str | None, list[Problem]]:
        return render_template(context.env, context.project, self.template, doc=context.view)

    def check(self, context: RenderContext) -> list[Problem]:
        """Problems of the templates, found by rendering the HTML in memory only."""
        return self.html(context)[1]

    def render(self, context: RenderContext) -> tuple[Outputs, list[Problem]]:
        html, problems = self.html(context)
        if html is None:
            return {}, problems
        printed = html_to_pdf(html, context.project)
        if printed.warnings or printed.pdf is None:
            return {}, printer_problems(self.template, printed.warnings)
        return {"brochure.pdf": printed.pdf}, []


class HandoutWriter:
    """Editable classroom handouts, one DOCX per role, styled by ``reference.docx``."""

    kind = "handout"

    def check(self, context: RenderContext) -> list[Problem]:
        return reference_problems(context)

    def render(self, context: RenderContext) -> tuple[Outputs, list[Problem]]:
        if problems := reference_problems(context):
            return {}, problems
        outputs: Outputs = {}
        for role in context.view.roles:
            if context.roles and role.id not in context.roles:
                continue
            builder = HandoutBuilder(*context.docx_builder_args())
            outputs[f"handout-{role.id}.docx"] = builder.build(role)
        return outputs, []


class ComparisonWriter:
    """Comparison one-pagers, PDF and DOCX, one pair per comparison."""

    kind = "comparison"

    def check(self, context: RenderContext) -> list[Problem]:
        problems = reference_problems(context)
        for comparison in context.view.comparisons:
            problems += render_template(context.env, context.project, TEMPLATE, doc=context.view,
                                        comparison=comparison, fit=Fit(FONT_SIZES_PT[0]))[1]
        return problems

    def render(self, context: RenderContext) -> tuple[Outputs, list[Problem]]:
        outputs: Outputs = {}
        problems: list[Problem] = []
        for comparison in context.view.comparisons:
            files, found = self.render_one(context, comparison)
            outputs.update(files)
            problems += found
        return outputs, problems

    @staticmethod
    def render_one(context: RenderContext, comparison: ComparisonView,
                   formats: tuple[str, ...] = ("pdf", "docx")) -> tuple[Outputs, list[Problem]]:
        """The one-pager of ``comparison`` in ``formats``, named comparison-ID.EXT."""
        outputs: Outputs = {}
        name = f"comparison-{comparison.id}"
        if "pdf" in formats:
            pdf, problems = one_page_pdf(context, comparison)
            if pdf is None:
                return {}, problems
            outputs[f"{name}.pdf"] = pdf
        if "docx" in formats:
            if problems := reference_problems(context):
                return {}, problems
            builder = ComparisonDocxBuilder(*context.docx_builder_args())
            outputs[f"{name}.docx"] = builder.build(comparison)
        return outputs, []


WRITERS = {writer.kind: writer
           for writer in (BrochureWriter(), HandoutWriter(), ComparisonWriter())}
