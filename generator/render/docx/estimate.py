"""How tall a few paragraphs of a Word document print, estimated without printing it.

Word and LibreOffice lay a document out only when it is opened, so a handout cannot
know where its pages end. A page of its own is another matter: its height is the
section's, and what goes on it can be measured with the campus fonts. Each paragraph
is its style's space before, its lines, its space after; its lines are found by
setting its words one after the other in the width of the text, with the advance
widths of its style's font; a line is the font's height (its ascender and descender,
as Word and LibreOffice both take them for the bundled fonts) times the style's line
spacing. Words are never hyphenated here: an estimate a little too tall, never short.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar, cast

from docx.document import Document as DocxDocument
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Length
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from ...fonts import FontFace

EMU_PER_PT = 12700
FALLBACK_SIZE_PT = 11.0  # Word's own default when no style sets a size
TWIPS_PER_PT = 20
LINE_UNITS = 240  # w:line of "auto" spacing: 240 is single
T = TypeVar("T")


@dataclass(frozen=True)
class Face:
    """What the estimate needs of one font file: its height and its advance widths, in
    ems."""

    height: float
    widths: dict[int, float]
    average: float  # for a character the font lacks

    def width(self, text: str, size_pt: float) -> float:
        """The width of ``text`` set in this face at ``size_pt``, in points."""
        return sum(self.widths.get(ord(char), self.average) for char in text) * size_pt


UNKNOWN_FACE = Face(1.3, {}, 0.6)  # taller and wider than most text faces


@lru_cache(maxsize=16)
def read_face(path: Path) -> Face:
    """The height and advance widths of the font file at ``path``."""
    from fontTools.ttLib import TTFont  # imported here: only a page that is filled needs it

    # Lato's "created" date is 0, which fontTools reports; it is harmless.
    logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)
    with TTFont(str(path), lazy=True) as font:
        units = font["head"].unitsPerEm
        os2 = font["OS/2"]
        height = max(font["hhea"].ascent - font["hhea"].descent + font["hhea"].lineGap,
                     os2.usWinAscent + os2.usWinDescent) / units
        metrics = font["hmtx"].metrics
        widths = {code: metrics[name][0] / units
                  for code, name in font.getBestCmap().items() if name in metrics}
    average = sum(widths.values()) / len(widths) if widths else 0.5
    return Face(height, widths, average)


@dataclass(frozen=True)
class StyleFacts:
    """A paragraph style as it prints: family, size, weight and slant, spacing."""

    family: str | None
    size_pt: float
    bold: bool
    italic: bool
    before_pt: float
    after_pt: float
    line_multiple: float  # of the font's height; 1.0 for single spacing


def style_facts(style: ParagraphStyle, defaults: StyleFacts) -> StyleFacts:
    """What ``style`` sets, or else the style it is based on, up the chain, or else the
    document's ``defaults``."""
    chain: list[ParagraphStyle] = []
    current: ParagraphStyle | None = style
    while current is not None and current not in chain:
        chain.append(current)
        current = cast(ParagraphStyle | None, current.base_style)
    size = _inherited(chain, lambda s: s.font.size)
    spacing = _inherited(chain, lambda s: s.paragraph_format.line_spacing)
    rule = _inherited(chain, lambda s: s.paragraph_format.line_spacing_rule)
    multiple = defaults.line_multiple if spacing is None else \
        spacing if isinstance(spacing, float) and rule == WD_LINE_SPACING.MULTIPLE else 1.0
    before = _inherited(chain, lambda s: s.paragraph_format.space_before)
    after = _inherited(chain, lambda s: s.paragraph_format.space_after)
    return StyleFacts(_inherited(chain, lambda s: s.font.name) or defaults.family,
                      size.pt if size is not None else defaults.size_pt,
                      bool(_inherited(chain, lambda s: s.font.bold)),
                      bool(_inherited(chain, lambda s: s.font.italic)),
                      defaults.before_pt if before is None else emu_to_pt(before),
                      defaults.after_pt if after is None else emu_to_pt(after), multiple)


