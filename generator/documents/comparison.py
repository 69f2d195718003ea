"""Comparison one-pagers: roles side by side, always on exactly one page.

The PDF is printed with the body type at 11 pt; if it does not fit on one page
it is printed again with smaller type (and, since the template sizes everything
in em, tighter spacing), down to a legible floor. If it still does not fit, the
build fails and names the dimension with the most text: nothing ever spills
onto a second page or gets cut off. The DOCX version is a real Word table.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from ..diagnostics import Kind, Problem
from ..render.boxes import page_box
from ..render.context import RenderContext
from ..render.docx.reference_check import reference_problems
from ..render.templating import render_template
from ..resolve.viewmodel import ComparisonRow, ComparisonView
from .registry import Artifact, DocumentKind, Rendered

if TYPE_CHECKING:
    from weasyprint.document import Document

    from ..render.pdf import LaidOut

FONT_SIZES_PT = (11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5)  # the last is the legible floor
PREDICTION_MARGIN = 1.0  # a size predicted to fill the page exactly is tried
TEMPLATE = "comparison.html"


@dataclass(frozen=True)
class Fit:
    """The type size a one-pager is printed with."""

    font_size: float


FitResult = tuple[bytes | None, Fit | None, list[Problem]]  # PDF, its type size, problems


class ComparisonKind(DocumentKind):
    """``comparison-ID.pdf`` and ``.docx``: each comparison the campus prints, one page."""

    name = "comparison"
    formats = ("pdf", "docx")
    summary = "one-page comparisons of two or three roles (PDF and Word)"
    cost = 1
    position = 2

    def declare(self, context: RenderContext) -> list[Artifact]:
        return [Artifact(f"comparison-{comparison.id}.{fmt}",
                         f"the one-pager of comparison '{comparison.id}' ({comparison.source})",
                         comparison.id)
                for comparison in context.view.comparisons for fmt in self.formats]

    def inputs(self, context: RenderContext, artifact: Artifact) -> object:
        return next(c for c in context.view.comparisons if c.id == artifact.subject)

    def prepare(self) -> None:
        import_module("generator.render.pdf")
        import_module("generator.documents._comparison_word")

    def check(self, context: RenderContext) -> list[Problem]:
        problems = reference_problems(context)
        for comparison in context.view.comparisons:
            problems += render_template(context.env, context.project, TEMPLATE, doc=context.view,
                                        comparison=comparison, fit=Fit(FONT_SIZES_PT[0]))[1]
        return problems

    def render(self, context: RenderContext, artifact: Artifact) -> Rendered:
        return next(self.render_all(context, [artifact]))

    def render_all(self, context: RenderContext,
                   artifacts: Sequence[Artifact]) -> Iterator[Rendered]:
        comparison = next(c for c in context.view.comparisons if c.id == artifacts[0].subject)
        return render_comparison(context, comparison,
                                 [artifact.name.rpartition(".")[2] for artifact in artifacts])


def render_comparison(context: RenderContext, comparison: ComparisonView,
                      formats: Sequence[str]) -> Iterator[Rendered]:
    """The one-pager of ``comparison`` in each of ``formats`` (``pdf``, ``docx``): a
    curated one or one made by ``careerdocs compare``. The PDF's type size is found
    once; the DOCX takes it, and fails with the PDF's message when the PDF cannot fit."""
    fitted: FitResult | None = None
    for fmt in formats:
        if fmt == "docx" and (problems := reference_problems(context)):
            yield None, problems
            continue
        if fitted is None:
            fitted = one_page_pdf(context, comparison)
        pdf, fit, problems = fitted
        if fit is None:
            yield None, problems
        elif fmt == "pdf":
            yield pdf, []
        else:
            from ._comparison_word import ComparisonDocxBuilder  # python-docx: only to print

            yield ComparisonDocxBuilder(context, fit.font_size).build(comparison), []


