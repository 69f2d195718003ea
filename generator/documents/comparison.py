"""Comparison one-pagers: roles side by side, always on exactly one page.

The PDF is printed with the body type at 11 pt; if it does not fit on one page
it is printed again with smaller type (and, since the template sizes everything
in em, tighter spacing), down to a legible floor. If it still does not fit, the
build fails and names the dimension with the most text: nothing ever spills
onto a second page or gets cut off. The DOCX version is a real Word table.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.table import _Cell

from ..diagnostics import Kind, Problem
from ..render.context import RenderContext
from ..render.docx.builder import DocxBuilder, add_markdown, reference_problems
from ..render.templating import render_template
from ..resolve.viewmodel import ComparisonRow, ComparisonView
from .registry import Artifact, Rendered, register

FONT_SIZES_PT = (11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5)  # the last is the legible floor
TEMPLATE = "comparison.html"


@dataclass(frozen=True)
class Fit:
    """The type size a one-pager is printed with."""

    font_size: float


class ComparisonKind:
    """``comparison-ID.pdf`` and ``.docx``: each comparison the campus prints, one page."""

    name = "comparison"
    formats: tuple[str, ...] = ("pdf", "docx")
    summary = "one-page comparisons of two or three roles (PDF and Word)"

    def declare(self, context: RenderContext) -> list[Artifact]:
        return [Artifact(f"comparison-{comparison.id}.{fmt}",
                         f"the one-pager of comparison '{comparison.id}' ({comparison.source})",
                         comparison.id)
                for comparison in context.view.comparisons for fmt in self.formats]

    def check(self, context: RenderContext) -> list[Problem]:
        problems = reference_problems(context)
        for comparison in context.view.comparisons:
            problems += render_template(context.env, context.project, TEMPLATE, doc=context.view,
                                        comparison=comparison, fit=Fit(FONT_SIZES_PT[0]))[1]
        return problems

    def render(self, context: RenderContext, artifact: Artifact) -> Rendered:
        comparison = next(c for c in context.view.comparisons if c.id == artifact.subject)
        return render_comparison(context, comparison, artifact.name.rpartition(".")[2])


def render_comparison(context: RenderContext, comparison: ComparisonView, fmt: str) -> Rendered:
    """The one-pager of ``comparison`` as a ``pdf`` or a ``docx``: a curated one or one
    made by ``careerdocs compare``."""
    if fmt == "pdf":
        return one_page_pdf(context, comparison)
    if problems := reference_problems(context):
        return None, problems
    return ComparisonDocxBuilder(context).build(comparison), []


def one_page_pdf(context: RenderContext, comparison: ComparisonView) -> Rendered:
    """The one-page PDF of ``comparison``, or the problems that prevent it."""
    from ..render.pdf import html_to_pdf, printer_problems  # WeasyPrint: only when printing

    pages = 0
    for fit in (Fit(size) for size in FONT_SIZES_PT):
        html, problems = render_template(context.env, context.project, TEMPLATE,
                                         doc=context.view, comparison=comparison, fit=fit)
        if html is None:
            return None, problems
        printed = html_to_pdf(html, context.project, max_pages=1)
        if printed.warnings:
            return None, printer_problems(context, TEMPLATE, printed.warnings)
        if printed.pdf is not None:
            return printed.pdf, []
        pages = printed.pages
    return None, [too_long(comparison, pages)]


def too_long(comparison: ComparisonView, pages: int) -> Problem:
    """The failure to fit, pinned on the dimension with the most text."""
    longest = max(comparison.rows, key=_row_length)
    message = (
        f"the comparison '{comparison.id}' does not fit on one page, even with type at "
        f"{FONT_SIZES_PT[-1]:g} pt (it needs {pages} pages): shorten the texts of the "
        f"dimension '{longest.key}' ({longest.label}, {_row_length(longest)} characters), "
        "the longest of the page, or split the comparison")
    return Problem(longest.where, None, None, message, kind=Kind.CONTENT)


def _row_length(row: ComparisonRow) -> int:
    return sum(len(item) for cell in row.cells for item in cell)


class ComparisonDocxBuilder(DocxBuilder):
    """The one-pager as an editable Word document: one table row per dimension."""

    def build(self, comparison: ComparisonView) -> bytes:
        _ = self._
        self.paper(210, 297)  # a one-pager is a sheet to pin on a wall: always A4
        if comparison.orientation == "landscape":
            self.landscape()
        self.header_and_footer()
        self.document.add_paragraph(comparison.title, style="Title")
        if comparison.intro:
            self.paragraph(comparison.intro)
        self.comparison_table(comparison)
        if comparison.shared:
            self.heading(_("What they share"), 1)
            self.items(comparison.shared)
        if comparison.link:
            self.heading(comparison.link_heading, 1)
            self.paragraph(comparison.link)
        self.paragraph(self.view.school.call_to_action, "Subtitle")
        return self.save(comparison.title)

    def comparison_table(self, comparison: ComparisonView) -> None:
        table = self.table(["", *(f"{role.short_title} · {role.title}"
                                  for role in comparison.roles)])
        for row in comparison.rows:
            cells = table.add_row().cells
            cells[0].text = row.label
            for cell, items in zip(cells[1:], row.cells, strict=True):
                self.fill_cell(cell, items)

    @staticmethod
    def fill_cell(cell: _Cell, items: tuple[str, ...]) -> None:
        if len(items) == 1:
            add_markdown(cell.paragraphs[0], items[0])
            return
        first = cell.paragraphs[0]
        first.style = "List Bullet"
        add_markdown(first, items[0])
        for item in items[1:]:
            add_markdown(cell.add_paragraph(style="List Bullet"), item)


register(ComparisonKind())
