"""The default DOCX reference document (page, fonts, colours, styles), made from code.

Like pandoc's ``--reference-doc``: handouts take every style from
``templates/<theme>/reference.docx``. Run ``python scripts/make_reference_docx.py``
to regenerate the default one; a campus can instead drop a ``reference.docx``
edited in Word into ``templates/campuses/<id>/``.
"""

from __future__ import annotations

from typing import cast

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle, ParagraphStyle

from .branding import set_font_name
from .oxml import save_deterministic
from .package import PackageFacts, finish_package

FONT = "Lato"
TEXT = RGBColor(0x1F, 0x29, 0x33)
MUTED = RGBColor(0x52, 0x60, 0x6D)
DEFAULT_PRIMARY = RGBColor(0x1D, 0x35, 0x57)


def _set_font(style: BaseStyle, size: float, colour: RGBColor, bold: bool = False,
              italic: bool = False) -> None:
    font = cast(ParagraphStyle, style).font
    # Not bold is left unset, not set to "off": a table style's bold header row must win.
    font.size, font.bold, font.italic = Pt(size), bold or None, italic or None
    font.color.rgb = colour
    set_font_name(style, FONT)


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
    finish_package(document, PackageFacts(
        title="careerdocs reference document", subject="", author="careerdocs",
        locale="en-GB"))
    return save_deterministic(document)
