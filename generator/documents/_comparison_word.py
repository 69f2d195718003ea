"""The one-pager's Word document: a real Word table in the type size its PDF fits at
(python-docx is imported only to print one)."""

from __future__ import annotations

from typing import cast

from docx.document import Document as DocxDocument
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import _Cell

from ..render.context import RenderContext
from ..render.docx.builder import DocxBuilder, add_markdown
from ..resolve.viewmodel import ComparisonView
from .comparison import Fit

# The first column's share of the table, as in comparison.css (roles-2, roles-3).
LABEL_COLUMN = {2: 0.19, 3: 0.15}
SIDE_MARGIN = Mm(12)  # the PDF's page margin


class ComparisonDocxBuilder(DocxBuilder):
    """The one-pager as an editable Word document: one table row per dimension, in the
    type size its PDF fits at, with the PDF's column widths."""

    def __init__(self, context: RenderContext, fit: Fit):
        super().__init__(context)
        self.fit = fit

    def build(self, comparison: ComparisonView) -> bytes:
        _ = self._
        self.paper(210, 297)  # a one-pager is a sheet to pin on a wall: always A4
        if comparison.orientation == "landscape":
            self.landscape()
        section = self.document.sections[0]
        section.left_margin = section.right_margin = SIDE_MARGIN
        scale_styles(self.document, self.fit.font_size)
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
        label = LABEL_COLUMN.get(len(comparison.roles), 0.15)
        others = (1 - label) / len(comparison.roles)
        self.fixed_columns(table, (label, *(others for _role in comparison.roles)))

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


# Each style's size and spacing, in multiples of the body size (as comparison.css sizes
# in em): (style, size, space before, space after).
ONE_PAGER_STYLES = (("Normal", 1.0, 0.0, 0.3), ("Title", 1.9, 0.0, 0.3),
                    ("Heading 1", 1.1, 0.6, 0.25), ("Subtitle", 1.15, 0.5, 0.0),
                    ("List Bullet", 1.0, 0.0, 0.15))


def scale_styles(document: DocxDocument, body_pt: float) -> None:
    """Size this document's styles from the one-pager's body size. Even a campus's own
    reference.docx is scaled: the page count is a promise, the type size is not."""
    for name, size, before, after in ONE_PAGER_STYLES:
        style = cast(ParagraphStyle, document.styles[name])
        style.font.size = Pt(round(body_pt * size * 2) / 2)
        style.paragraph_format.space_before = Pt(body_pt * before)
        style.paragraph_format.space_after = Pt(body_pt * after)

