"""The default DOCX reference document (page, fonts, colours, styles), made from code.

Like pandoc's ``--reference-doc``: handouts take every style from
``templates/<theme>/reference.docx``. Run ``python scripts/make_reference_docx.py``
to regenerate the default one; a campus can instead drop a ``reference.docx``
edited in Word into ``templates/campuses/<id>/``.
"""

from __future__ import annotations

from typing import cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle, ParagraphStyle
from docx.styles.styles import Styles as _Styles
from lxml import etree

from ...resolve.colours import LIGHT_GROUND, BrandColours
from .branding import apply_brand, set_font_name
from .oxml import save_deterministic
from .package import PackageFacts, child_element, finish_package
from .reference_check import BOX_STYLE, TABLE_STYLE
from .typography import apply_typography

FONT = "Lato"
BODY_PT = 10.5  # every block of text, the address included
TEXT = RGBColor(0x1F, 0x29, 0x33)
MUTED = RGBColor(0x52, 0x60, 0x6D)
NOTICE = RGBColor(0x7C, 0x2D, 0x12)  # the PDFs' fictional-campus notice
DEFAULT_PRIMARY = RGBColor(0x1D, 0x35, 0x57)
DEFAULT_ACCENT = "#e76f51"
RULE = "D9DEE3"  # the thin rules between table rows, as in comparison.css
LIGHT_ROW = LIGHT_GROUND.removeprefix("#").upper()
LEAD_INDENT_PT = 14  # the hook's text from its accent rule
# Children of w:rPr after w:color and after w:spacing (letter-spacing), in schema order.
_AFTER_COLOUR = ("w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight",
                 "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl",
                 "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
                  "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
                  "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _set_font(style: BaseStyle, size: float, colour: RGBColor | None, bold: bool = False,
              italic: bool = False) -> None:
    """A style's type; ``colour`` None leaves the document's default colour."""
    font = cast(ParagraphStyle, style).font
    # Not bold is left unset, not set to "off": a table style's bold header row must win.
    font.size, font.bold, font.italic = Pt(size), bold or None, italic or None
    if colour is not None:
        font.color.rgb = colour
    set_font_name(style, FONT)


def _default_colour(document: DocxDocument, colour: RGBColor) -> None:
    """The text colour of the document's defaults, not of Normal: a paragraph style's
    colour wins over a table style's, and the header row's must win (white on the
    primary colour)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run = child_element(child_element(defaults, "w:rPrDefault", ("w:pPrDefault",)), "w:rPr", ())
    child_element(run, "w:color", _AFTER_COLOUR).set(qn("w:val"), str(colour))


def _spacing(style: BaseStyle, before: float, after: float) -> None:
    paragraph = cast(ParagraphStyle, style).paragraph_format
    paragraph.space_before, paragraph.space_after = Pt(before), Pt(after)


def build_reference(primary: RGBColor = DEFAULT_PRIMARY) -> bytes:
    """The bytes of a reference document whose headings use ``primary``."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(18), Mm(18)
    section.header_distance = section.footer_distance = Mm(8)
    styles = document.styles
    _default_colour(document, TEXT)
    _set_font(styles["Normal"], BODY_PT, None)
    _spacing(styles["Normal"], 0, 4)
    styles["Normal"].paragraph_format.line_spacing = 1.1
    _title_band(styles)
    _set_font(styles["Subtitle"], BODY_PT, MUTED, italic=True)  # "also known as"
    _spacing(styles["Subtitle"], 2, 4)
    _lead(styles)
    for level, size, before in ((1, 13.5, 12), (2, 11, 7), (3, 10.5, 5)):
        _set_font(styles[f"Heading {level}"], size, primary, bold=True)
        _spacing(styles[f"Heading {level}"], before, 3)
    for name in ("List Bullet", "List Number"):
        _spacing(styles[name], 0, 2)
    for name in ("Header", "Footer"):
        _set_font(styles[name], 8.5, MUTED)
    _set_font(styles["Quote"], BODY_PT, NOTICE, italic=True)  # the fictional-campus notice
    _spacing(styles["Quote"], 0, 6)
    for name in ("No Spacing", "Contact"):  # the address block: body type, no gaps
        style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        _set_font(style, BODY_PT, TEXT)
        _spacing(style, 0, 0)
    _call_to_action(styles)
    hyperlink = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    hyperlink.font.color.rgb = primary
    hyperlink.font.underline = True
    styles.element.append(parse_xml(BROCHURE_TABLE))
    styles.element.append(parse_xml(BROCHURE_BOX))
    apply_brand(document, BrandColours.of(f"#{primary}", DEFAULT_ACCENT), FONT, FONT)
    apply_typography(document, Mm(170))
    finish_package(document, PackageFacts(
        title="careerdocs reference document", subject="", author="careerdocs",
        locale="en-GB"))
    return save_deterministic(document)


