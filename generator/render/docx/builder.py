"""What every DOCX careerdocs makes has in common: a reference document, runs
from inline Markdown, a branded header and a page-numbered footer.

Only named styles of the reference document are used, never direct formatting,
so a teacher who changes "Heading 1" in Word changes every heading.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.oxml.text.run import CT_R
from docx.shared import Emu, Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ...diagnostics import Problem
from ...resolve.markup import inline_tokens, keep_pattern
from ...resolve.viewmodel import default_locale
from ..context import RenderContext
from ..reads import JOB_TITLES, note
from .branding import apply_brand
from .fonts import embed_fonts, font_cache_dir
from .oxml import add_hyperlink, add_page_field, keep_whole, save_deterministic
from .package import (
    RUN_PROPERTIES_AFTER_LANG,
    PackageFacts,
    child_element,
    finish_package,
    set_language,
)
from .reference_check import (
    BOX_STYLE,
    FALLBACK_STYLES,
    TABLE_STYLE,
    brands_word_styles,
    reference_docx,
)
from .typography import apply_typography, keep_together

_RUN_STYLES = {"strong_open": "Strong", "em_open": "Emphasis"}
LOGO_HEIGHT, HEADER_GAP = Mm(9), Mm(6)
HEADER_PT = 8.5  # the reference document's running heads
CAP_HEIGHT = 0.72  # Lato's capitals, in ems: what the eye centres on the logo
TABLE_GAP = Pt(10)
BOX_GAP = 0.03  # between boxes side by side, a share of the text width
BOX_HEADING_GAP = Pt(4)


@dataclass(frozen=True)
class Boxed:
    """What one box says: its heading, its texts, and whether they are a list."""

    heading: str
    texts: tuple[str, ...]
    listed: bool = False


def add_markdown(paragraph: Paragraph, text: str, names: tuple[str, ...] = ()) -> None:
    """Inline Markdown as runs in the Strong/Emphasis styles, real hyperlinks, and runs
    tagged with their language where the text marks one (``[backlog]{lang=en}``). Web and
    e-mail addresses and ``names`` (job titles) are runs of their own, never hyphenated."""
    styles: list[str] = []
    languages: list[str | None] = []
    link: str | None = None
    link_text: list[str] = []
    for token in inline_tokens(text):
        if token.type in _RUN_STYLES:
            styles.append(_RUN_STYLES[token.type])
        elif token.type in ("strong_close", "em_close"):
            styles.pop()
        elif token.type == "span_open":
            lang = token.attrs.get("lang")
            languages.append(str(lang) if lang else None)
        elif token.type == "span_close" and languages:
            languages.pop()
        elif token.type == "link_open":
            link, link_text = str(token.attrs["href"]), []
        elif token.type == "link_close" and link:
            add_hyperlink(paragraph, link, "".join(link_text), "Hyperlink")
            link = None
        elif token.type in ("text", "code_inline", "softbreak"):
            content = " " if token.type == "softbreak" else token.content
            if link is not None:
                link_text.append(content)
                continue
            language = next((lang for lang in reversed(languages) if lang), None)
            for piece, whole in kept_whole(content, names):
                run = paragraph.add_run(piece, style=styles[-1] if styles else None)
                if whole:
                    keep_whole(run._r)
                elif language:
                    tag_language(run._r, language)


def kept_whole(text: str, names: tuple[str, ...]) -> list[tuple[str, bool]]:
    """``text`` cut into pieces, each with whether it must stay whole: the addresses and
    ``names`` the PDFs never hyphenate (the same pattern finds them)."""
    pieces: list[tuple[str, bool]] = []
    last = 0
    for match in keep_pattern(names).finditer(text):
        pieces += [(text[last:match.start()], False), (match.group(), True)]
        last = match.end()
    pieces.append((text[last:], False))
    return [(piece, whole) for piece, whole in pieces if piece]


def tag_language(run: CT_R, language: str) -> None:
    """Tag one run with a language other than the document's (``en`` → en-GB)."""
    locale = language if "-" in language else default_locale(language)
    properties = run.get_or_add_rPr()
    set_language(child_element(properties, "w:lang", RUN_PROPERTIES_AFTER_LANG), locale)


