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
    """Append a clickable external link, its run in the ``Hyperlink`` character style."""
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
    link.append(run)
    paragraph._p.append(link)


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