def _title_band(styles: _Styles) -> None:
    """The title on a band of the campus's primary colour, a kicker line above it
    (colours: branding.py)."""
    _set_font(styles["Title"], 24, TEXT, bold=True)
    _spacing(styles["Title"], 0, 10)
    styles["Title"].paragraph_format.line_spacing = 1.0
    _drop(styles["Title"].element.get_or_add_rPr(), "w:spacing")  # no letter-spacing
    kicker = styles.add_style("Kicker", WD_STYLE_TYPE.PARAGRAPH)
    kicker.base_style, kicker.next_paragraph_style = styles["Normal"], styles["Title"]
    _set_font(kicker, 8.5, TEXT, bold=True)
    kicker.font.all_caps = True
    child_element(kicker.element.get_or_add_rPr(), "w:spacing", _AFTER_SPACING).set(
        qn("w:val"), "20")  # letter-spacing of 1 pt, as the brochure's kickers
    _spacing(kicker, 0, 0)


def _lead(styles: _Styles) -> None:
    """The hook: larger type by an accent rule, as in the brochure (colours: branding)."""
    lead = styles.add_style("Lead", WD_STYLE_TYPE.PARAGRAPH)
    lead.base_style, lead.next_paragraph_style = styles["Normal"], styles["Normal"]
    _set_font(lead, 13, TEXT)
    _spacing(lead, 2, 10)
    lead.paragraph_format.line_spacing = 1.2
    lead.paragraph_format.left_indent = Pt(LEAD_INDENT_PT)
    lead.paragraph_format.keep_together = True


def _call_to_action(styles: _Styles) -> None:
    """The school's call to action: a bold line in the primary colour under a rule."""
    action = styles.add_style("Call to Action", WD_STYLE_TYPE.PARAGRAPH)
    action.base_style = styles["Normal"]
    _set_font(action, 12, TEXT, bold=True)
    _spacing(action, 0, 2)


def _drop(parent: etree._Element, name: str) -> None:
    for element in parent.findall(qn(name)):
        parent.remove(element)


# The table of key facts and of the one-pager: a header row in the primary colour,
# light rows in turn, thin rules between rows, no grid (colours: branding.py).
BROCHURE_TABLE = f"""<w:style {nsdecls("w")} w:type="table" w:customStyle="1"
 w:styleId="BrochureTable"><w:name w:val="{TABLE_STYLE}"/><w:basedOn w:val="TableNormal"/>
<w:uiPriority w:val="59"/><w:tblPr><w:tblStyleRowBandSize w:val="1"/>
<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/>
<w:bottom w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/><w:right w:val="nil"/>
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/><w:insideV w:val="nil"/>
</w:tblBorders><w:tblCellMar><w:top w:w="85" w:type="dxa"/><w:left w:w="113" w:type="dxa"/>
<w:bottom w:w="28" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tblCellMar></w:tblPr>
<w:tblStylePr w:type="firstRow"><w:pPr><w:keepNext/><w:suppressAutoHyphens/></w:pPr>
<w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr><w:tcPr>
<w:shd w:val="clear" w:color="auto" w:fill="1D3557"/></w:tcPr></w:tblStylePr>
<w:tblStylePr w:type="firstCol"><w:rPr><w:b/><w:bCs/><w:color w:val="1D3557"/></w:rPr>
</w:tblStylePr><w:tblStylePr w:type="band1Horz"><w:tcPr>
<w:shd w:val="clear" w:color="auto" w:fill="{LIGHT_ROW}"/></w:tcPr></w:tblStylePr></w:style>"""


# Boxes side by side (the one-pager's "what they share" and the link between the roles):
# a table whose odd columns are the boxes, on a light ground under an accent rule, and
# whose even columns are the gaps between them (colours: branding.py).
BROCHURE_BOX = f"""<w:style {nsdecls("w")} w:type="table" w:customStyle="1"
 w:styleId="BrochureBox"><w:name w:val="{BOX_STYLE}"/><w:basedOn w:val="TableNormal"/>
<w:uiPriority w:val="59"/><w:tblPr><w:tblStyleColBandSize w:val="1"/>
<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>
<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>
<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="170" w:type="dxa"/>
<w:bottom w:w="113" w:type="dxa"/><w:right w:w="170" w:type="dxa"/></w:tblCellMar></w:tblPr>
<w:tblStylePr w:type="band1Vert"><w:tcPr><w:tcBorders>
<w:top w:val="single" w:sz="24" w:space="0" w:color="E76F51"/></w:tcBorders>
<w:shd w:val="clear" w:color="auto" w:fill="{LIGHT_ROW}"/></w:tcPr></w:tblStylePr></w:style>"""