def _length(value: Length | None) -> int:
    """A page measure python-docx may report as None (unset): then 0."""
    return int(value or 0)


def header_row(row: CT_Row) -> None:
    """A table's header row: repeated on each page the table runs onto, never split."""
    properties = row.get_or_add_trPr()
    for name in ("w:cantSplit", "w:tblHeader"):
        properties.append(OxmlElement(name))


# What follows each of a cell's properties, in the order the schema gives them.
AFTER_BORDERS = ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
                 "w:vAlign", "w:hideMark", "w:headers", "w:cellIns", "w:cellDel",
                 "w:cellMerge", "w:tcPrChange")
AFTER_MARGINS = AFTER_BORDERS[AFTER_BORDERS.index("w:tcMar") + 1:]


def joined(head: _Cell, body: _Cell) -> None:
    """A box's heading cell and text cell drawn as one box: no rule (the box style's,
    above every cell) and no cell margin between them."""
    for cell, side in ((head, "w:bottom"), (body, "w:top")):
        margins = child_element(cell._tc.get_or_add_tcPr(), "w:tcMar", AFTER_MARGINS)
        margin = child_element(margins, side, ())
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
    borders = child_element(body._tc.get_or_add_tcPr(), "w:tcBorders", AFTER_BORDERS)
    child_element(borders, "w:top", ()).set(qn("w:val"), "nil")


def logo_png(logo: Path) -> bytes:
    """Word cannot show SVG everywhere: SVG logos are turned into a PNG first."""
    if logo.suffix.lower() == ".svg":
        import cairosvg  # imported here: only Word documents with an SVG logo need it

        return cairosvg.svg2png(bytestring=logo.read_bytes(), output_height=240)
    return logo.read_bytes()


PHOTO_BAND = 58 / 170  # height / width of a photo's band, as in the guides (guide.css)
PHOTO_DPI = 300  # a band kept sharper than this only makes the file heavier


def photo_band(photo: bytes, width_mm: float) -> tuple[bytes, int]:
    """The photo cropped to its middle as a band ``width_mm`` wide, as a JPEG of at most
    PHOTO_DPI, and its resolution at that width (pixels per inch)."""
    from PIL import Image  # imported here: only documents with a photo need it

    from ..screenpictures import screen_ready  # CMYK through its profile, 16 bits to 8

    with Image.open(BytesIO(screen_ready(photo))) as image:
        picture = image.convert("RGB")
    width, height = picture.size
    band = min(height, round(width * PHOTO_BAND))
    crop_width = min(width, round(band / PHOTO_BAND))
    left, top = (width - crop_width) // 2, (height - band) // 2
    picture = picture.crop((left, top, left + crop_width, top + band))
    dpi = round(crop_width / (width_mm / 25.4))
    if dpi > PHOTO_DPI:
        target = round(width_mm / 25.4 * PHOTO_DPI)
        picture = picture.resize((target, round(target * PHOTO_BAND)), Image.Resampling.LANCZOS)
    out = BytesIO()
    picture.save(out, "JPEG", quality=88)
    return out.getvalue(), dpi


