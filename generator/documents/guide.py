"""Guides: one PDF per file of ``content/guides/``, printed from ``guide.html``.

Between its covers a guide flows from page to page, so no page is left half empty
by a part that happens to end early. It is laid out twice: the first layout says
where the text ends; the second adds ruled notes lines that fill the rest of that
page, and whole pages of notes until the page count is a multiple of 4, so that a
print shop can fold and staple it as a booklet. No page is ever blank.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..diagnostics import Problem
from ..render.context import RenderContext
from ..render.templating import render_template
from ..resolve.viewmodel import CampusView, GuideView
from .registry import Artifact, Rendered, register

if TYPE_CHECKING:
    from weasyprint.document import Document

PX_TO_MM = 25.4 / 96  # WeasyPrint measures in CSS pixels
NOTES_TITLE_MM = 10.0  # .notes-title in guide.css
NOTES_TAIL_GAP_MM = 6.0  # .notes-tail margin-top in guide.css
SAFETY_MM = 2.0
MIN_TAIL_LINES = 3  # fewer lines than this on the last page: not worth a "Notes" title
FLOW_END = "flow-end"  # the anchor guide.html places where the text ends


@dataclass(frozen=True)
class Filler:
    """The notes that complete a guide: lines on its last text page, then whole pages."""

    tail_lines: int
    pages: int
    page_lines: int


class GuideKind:
    """``guide-ID.pdf``: cover, contents, the school, its roles and comparisons, the campus."""

    name = "guide"
    formats: tuple[str, ...] = ("pdf",)
    summary = "a printed guide (PDF) per file of content/guides/: roles, comparisons, campus"
    template = "guide.html"

    def declare(self, context: RenderContext) -> list[Artifact]:
        return [Artifact(f"guide-{guide.id}.pdf", f"the guide '{guide.id}' ({guide.source})",
                         guide.id) for guide in context.view.guides]

    def check(self, context: RenderContext) -> list[Problem]:
        """Problems of the templates, found by rendering the HTML in memory only."""
        return [problem for guide in context.view.guides
                for problem in self.html(context, guide, None)[1]]

    def html(self, context: RenderContext, guide: GuideView,
             filler: Filler | None) -> tuple[str | None, list[Problem]]:
        return render_template(context.env, context.project, self.template, doc=context.view,
                               guide=guide, filler=filler)

    def render(self, context: RenderContext, artifact: Artifact) -> Rendered:
        from ..render.pdf import lay_out, printer_problems  # WeasyPrint: only to print

        guide = next(g for g in context.view.guides if g.id == artifact.subject)
        filler: Filler | None = None
        for attempt in range(3):
            html, problems = self.html(context, guide, filler)
            if html is None:
                return None, problems
            laid_out = lay_out(html, context.project)
            if laid_out.warnings:
                return None, printer_problems(context, self.template, laid_out.warnings)
            pages = len(laid_out.document.pages)
            if filler is not None and pages % 4 == 0:
                break
            # First layout, or the notes did not land as measured: measure (again).
            filler = plan_filler(laid_out.document, context.view.campus, attempt > 0)
        pdf = laid_out.write()
        if pdf is None:
            return None, printer_problems(context, self.template, laid_out.warnings)
        return pdf, []


def plan_filler(document: Document, campus: CampusView, cautious: bool = False) -> Filler:
    """How many notes lines fill the last text page, and how many notes pages make the page
    count a multiple of 4 (counted before any notes: covers and text pages)."""
    pages = document.pages
    index, end_y = next(((i, page.anchors[FLOW_END][1]) for i, page in enumerate(pages)
                         if FLOW_END in page.anchors), (len(pages) - 2, None))
    page = pages[index]
    top, bottom = page._page_box.margin_top, page.height - page._page_box.margin_bottom
    line = campus.note_line_mm
    page_lines = math.floor(((bottom - top) * PX_TO_MM - NOTES_TITLE_MM - SAFETY_MM) / line)
    tail_lines = 0
    if end_y is not None and not cautious:
        free = (bottom - end_y) * PX_TO_MM - NOTES_TAIL_GAP_MM - NOTES_TITLE_MM - SAFETY_MM
        tail_lines = max(0, math.floor(free / line))
        tail_lines = tail_lines if tail_lines >= MIN_TAIL_LINES else 0
    text_pages = index + 2  # the covers and the pages up to where the text ends
    return Filler(tail_lines, -text_pages % 4, page_lines)


register(GuideKind())
