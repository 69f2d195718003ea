"""The one-pager's Word document: a real Word table in the type size its PDF fits at
(python-docx is imported only to print one)."""

from __future__ import annotations

from typing import cast

from docx.document import Document as DocxDocument
from docx.shared import Length, Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import _Cell

from ..render.context import RenderContext
from ..render.docx.builder import Boxed, DocxBuilder
from ..render.docx.typography import never_hyphenated
from ..render.titles import bind_last_words
from ..resolve.viewmodel import ComparisonView

# The first column's share of the table, as in comparison.css (roles-2, roles-3).
LABEL_COLUMN = {2: 0.19, 3: 0.15}
SIDE_MARGIN = Mm(12)  # the PDF's page margin


class ComparisonDocxBuilder(DocxBuilder):
    """The one-pager as an editable Word document: one table row per dimension, in the
    type size its PDF fits at, with the PDF's column widths."""

    def __init__(self, context: RenderContext, font_size: float):
        super().__init__(context)
        self.font_size = font_size
        self.columns = 2  # the roles side by side, known once the comparison is

    def build(self, comparison: ComparisonView) -> bytes:
        _ = self._
        self.paper(210, 297)  # a one-pager is a sheet to pin on a wall: always A4
        if comparison.orientation == "landscape":
            self.landscape()
        section = self.document.sections[0]
        section.left_margin = section.right_margin = SIDE_MARGIN
        scale_styles(self.document, self.font_size)
        self.header_and_footer()
        self.document.add_paragraph(bind_last_words(comparison.title), style="Title")
        self.columns = len(comparison.roles)
        if comparison.intro:
            self.paragraph(comparison.intro)
        self.comparison_table(comparison)
        self.takeaways(comparison)
        self.credits(comparison)
        return self.save(comparison.title)

    def credits(self, comparison: ComparisonView) -> None:
        """At the foot, after the campus: the credit each imported role's licence asks for."""
        footer = self.document.sections[0].footer
        for credit in comparison.credits:
            footer.add_paragraph(credit, style="Footer")

    def takeaways(self, comparison: ComparisonView) -> None:
        """What the roles share and the link between them: boxes side by side, as in
        the PDF (or one under the other, with a reference document that has no boxes)."""
        boxes = [Boxed(self._("What they share"), comparison.shared, listed=True)] \
            if comparison.shared else []
        if comparison.link:
            boxes.append(Boxed(comparison.link_heading, (comparison.link,)))
        self.boxed_or_plain(1, boxes)

    def page_footer(self) -> None:
        """The PDF's foot, at the foot of the page: the school's call to action, then how
        to reach the campus, and for a demo campus the notice that it is fictional (a
        one-pager has no page number)."""
        _, campus = self._, self.view.campus
        footer = self.document.sections[0].footer
        action = footer.paragraphs[0]
        action.style = self.style("Call to Action")
        self.markdown(action, bind_last_words(self.view.school.call_to_action))
        contact = footer.add_paragraph(style="Footer")
        never_hyphenated(contact)  # an address, e-mail and web addresses
        contact.add_run(" · ".join((campus.name, *campus.address,
                                    *(text for text in (campus.email, campus.phone,
                                                        campus.website) if text))))
        if campus.fictional:
            footer.add_paragraph(_("Fictional demo campus: address, contact and dates are "
                                   "examples."), style="Quote")

    def measure(self) -> Length:
        """A role's column: most of the one-pager's running text is set in one."""
        label = LABEL_COLUMN.get(self.columns, 0.15)
        return Length(int(self.text_width() * (1 - label) / self.columns))

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

    def fill_cell(self, cell: _Cell, items: tuple[str, ...]) -> None:
        """A role's cell: its one text, or its texts as a bulleted list."""
        if len(items) == 1:
            self.markdown(cell.paragraphs[0], items[0])
            return
        first = cell.paragraphs[0]
        first.style = "List Bullet"
        self.markdown(first, items[0])
        for item in items[1:]:
            self.markdown(cell.add_paragraph(style="List Bullet"), item)


# Each style's size and spacing, in multiples of the body size (as comparison.css sizes
# in em): (style, size, space before, space after). The foot is sized as the PDF's
# (9 pt, its call to action 1.2 times that, its notice 0.8).
ONE_PAGER_STYLES = (("Normal", 1.0, 0.0, 0.3), ("Title", 1.9, 0.0, 0.6),
                    ("Heading 1", 1.1, 0.6, 0.25), ("List Bullet", 1.0, 0.0, 0.15))
LINE_HEIGHT, LATO_LINE = 1.4, 1.2
FOOT_STYLES = (("Call to Action", 10.8, 4.0, 1.0), ("Footer", 8.5, 0.0, 0.0),
               ("Quote", 7.5, 1.0, 0.0))


def scale_styles(document: DocxDocument, body_pt: float) -> None:
    """Size this document's styles from the one-pager's body size. Even a campus's own
    reference.docx is scaled: the page count is a promise, the type size is not."""
    sizes = [(name, body_pt * size, body_pt * before, body_pt * after)
             for name, size, before, after in ONE_PAGER_STYLES]
    for name, size, before, after in [*sizes, *FOOT_STYLES]:
        if name not in document.styles:
            continue
        style = cast(ParagraphStyle, document.styles[name])
        style.font.size = Pt(round(size * 2) / 2)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
    # comparison.css's line-height: 1.4 em; Word's single spacing is Lato's 1.2 em
    cast(ParagraphStyle, document.styles["Normal"]).paragraph_format.line_spacing = \
        LINE_HEIGHT / LATO_LINE