class DocxBuilder:
    """A document started from a reference DOCX, for one campus and language."""

    def __init__(self, context: RenderContext):
        self.document: DocxDocument = Document(str(reference_docx(context)))
        self.view, self.logo, self._ = context.view, context.logo, context.translations.gettext
        self.project, self.names = context.project, context.names
        self.warnings: list[Problem] = []  # what the finished document should tell its user
        body = self.document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):  # keep the page set-up, drop sample text
                body.remove(child)
        campus = self.view.campus
        if brands_word_styles(context):
            apply_brand(self.document, campus.colours, campus.font_body, campus.font_headings)
        self.paper(campus.page_width_mm, campus.page_height_mm)

    def paper(self, width_mm: int, height_mm: int) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)

    def style(self, name: str) -> str:
        """``name`` if the reference document has that style, else the one that stands in
        for it (a campus's reference.docx made before careerdocs used it)."""
        styles = self.document.styles
        return name if name in styles else FALLBACK_STYLES.get(name, "Normal")

    def paragraph(self, text: str, style: str | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph(style=self.style(style) if style else None)
        self.markdown(paragraph, text)
        return paragraph

    def markdown(self, paragraph: Paragraph, text: str) -> None:
        """``text`` (inline Markdown) appended to ``paragraph``, the job titles of every
        role kept whole (the build cache then knows the document depends on them)."""
        note(JOB_TITLES)
        add_markdown(paragraph, text, self.names)

    def heading(self, text: str, level: int) -> Paragraph:
        return self.document.add_heading(text, level=level)

    def items(self, texts: tuple[str, ...], style: str = "List Bullet") -> list[Paragraph]:
        """A list, its items kept together as typography.keep_together says."""
        paragraphs = [self.paragraph(text, style) for text in texts]
        keep_together(paragraphs)
        return paragraphs

    def numbered(self, texts: tuple[str, ...]) -> None:
        """A numbered list that starts again at 1: a second "List Number" list would
        otherwise go on from the first (Word numbers by list, not by paragraph)."""
        numbering = self.document.part.numbering_part.element
        style_number = self.document.styles["List Number"].element.find(
            f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if style_number is None:
            self.items(texts, "List Number")
            return
        abstract = numbering.num_having_numId(int(style_number.get(qn("w:val")))).abstractNumId
        restarted = numbering.add_num(abstract.val)
        restarted.add_lvlOverride(ilvl=0).add_startOverride(1)
        for paragraph in self.items(texts, "List Number"):
            number = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            number.get_or_add_ilvl().val = 0
            number.get_or_add_numId().val = restarted.numId

    def gap_before_table(self) -> None:
        """Room above a table to come: more space after the paragraph above it (a Word
        table has no space before of its own)."""
        body = self.document.element.body
        last = body[-2] if len(body) > 1 and body[-1].tag == qn("w:sectPr") else body[-1]
        if last.tag == qn("w:tbl"):  # two tables in a row would be joined into one
            last = self.document.add_paragraph(style=self.style("No Spacing"))._p
        if last.tag == qn("w:p"):
            Paragraph(last, self.document._body).paragraph_format.space_after = TABLE_GAP

    def table(self, headings: list[str]) -> Table:
        """A table in the reference document's table style, its first row a header row
        that Word repeats on every page, with room above it."""
        self.gap_before_table()
        table = self.document.add_table(rows=1, cols=len(headings),
                                        style=self.style(TABLE_STYLE))
        for cell, heading in zip(table.rows[0].cells, headings, strict=True):
            cell.text = heading
        header_row(table.rows[0]._tr)
        return table

    def _boxes(self, level: int, boxes: list[Boxed]) -> bool:
        """Boxes side by side, in the reference document's box style (its odd columns
        are the boxes, its even ones the gaps): a header row of their headings (of
        ``level``), which Word repeats if the boxes run onto the next page and screen
        readers announce, then a row of their texts; False, and nothing added, when the
        reference document has no such style."""
        if BOX_STYLE not in self.document.styles:
            return False
        self.gap_before_table()
        table = self.document.add_table(rows=2, cols=2 * len(boxes) - 1, style=BOX_STYLE)
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        if look is None:
            look = OxmlElement("w:tblLook")
            table._tbl.tblPr.append(look)
        # Column bands (boxes and gaps in turn) and a header row, which the box style
        # does not draw apart; said twice: Word reads the flags, LibreOffice the older
        # bit mask (0x0020: first row, 0x0200: no row bands).
        for name, value in (("w:val", "0220"), ("w:firstRow", "1"), ("w:lastRow", "0"),
                            ("w:firstColumn", "0"), ("w:lastColumn", "0"), ("w:noHBand", "1"),
                            ("w:noVBand", "0")):
            look.set(qn(name), value)
        width = (1 - BOX_GAP * (len(boxes) - 1)) / len(boxes)
        self.fixed_columns(table, tuple(BOX_GAP if column % 2 else width
                                        for column in range(2 * len(boxes) - 1)))
        heads, bodies = table.rows
        header_row(heads._tr)
        for box, head, body in zip(boxes, heads.cells[::2], bodies.cells[::2], strict=True):
            self.fill_box(head, body, level, box)
        for head, body in zip(heads.cells, bodies.cells, strict=True):
            joined(head, body)
        return True

    def fill_box(self, head: _Cell, body: _Cell, level: int, box: Boxed) -> None:
        """A box: its heading in the header row, then its texts, as a list when it is one."""
        heading = head.paragraphs[0]
        heading.style = f"Heading {level}"
        heading.add_run(box.heading)
        heading.paragraph_format.space_before = BOX_HEADING_GAP  # its rule is above it
        for index, text in enumerate(box.texts):
            paragraph = body.paragraphs[0] if index == 0 else body.add_paragraph()
            if box.listed:
                paragraph.style = "List Bullet"
            self.markdown(paragraph, text)

    def boxed_or_plain(self, level: int, boxes: list[Boxed]) -> None:
        """``boxes`` side by side; with a reference document that has no box style, each
        its heading, then its texts."""
        if not boxes or self._boxes(level, boxes):
            return
        for box in boxes:
            self.heading(box.heading, level)
            if box.listed:
                self.items(box.texts)
            else:
                for text in box.texts:
                    self.paragraph(text)

    def fixed_columns(self, table: Table, shares: tuple[float, ...]) -> None:
        """Columns of fixed widths, as shares of the text width: Word would otherwise
        size them by their text, and the page count would depend on it."""
        section = self.document.sections[0]
        width = _length(section.page_width) - _length(section.left_margin) \
            - _length(section.right_margin)
        table.autofit = False
        for column, share in zip(table.columns, shares, strict=True):
            column.width = Emu(int(width * share))
            for cell in column.cells:
                cell.width = Emu(int(width * share))

    def landscape(self) -> None:
        section = self.document.sections[0]
        if _length(section.page_width) < _length(section.page_height):
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width

    def header_and_footer(self) -> None:
        self.header()
        self.page_footer()

    def header(self) -> None:
        """The campus's logo, and the school and campus beside it, centred on the logo's
        height (an inline picture stands on the baseline: the text is raised to its
        middle)."""
        section = self.document.sections[0]
        header = section.header.paragraphs[0]
        header.style = "Header"
        logo = header.add_run().add_picture(BytesIO(logo_png(self.logo)), height=LOGO_HEIGHT)
        logo._inline.docPr.set("descr", self._("Logo of %(campus)s") % {
            "campus": self.view.campus.name})
        text = header.add_run(f"  {self.view.school.name} · {self.view.campus.name}")
        size = Pt(HEADER_PT).pt
        if (header_size := self.document.styles["Header"].font.size) is not None:
            size = header_size.pt
        raised = OxmlElement("w:position")  # in half-points
        raised.set(qn("w:val"), str(round(LOGO_HEIGHT.pt - CAP_HEIGHT * size)))
        text._r.get_or_add_rPr().append(raised)
        # The page's text starts below the logo, with room to breathe.
        clearance = int(section.header_distance or 0) + LOGO_HEIGHT + HEADER_GAP
        section.top_margin = Length(max(int(section.top_margin or 0), clearance))

    def page_footer(self) -> None:
        """The school's name and the page number."""
        footer = self.document.sections[0].footer.paragraphs[0]
        footer.style = "Footer"
        footer.add_run(f"{self.view.school.name} · {self._('Page')} ")
        add_page_field(footer)

    def text_width(self) -> Length:
        """The width between the margins of the last section."""
        section = self.document.sections[-1]
        return Length(_length(section.page_width) - _length(section.left_margin)
                      - _length(section.right_margin))

    def measure(self) -> Length:
        """The width the document's running text is set in (its hyphenation zone is a
        share of it): the text width."""
        return self.text_width()

    def save(self, title: str) -> bytes:
        """The finished document's bytes: package parts written, campus fonts embedded."""
        view = self.view
        apply_typography(self.document, self.measure())
        finish_package(self.document, PackageFacts(
            title=title, subject=f"{view.school.name} · {view.campus.name}",
            author=view.school.name, locale=view.school.locale))
        campus = view.campus
        embed_fonts(self.document, campus.font_faces, self.project.root, font_cache_dir())
        return save_deterministic(self.document)