def one_page_pdf(context: RenderContext, comparison: ComparisonView) -> FitResult:
    """The one-page PDF of ``comparison`` at the largest of :data:`FONT_SIZES_PT` that
    fits, and that size; or the problems that prevent it.

    Sizes are not tried one by one: each layout says how full its page is, and the
    text's height grows as the square of the type size (longer lines of more, taller
    lines), so the next size tried is predicted from it (:class:`FitSearch`; layouts
    counted by bench/onepager_fit.py), where trying each size took up to 8."""
    search = FitSearch()
    size: float | None = FONT_SIZES_PT[0]
    while size is not None:
        html, problems = render_template(context.env, context.project, TEMPLATE,
                                         doc=context.view, comparison=comparison,
                                         fit=Fit(size))
        if html is None:
            return None, None, problems
        laid_out, problems = _lay_out(context, html)
        if laid_out is None:
            return None, None, problems
        size = search.record(size, laid_out)
    if search.best is None:
        return None, None, [too_long(comparison, search.pages)]
    pdf = search.best[1].write()
    if pdf is None:
        return None, None, printer_problems_of(context, search.best[1].warnings)
    return pdf, Fit(search.best[0]), []


def _lay_out(context: RenderContext, html: str) -> tuple[LaidOut | None, list[Problem]]:
    from ..render.pdf import TooManyPages, lay_out  # WeasyPrint: only when printing

    try:
        laid_out = lay_out(html, context.project)
    except TooManyPages as error:
        return None, printer_problems_of(context, [f"the one-pager has {error}: the "
                                                   "template makes too many pages"])
    if laid_out.warnings:
        return None, printer_problems_of(context, laid_out.warnings)
    return laid_out, []


def printer_problems_of(context: RenderContext, warnings: list[str]) -> list[Problem]:
    from ..render.pdf import printer_problems

    return printer_problems(context, TEMPLATE, warnings)


class FitSearch:
    """The sizes tried so far, and which to try next.

    Every layout says how full its page is (:func:`fill`: 0.9 when a tenth is left, 1.4
    when the text runs 40 % onto a second page). The text's height grows as the square
    of the type size, on top of a part that does not (margins, header, logo): from two
    layouts, ``fill = a + b × size²`` gives the size that just fills the page; from one,
    the fill is taken to grow as the size itself, which shrinks too much rather than too
    little. The next size tried is the largest of :data:`FONT_SIZES_PT` at or under that
    prediction, between the largest size that fits and the smallest that does not;
    when there is none, the search is over: most often after 3 layouts or fewer
    (bench/onepager_fit.py)."""

    def __init__(self) -> None:
        self.best: tuple[float, LaidOut] | None = None  # the largest size that fits
        self.failed = math.inf  # the smallest size that does not
        self.pages = 0
        self.layouts = 0
        self.fills: dict[float, float] = {}  # size → how full its layout is

    def record(self, size: float, laid_out: LaidOut) -> float | None:
        """Note the layout at ``size``; the next size to try, or None when found."""
        self.layouts += 1
        pages = len(laid_out.document.pages)
        if pages == 1:
            if self.best is None or size > self.best[0]:
                self.best = (size, laid_out)
        else:
            self.failed, self.pages = min(self.failed, size), pages
        self.fills[size] = fill(laid_out.document)
        ideal = self.ideal_size()
        floor = self.best[0] if self.best else 0.0
        between = [s for s in FONT_SIZES_PT if floor < s < self.failed]
        predicted = [s for s in between if s <= ideal][:1]
        if self.best is None:  # nothing fits yet: the prediction, or the floor
            predicted = predicted or between[-1:]
        return predicted[0] if predicted else None

    def ideal_size(self) -> float:
        """The type size that would just fill the page, from the layouts nearest to it:
        the fullest that fits and the least overfull, when there are both."""
        fits = [item for item in self.fills.items() if item[1] <= 1]
        spills = [item for item in self.fills.items() if item[1] > 1]
        nearest = [max(fits, key=lambda item: item[1])] if fits else []
        nearest += [min(spills, key=lambda item: item[1])] if spills else []
        if len(nearest) < 2:
            nearest = sorted(self.fills.items(), key=lambda item: abs(item[1] - 1))[:2]
        (size, full), *other = nearest
        if other:
            (size2, full2), = other
            slope = (full - full2) / (size**2 - size2**2) if size != size2 else 0.0
            if slope > 0:
                fixed = full - slope * size**2
                return math.sqrt(max(0.0, 1 - fixed) / slope) * PREDICTION_MARGIN
        return size / full * PREDICTION_MARGIN


def fill(document: Document) -> float:
    """How many pages' worth of text a layout holds: 0.9 for a page with a tenth left,
    1.4 for one page and 40 % more."""
    pages = document.pages
    root_box = page_box(pages[-1])
    available = root_box.height
    root = next(child for child in root_box.children if child.element_tag == "html")
    used = root.position_y + root.margin_height() - root_box.content_box_y()
    return max(0.05, (len(pages) - 1) + used / available)


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

