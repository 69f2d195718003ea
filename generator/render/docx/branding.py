"""A campus's brand applied to a Word document at every build: colours and fonts.

Headings, the title and links take the campus's primary colour; the theme's
accent colours become the campus's primary and accent, so table styles follow
them; the body and heading styles name the campus's font families. A campus's
own ``reference.docx`` (edited in Word) is used as it is, without this.
"""

from __future__ import annotations

import re
from typing import cast
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.styles.style import BaseStyle, ParagraphStyle


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
        set_font_name(styles[name], body_font)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        set_font_name(styles[name], headings_font)
    _set_theme(document, {"accent1": primary, "accent2": accent},
               {"majorFont": headings_font, "minorFont": body_font})


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
