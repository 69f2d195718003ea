"""A campus's brand applied to a Word document at every build: colours and fonts.

Headings, links and the hook take the campus's primary colour (a darker shade of it
where it would not read on white), the title sits on a band of it, the tables' header
rows too; the theme's accent colours become the campus's primary and accent, so
Word's own table styles follow them; the body and heading styles name the campus's
font families. A campus's own ``reference.docx`` (edited in Word) is used as it is,
without this.
"""

from __future__ import annotations

import re
from typing import Any, cast
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from docx.styles.style import BaseStyle, ParagraphStyle

from ...resolve.colours import BrandColours
from .oxml import hex_colour, set_border, set_shading
from .reference_check import BOX_STYLE, TABLE_STYLE


def apply_brand(document: DocxDocument, colours: BrandColours, body_font: str,
                headings_font: str) -> None:
    """Give a document a campus's colours and fonts, in its styles and theme.

    Every text colour is one that reads on its ground (:class:`BrandColours`): headings,
    links and the hook in the primary colour or a darker shade of it, the title band's
    text and the table's header row in white or near-black on the primary colour.
    """
    styles = document.styles
    for name in ("Heading 1", "Heading 2", "Heading 3", "Hyperlink", "Lead", "Call to Action"):
        if name in styles:
            _text_colour(styles[name], colours.primary_ink)
    for name in ("Normal", "Header", "Footer"):
        set_font_name(styles[name], body_font)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        if name in styles:
            set_font_name(styles[name], headings_font)
    _band(styles["Title"], colours, colours.on_primary)
    if "Kicker" in styles:
        _band(styles["Kicker"], colours, colours.accent_on_primary)
    if "Lead" in styles:
        set_border(styles["Lead"].element.get_or_add_pPr(), "left", colours.accent,
                   ACCENT_RULE_EIGHTHS, 10)
    if "Call to Action" in styles:
        set_border(styles["Call to Action"].element.get_or_add_pPr(), "top", colours.primary,
                   FOOT_RULE_EIGHTHS, 4)
    _brand_lists(document, colours, body_font)
    if TABLE_STYLE in styles:
        _brand_table(styles[TABLE_STYLE], colours)
    if BOX_STYLE in styles:
        for border in styles[BOX_STYLE].element.iter(qn("w:top")):
            if border.get(qn("w:val")) == "single":  # the boxes' rule, in the accent
                border.set(qn("w:color"), hex_colour(colours.accent))
    _set_theme(document, {"accent1": colours.primary, "accent2": colours.accent},
               {"majorFont": headings_font, "minorFont": body_font})


ACCENT_RULE_EIGHTHS = 34  # 4.25 pt, the brochure's 1.5 mm rule beside the hook
FOOT_RULE_EIGHTHS = 12  # 1.5 pt, the one-pager's rule above its foot
BAND_RULE_EIGHTHS = 36  # 4.5 pt of accent under the title band, as on the one-pager
BAND_PADDING_PT = 9


def _text_colour(style: BaseStyle, colour: str) -> None:
    cast(ParagraphStyle, style).font.color.rgb = RGBColor.from_string(hex_colour(colour))


def _band(style: BaseStyle, colours: BrandColours, text: str) -> None:
    """A paragraph style on a band of the primary colour, an accent rule under it, its
    text in ``text``. Paragraphs of the same borders in a row share one band. Its text is
    indented by the band's padding, so that the band's edges are the text's margins (as
    wide as the tables under it), not beyond them."""
    paragraph = cast(ParagraphStyle, style).paragraph_format
    paragraph.left_indent = paragraph.right_indent = Pt(BAND_PADDING_PT + 0.5)
    properties = style.element.get_or_add_pPr()
    for edge in ("top", "left", "right"):
        set_border(properties, edge, colours.primary, 4, BAND_PADDING_PT)
    set_border(properties, "bottom", colours.accent, BAND_RULE_EIGHTHS, BAND_PADDING_PT)
    set_shading(properties, colours.primary)
    _text_colour(style, text)


def _brand_table(style: BaseStyle, colours: BrandColours) -> None:
    """The table style's header row on the primary colour, in the text colour that reads
    on it; its first column in the primary ink."""
    for part in style.element.findall(qn("w:tblStylePr")):
        kind = part.get(qn("w:type"))
        colour = {"firstRow": colours.on_primary, "firstCol": colours.primary_ink}.get(kind)
        for element in part.findall(f"{qn('w:rPr')}/{qn('w:color')}"):
            element.attrib.clear()
            element.set(qn("w:val"), hex_colour(colour or "#000000"))
        if kind == "firstRow":
            for shading in part.iter(qn("w:shd")):
                shading.set(qn("w:fill"), hex_colour(colours.primary))


