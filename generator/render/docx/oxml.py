"""Low-level helpers for python-docx: fields, hyperlinks, and byte-identical saving.

python-docx has no API for a PAGE field or an external hyperlink, so these
build the few WordprocessingML elements by hand; and it stamps zip entries with
the current time, so :func:`save_deterministic` writes the archive with fixed
timestamps and fixed core properties.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from io import BytesIO
from typing import cast

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.phys_pkg import PhysPkgWriter
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from .package import child_element

FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def add_page_field(paragraph: Paragraph) -> None:
    """Append a PAGE field (the current page number, kept up to date by Word)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def add_hyperlink(paragraph: Paragraph, url: str, text: str, style: str | None) -> None:
    """Append a clickable external link, its run in the ``Hyperlink`` character style and
    never hyphenated (:func:`keep_whole`), as links are in the PDFs."""
    part = paragraph.part
    relation_id = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation_id)
    run = OxmlElement("w:r")
    if style:
        properties = OxmlElement("w:rPr")
        style_element = OxmlElement("w:rStyle")
        style_element.set(qn("w:val"), style)
        properties.append(style_element)
        run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    keep_whole(run)
    link.append(run)
    paragraph._p.append(link)


NO_LANGUAGE = "zxx"  # BCP 47: no linguistic content


def keep_whole(run: etree._Element) -> None:
    """A run of text that is never hyphenated, whatever the paragraph: a job title, a web
    or e-mail address. Its language is "no language" (LibreOffice hyphenates by the
    language of the text, and has no rules for none) and it is left out of proofing (Word
    neither checks nor hyphenates such text)."""
    properties = run.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run.insert(0, properties)
    child_element(properties, "w:noProof", RPR_ORDER[RPR_ORDER.index("w:noProof") + 1:])
    language = child_element(properties, "w:lang", RPR_ORDER[RPR_ORDER.index("w:lang") + 1:])
    language.attrib.clear()
    language.set(qn("w:val"), NO_LANGUAGE)


def save_deterministic(document: DocxDocument) -> bytes:
    """The document's bytes, identical for identical content: fixed dates in the core
    properties and in the archive."""
    properties = document.core_properties
    properties.created = properties.modified = FIXED_TIME
    properties.revision = 1
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    raw = BytesIO()
    # python-docx's own writer stamps each entry with the time of day; its steps are
    # given a writer that stamps a fixed time instead (one compression, not two).
    archive = _FixedTimeZip(raw)
    writer = cast(PhysPkgWriter, archive)  # it has the write() PackageWriter calls
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, package.parts)
    archive.close()
    return raw.getvalue()


class _FixedTimeZip:
    """What python-docx's PackageWriter writes to: a zip whose entries all bear the date
    of :data:`_ZIP_TIME`."""

    def __init__(self, stream: BytesIO):
        self.archive = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED)

    def write(self, uri: PackURI, blob: bytes) -> None:
        entry = zipfile.ZipInfo(uri.membername, date_time=_ZIP_TIME)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        self.archive.writestr(entry, blob)

    def close(self) -> None:
        self.archive.close()


# The children of w:pPr in the schema's order (CT_PPrBase, then w:rPr, w:sectPr).
PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
             "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
             "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
             "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
             "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
             "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
             "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
             "w:sectPr", "w:pPrChange")
# The children of w:rPr in the schema's order (CT_RPr: EG_RPrBase, then w:rPrChange).
RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
             "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
             "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
             "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
             "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
             "w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange")
BORDER_ORDER = ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar")


def paragraph_property(properties: etree._Element, name: str) -> etree._Element:
    """The child ``name`` of a ``w:pPr``, added in its place by the schema when missing
    (python-docx knows only some of them)."""
    return child_element(properties, name, PPR_ORDER[PPR_ORDER.index(name) + 1:])


def set_border(properties: etree._Element, edge: str, colour: str, eighths: int,
               space_pt: int) -> None:
    """A paragraph border on ``edge`` (top, left, bottom, right) of ``colour``
    (``#rrggbb``), ``eighths`` of a point wide, ``space_pt`` points from the text."""
    borders = paragraph_property(properties, "w:pBdr")
    border = child_element(borders, f"w:{edge}", BORDER_ORDER[BORDER_ORDER.index(f"w:{edge}") + 1:])
    border.attrib.clear()
    for name, value in (("w:val", "single"), ("w:sz", str(eighths)), ("w:space", str(space_pt)),
                        ("w:color", hex_colour(colour))):
        border.set(qn(name), value)


def set_shading(properties: etree._Element, colour: str) -> None:
    """A paragraph's ground in ``colour`` (``#rrggbb``)."""
    shading = paragraph_property(properties, "w:shd")
    shading.attrib.clear()
    for name, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", hex_colour(colour))):
        shading.set(qn(name), value)


def hex_colour(colour: str) -> str:
    """``#1d3557`` as WordprocessingML writes it: ``1D3557``."""
    return colour.removeprefix("#").upper()
