"""The handout's Word document, filled by python-docx (imported only to print one)."""

from __future__ import annotations

import math
import re
from io import BytesIO

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..diagnostics import Kind, Problem
from ..render.careermap import around, campus_picture
from ..render.docx.builder import Boxed, DocxBuilder, header_row, photo_band
from ..render.docx.estimate import Estimator
from ..render.docx.oxml import add_hyperlink
from ..render.docx.package import insert_before
from ..render.docx.typography import never_hyphenated
from ..render.reads import read_project_file
from ..render.titles import bind_last_words
from ..resolve.viewmodel import PhotoView, RoleView

KEY_FACTS_COLUMNS = (0.3, 0.7)  # labels are a few words; the facts are sentences
NOTE_LINES = 6
MAP_DRAWING_ID = 100  # the career map's drawing number, apart from the header's logo
PHOTO_DRAWING_ID = 101
CREDIT_COLOUR = "4B5563"  # the grey of the guides' credits
SCREEN_DPI = 150  # sharp on a screen and on an office printer
NOTE_LINE_COLOUR = "8A949E"  # a grey that prints on any printer and does not shout
NOTES_PAGE_PAPERS = ("A5",)  # handouts folded from one sheet: their notes fill the last page
NOTES_PAGE_SPARE_PT = 12.0  # a line of text: what the estimate of the page may miss