def document_defaults(document: DocxDocument) -> StyleFacts:
    """The size and spacing of a paragraph no style sets them for (``w:docDefaults``)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    spacing = size = None
    if defaults is not None:
        spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
        size = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")

    def twips(name: str) -> float:
        value = None if spacing is None else spacing.get(qn(name))
        return int(value) / TWIPS_PER_PT if value else 0.0

    line = None if spacing is None else spacing.get(qn("w:line"))
    auto = spacing is not None and spacing.get(qn("w:lineRule"), "auto") == "auto"
    return StyleFacts(None, int(size.get(qn("w:val"))) / 2 if size is not None
                      else FALLBACK_SIZE_PT, False, False, twips("w:before"), twips("w:after"),
                      int(line) / LINE_UNITS if line and auto else 1.0)


def _inherited(chain: list[ParagraphStyle], read: Callable[[ParagraphStyle], T | None]) -> T | None:
    """The first value ``read`` finds along a chain of styles (a style, its base…)."""
    return next((value for style in chain if (value := read(style)) is not None), None)


class Estimator:
    """Heights of paragraphs of one document, set in the campus's font files."""

    def __init__(self, document: DocxDocument, faces: tuple[FontFace, ...], root: Path):
        self.document = document
        self.defaults = document_defaults(document)
        self.files = {(face.family, face.weight == 700, face.style == "italic"): root / face.url
                      for face in faces if face.weight in (400, 700)}

    def face(self, facts: StyleFacts) -> Face:
        """The font file a style prints in, or a wide stand-in for a font the campus
        does not have (a style a campus's own reference.docx names)."""
        path = self.files.get((facts.family or "", facts.bold, facts.italic)) \
            or self.files.get((facts.family or "", False, False))
        return read_face(path) if path is not None else UNKNOWN_FACE

    def height(self, paragraph: Paragraph, width_pt: float) -> float:
        """How tall ``paragraph`` prints in a column ``width_pt`` wide, in points, its
        spaces before and after included (not its indents: the paragraphs measured, a
        heading or the contact block, have none)."""
        facts = style_facts(cast(ParagraphStyle, paragraph.style), self.defaults)
        face = self.face(facts)
        lines = line_count(paragraph.text, face, facts.size_pt, width_pt)
        return facts.before_pt + lines * face.height * facts.size_pt * facts.line_multiple \
            + facts.after_pt

    def text_height(self) -> float:
        """The height, in points, a page's text may take in the document's last section:
        from its top margin down to its bottom margin, or to the top of its footer when
        the footer reaches higher."""
        section = self.document.sections[-1]
        width = emu_to_pt(section.page_width) - emu_to_pt(section.left_margin) \
            - emu_to_pt(section.right_margin)
        footer = emu_to_pt(section.footer_distance) + sum(
            self.height(paragraph, width) for paragraph in section.footer.paragraphs)
        return emu_to_pt(section.page_height) - emu_to_pt(section.top_margin) \
            - max(emu_to_pt(section.bottom_margin), footer)


def line_count(text: str, face: Face, size_pt: float, width_pt: float) -> int:
    """The lines ``text`` takes when its words are set one after the other in
    ``width_pt``, never hyphenated (a word wider than the line takes lines of its own)."""
    space = face.width(" ", size_pt)
    lines, used = 1, 0.0
    for word in text.split():
        width = face.width(word, size_pt)
        if used and used + space + width > width_pt:
            lines, used = lines + 1, 0.0
        if width > width_pt:
            extra = int(width // width_pt)
            lines, used = lines + extra, width - extra * width_pt
            continue
        used += (space if used else 0.0) + width
    return lines


def emu_to_pt(value: int | Length | None) -> float:
    """A length python-docx reads (EMU, maybe unset) in points."""
    return int(value or 0) / EMU_PER_PT
