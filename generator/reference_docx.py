"""The default DOCX reference document (page, fonts, colours, styles), made from code.

Like pandoc's ``--reference-doc``: handouts take every style from
``templates/<theme>/reference.docx``. Run ``python scripts/make_reference_docx.py``
to regenerate the default one; a campus can instead drop a ``reference.docx``
edited in Word into ``templates/campuses/<id>/``.
"""

from __future__ import annotations

import re

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle

from .docxutil import save_deterministic

FONT = "Lato"
TEXT = RGBColor(0x1F, 0x29, 0x33)
MUTED = RGBColor(0x52, 0x60, 0x6D)
DEFAULT_PRIMARY = RGBColor(0x1D, 0x35, 0x57)


def _set_font(style: BaseStyle, size: float, colour: RGBColor, bold: bool = False,
              italic: bool = False) -> None:
    font = style.font
    font.size, font.bold, font.italic = Pt(size), bold, italic
    font.color.rgb = colour
    _set_font_name(style, FONT)


def _spacing(style: BaseStyle, before: float, after: float) -> None:
    style.paragraph_format.space_before = Pt(before)
    style.paragraph_format.space_after = Pt(after)


def apply_brand(document: DocxDocument, primary: str, accent: str, body_font: str,
                headings_font: str) -> None:
    """Give a document a campus's colours (``#rrggbb``) and fonts, in its styles and theme.

    Headings, the title and links take the primary colour; table styles follow the
    theme's accent colours, which become the campus's primary and accent.
    """
    colour = RGBColor.from_string(primary.removeprefix("#").upper())
    styles = document.styles
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Hyperlink"):
        styles[name].font.color.rgb = colour
    for name in ("Normal", "Header", "Footer"):
        _set_font_name(styles[name], body_font)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        _set_font_name(styles[name], headings_font)
    _set_theme_accents(document, primary, accent)


def _set_font_name(style: BaseStyle, name: str) -> None:
    style.font.name = name
    fonts = style.element.rPr.find(qn("w:rFonts"))
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)  # theme fonts would win over ours


def _set_theme_accents(document: DocxDocument, primary: str, accent: str) -> None:
    colours = {"accent1": primary.removeprefix("#").upper(),
               "accent2": accent.removeprefix("#").upper()}
    _set_style_colours(document, colours)
    for part in document.part.package.iter_parts():
        if str(part.partname).startswith("/word/theme/"):
            xml = part.blob.decode("utf-8")
            for slot, value in (("accent1", primary), ("accent2", accent)):
                xml = re.sub(rf'(<a:{slot}>\s*<a:srgbClr val=")[0-9A-Fa-f]{{6}}',
                             rf"\g<1>{value.removeprefix('#').upper()}", xml)
            part._blob = xml.encode("utf-8")  # python-docx keeps unparsed parts as bytes


def _set_style_colours(document: DocxDocument, colours: dict[str, str]) -> None:
    """Write the theme colours into the styles too: Word reads the theme, but LibreOffice
    reads the colour value that stands beside it."""
    for element in document.styles.element.iter():
        theme = element.get(qn("w:themeColor"))
        if theme in colours:
            element.set(qn("w:color"), colours[theme])
        fill = element.get(qn("w:themeFill"))
        if fill in colours:
            tint = int(element.get(qn("w:themeFillTint"), "FF"), 16) / 255
            element.set(qn("w:fill"), _tint(colours[fill], tint))


def _tint(colour: str, tint: float) -> str:
    """Office's tint: the colour mixed with white, ``tint`` being the colour's share."""
    channels = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(c * tint + 255 * (1 - tint)):02X}" for c in channels)


def build_reference(primary: RGBColor = DEFAULT_PRIMARY) -> bytes:
    """The bytes of a reference document whose headings use ``primary``."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(18), Mm(18)
    section.header_distance = section.footer_distance = Mm(8)
    styles = document.styles
    _set_font(styles["Normal"], 10.5, TEXT)
    _spacing(styles["Normal"], 0, 4)
    styles["Normal"].paragraph_format.line_spacing = 1.1
    _set_font(styles["Title"], 24, primary, bold=True)
    _spacing(styles["Title"], 0, 2)
    _set_font(styles["Subtitle"], 12.5, MUTED, italic=True)
    _spacing(styles["Subtitle"], 0, 8)
    for level, size, before in ((1, 13.5, 10), (2, 11, 6), (3, 10, 4)):
        _set_font(styles[f"Heading {level}"], size, primary, bold=True)
        _spacing(styles[f"Heading {level}"], before, 3)
    for name in ("List Bullet", "List Number"):
        _spacing(styles[name], 0, 2)
    for name in ("Header", "Footer"):
        _set_font(styles[name], 8.5, MUTED)
    hyperlink = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    hyperlink.font.color.rgb = primary
    hyperlink.font.underline = True
    document.core_properties.title = "careerdocs reference document"
    return save_deterministic(document, "careerdocs reference document", "en")