BULLET = "\u2022"  # in the body font: Word's default is a glyph of the Symbol font
QUOTE = {'"': "&quot;"}  # a font's name in an XML attribute


def _brand_lists(document: DocxDocument, colours: BrandColours, body_font: str) -> None:
    """Bullets and numbers as the brochure's: a bullet of the body font in the accent
    ink (the accent, darkened where it would not read on white), numbers in bold primary
    ink; the first level of each list style's numbering, as the styles name it."""
    for name, mark, colour, bold in (("List Bullet", BULLET, colours.accent_ink, False),
                                     ("List Number", None, colours.primary_ink, True)):
        level = _first_level(document, name)
        if level is None:
            continue
        if mark is not None:
            level.find(qn("w:lvlText")).set(qn("w:val"), mark)
        for old in level.findall(qn("w:rPr")):
            level.remove(old)
        level.append(parse_xml(
            f'<w:rPr {nsdecls("w")}><w:rFonts w:ascii="{escape(body_font, QUOTE)}" '
            f'w:hAnsi="{escape(body_font, QUOTE)}"/>{"<w:b/>" if bold else ""}'
            f'<w:color w:val="{hex_colour(colour)}"/></w:rPr>'))


def _first_level(document: DocxDocument, style_name: str) -> Any:
    """The ``w:lvl`` of level 0 of the numbering a list style uses, or None."""
    styles = document.styles
    if style_name not in styles:
        return None
    numbers = styles[style_name].element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if numbers is None:
        return None
    numbering = document.part.numbering_part.element
    try:
        abstract = numbering.num_having_numId(int(numbers.get(qn("w:val")))).abstractNumId.val
    except KeyError:
        return None
    for definition in numbering.findall(qn("w:abstractNum")):
        if definition.get(qn("w:abstractNumId")) == str(abstract):
            return definition.find(f"{qn('w:lvl')}[@{qn('w:ilvl')}='0']")
    return None


def set_font_name(style: BaseStyle, name: str) -> None:
    cast(ParagraphStyle, style).font.name = name
    fonts = style.element.rPr.find(qn("w:rFonts"))
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)  # theme fonts would win over ours


def _set_theme(document: DocxDocument, accents: dict[str, str], fonts: dict[str, str]) -> None:
    """The theme's accent colours and its heading (major) and body (minor) fonts: Word
    offers them first in its colour and font menus, and table styles follow them."""
    colours = {slot: value.removeprefix("#").upper() for slot, value in accents.items()}
    _set_style_colours(document, colours)
    for part in document.part.package.iter_parts():
        if str(part.partname).startswith("/word/theme/"):
            xml = part.blob.decode("utf-8")
            for slot, value in colours.items():
                xml = re.sub(rf'(<a:{slot}>\s*<a:srgbClr val=")[0-9A-Fa-f]{{6}}',
                             rf"\g<1>{value}", xml)
            for slot, family in fonts.items():
                name = escape(family, {'"': "&quot;"}).replace("\\", "\\\\")
                xml = re.sub(rf'(<a:{slot}>\s*<a:latin typeface=")[^"]*', rf"\g<1>{name}", xml)
            part._blob = xml.encode("utf-8")  # python-docx keeps unparsed parts as bytes


def _set_style_colours(document: DocxDocument, colours: dict[str, str]) -> None:
    """Write the theme colours into the styles too: Word reads the theme, but LibreOffice
    reads the colour value that stands beside it."""
    for element in document.styles.element.iter():
        theme = element.get(qn("w:themeColor"))
        if theme in colours:
            # w:color holds its value in w:val; borders and shading in w:color
            value_attribute = "w:val" if element.tag == qn("w:color") else "w:color"
            element.set(qn(value_attribute), colours[theme])
        fill = element.get(qn("w:themeFill"))
        if fill in colours:
            tint = int(element.get(qn("w:themeFillTint"), "FF"), 16) / 255
            element.set(qn("w:fill"), _tint(colours[fill], tint))


def _tint(colour: str, tint: float) -> str:
    """Office's tint: the colour mixed with white, ``tint`` being the colour's share."""
    channels = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(c * tint + 255 * (1 - tint)):02X}" for c in channels)