class HandoutBuilder(DocxBuilder):
    """Fills one handout for one role."""

    notes: tuple[Paragraph, Table] | None = None  # the notes' heading and ruled lines

    def build(self, role: RoleView) -> bytes:
        _ = self._
        self.header_and_footer()
        self.title_block(role)
        self.paragraph(bind_last_words(role.hook), "Lead")
        self.paragraph(role.summary)
        self.photo(role.photo)
        self.key_facts(role)
        self.heading(_("Missions"), 1)
        self.items(role.missions, "List Number")
        self.heading(_("Key skills"), 1)
        self.skills(role)
        if role.working_methods:
            self.heading(_("Working methods"), 1)
            self.items(role.working_methods)
        self.heading(_("Career path"), 1)
        # the career path's text stays with the map that draws it
        self.paragraph(role.career_path).paragraph_format.keep_with_next = True
        self.career_map(role)
        self.learn_more(role)
        self.classroom(role)
        self.contact()
        self.notes_page()
        return self.save(role.title)

    def title_block(self, role: RoleView) -> None:
        """The role's title on a band of the campus's colours, under a kicker line, as
        the brochure's role pages begin; the other names it goes by under the band."""
        self.document.add_paragraph(self._("Career profile"), style=self.style("Kicker"))
        self.document.add_paragraph(bind_last_words(role.title), style="Title")
        if role.also_known_as:
            never_hyphenated(self.paragraph(self._("Also known as: %(names)s") % {
                "names": ", ".join(role.also_known_as)}, "Subtitle"))

    def photo(self, photo: PhotoView | None) -> None:
        """The role's photo as a band as wide as the text, described for those who cannot
        see it, its credit beneath in small type."""
        if photo is None:
            return
        width = self.text_width()
        band, dpi = photo_band(read_project_file(self.project.root, photo.src), width.mm)
        if dpi < SCREEN_DPI:
            self.warnings.append(Problem(photo.src, None, None, (
                f"this picture shows at {dpi} pixels per inch in the handout, where a printer "
                f"needs {SCREEN_DPI}: use a version at least "
                f"{math.ceil(width.inches * SCREEN_DPI)} pixels wide"), kind=Kind.RESOLUTION))
        picture = self.document.add_paragraph().add_run().add_picture(BytesIO(band), width=width)
        picture._inline.docPr.set("id", str(PHOTO_DRAWING_ID))
        picture._inline.docPr.set("descr", photo.alt)
        credit = self.document.add_paragraph()
        credit.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = credit.add_run(photo.credit)
        run.font.size, run.font.color.rgb = Pt(8), RGBColor.from_string(CREDIT_COLOUR)

    def career_map(self, role: RoleView) -> None:
        """The role between those that lead to it and those it leads to, drawn as in the
        guide, with the same said in words for screen readers."""
        width = self.text_width()
        png = campus_picture(around(role), self.view.campus, self.project.root, width.mm,
                             self.view.lang)
        if not png:
            return
        picture = self.document.add_paragraph().add_run().add_picture(BytesIO(png), width=width)
        moves = [(before.title, role.title) for before in role.moves_from]
        moves += [(role.title, after.title) for after in role.moves_on_to]
        # python-docx numbers pictures per part: the header's logo is number 1 too, and a
        # drawing's number must be unique in the whole document.
        picture._inline.docPr.set("id", str(MAP_DRAWING_ID))
        picture._inline.docPr.set("descr", " ".join(
            self._("%(role)s usually moves on to %(next)s.") % {"role": a, "next": b}
            for a, b in moves))

    def learn_more(self, role: RoleView) -> None:
        """Links for further reading, as real hyperlinks, and reference codes."""
        if not (role.links or role.codes or role.credit):
            return
        self.heading(self._("Learn more"), 1)
        for link in role.links:  # a title and its address: never hyphenated
            paragraph = self.document.add_paragraph(style="List Bullet")
            never_hyphenated(paragraph)
            add_hyperlink(paragraph, link.url, link.label, "Hyperlink")
            paragraph.add_run(f" ({link.url})")
        for code in role.codes:
            paragraph = self.document.add_paragraph(style="List Bullet")
            never_hyphenated(paragraph)
            paragraph.add_run(self._("%(label)s:") % {"label": code.label} + " ")
            if code.url:
                add_hyperlink(paragraph, code.url, code.value, "Hyperlink")
            else:
                paragraph.add_run(code.value)
        if role.credit:  # what the dataset's licence asks to print, in small type
            run = self.document.add_paragraph().add_run(role.credit)
            run.font.size, run.font.color.rgb = Pt(8), RGBColor.from_string(CREDIT_COLOUR)

    def skills(self, role: RoleView) -> None:
        self.heading(self._("Know-how"), 2)
        self.items(role.know_how)
        if role.soft_skills:
            self.heading(self._("Soft skills"), 2)
            self.items(role.soft_skills)

    def key_facts(self, role: RoleView) -> None:
        _ = self._
        rows = [(_("Education"), role.education),
                *((_("Access to the job"), text) for text in role.access)]
        if role.related:
            rows.append((_("Related roles"), ", ".join(r.title for r in role.related)))
        if role.salary_note:
            rows.append((_("Salary"), role.salary_note))
        rows += [(_("Salary"), _("%(label)s: %(amounts)s") % {"label": line.label,
                                                               "amounts": line.amounts}
                  + f" ({_('source: %(source)s') % {'source': line.source}})")
                 for line in role.salary_ranges]
        table = self.table([_("Key facts"), _("In short")])
        for label, text in rows:
            cells = table.add_row().cells
            cells[0].text = label
            self.markdown(cells[1].paragraphs[0], text)
            if label == _("Related roles"):  # job titles: never hyphenated
                never_hyphenated(cells[1].paragraphs[0])
        self.fixed_columns(table, KEY_FACTS_COLUMNS)

    def classroom(self, role: RoleView) -> None:
        _ = self._
        comparisons = self.view.comparisons_with(role.id)
        self.heading(_("In class"), 1)
        takeaways = tuple(item for c in comparisons for item in (*c.shared, c.link) if item)
        if takeaways:
            self.boxed_or_plain(2, [Boxed(_("Key takeaways"), takeaways, listed=True)])
        questions = tuple(q for c in comparisons for q in c.questions)
        if questions:
            self.heading(_("Discussion questions"), 2)
            self.numbered(questions)
        self.gap_before_table()
        self.notes = self.note_lines(_("Notes"), NOTE_LINES, Mm(self.view.campus.note_line_mm))

    def notes_page(self) -> None:
        """A folded handout (A5: a sheet of A4 folded in two) ends on a page of its own:
        its notes, their ruled lines filling the page down to the campus's contact at
        its foot, rather than a contact block alone at the top of a last page. Its
        height is the page's, and what else it holds is measured with the campus
        fonts (:mod:`generator.render.docx.estimate`), with room to spare: lines
        enough to fill it, never so many that the contact goes over onto another."""
        if self.notes is None or self.view.campus.paper not in NOTES_PAGE_PAPERS:
            return
        heading, table = self.notes
        heading.paragraph_format.page_break_before = True
        estimator = Estimator(self.document, self.view.campus.font_faces, self.project.root)
        width = self.text_width().pt
        after = [Paragraph(element, table._parent) for element in table._tbl.itersiblings()
                 if element.tag == qn("w:p")]
        taken = sum(estimator.height(paragraph, width) for paragraph in (heading, *after))
        spacing = Mm(self.view.campus.note_line_mm)
        free = estimator.text_height() - taken - NOTES_PAGE_SPARE_PT
        ruled = len(table.rows) - 1  # the lines under the heading's row
        self.rule_rows(table, max(0, int(free // spacing.pt) - ruled), spacing)

    def note_lines(self, title: str, count: int, spacing: Length) -> tuple[Paragraph, Table]:
        """Ruled lines to write on, under their heading: a borderless table whose rows are
        underlined, so the lines span the text width on any paper and stay lines when
        edited; its header row is the heading (a table says what it holds, for Word's
        accessibility rules and screen readers)."""
        table = self.document.add_table(rows=1, cols=1)
        heading = table.rows[0].cells[0].paragraphs[0]
        heading.style = "Heading 2"
        heading.add_run(title)
        header_row(table.rows[0]._tr)
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            border = OxmlElement(f"w:{edge}")
            ruled = edge in ("bottom", "insideH")
            border.set(qn("w:val"), "single" if ruled else "nil")
            if ruled:
                border.set(qn("w:sz"), "4")  # eighths of a point: a half-point hairline
                border.set(qn("w:color"), NOTE_LINE_COLOUR)
            borders.append(border)
        insert_before(table._tbl.tblPr, borders, ("w:shd", "w:tblLayout", "w:tblCellMar",
                                                   "w:tblLook", "w:tblCaption"))
        margins = OxmlElement("w:tblCellMar")  # the heading in line with the text
        for side in ("left", "right"):
            margin = OxmlElement(f"w:{side}")
            margin.set(qn("w:w"), "0")
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        insert_before(table._tbl.tblPr, margins, ("w:tblLook", "w:tblCaption"))
        self.rule_rows(table, count, spacing)
        return heading, table

    @staticmethod
    def rule_rows(table: Table, count: int, spacing: Length) -> None:
        """``count`` more ruled lines, ``spacing`` apart."""
        for _line in range(count):
            row = table.add_row()
            row.height, row.height_rule = spacing, WD_ROW_HEIGHT_RULE.EXACTLY

    def contact(self) -> None:
        """How to reach the campus, with links a click opens, and the notice that a
        demo campus is fictional (as in the brochure)."""
        _, campus = self._, self.view.campus
        self.heading(_("Come and meet us"), 1)
        if campus.fictional:
            notice = self.paragraph(_("This is a fictional demo campus: its address, contact "
                                      "details and dates are examples, not real information."),
                                    "Quote")
            notice.paragraph_format.keep_with_next = True
        lines: list[tuple[str | None, str]] = [(None, line) for line in campus.address]
        lines += [(f"mailto:{campus.email}", campus.email)] if campus.email else []
        lines += [(f"tel:{re.sub(r'[^+0-9]', '', campus.phone)}", campus.phone)] \
            if campus.phone else []
        lines += [(campus.website, campus.website)] if campus.website else []
        if campus.open_days:
            lines.append((None, _("%(label)s:") % {"label": _("Open days")} + " "
                          + ", ".join(campus.open_days)))
        for index, (url, text) in enumerate(lines):
            paragraph = self.document.add_paragraph(style=self.style("Contact"))
            # the block stays whole: it never leaves its last line alone on a page
            paragraph.paragraph_format.keep_with_next = index < len(lines) - 1
            if url:
                add_hyperlink(paragraph, url, text, "Hyperlink")
            else:
                paragraph.add_run(text)
