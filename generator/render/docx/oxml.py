"""Low-level helpers for python-docx: fields, hyperlinks, and byte-identical saving.

python-docx has no API for a PAGE field or an external hyperlink, so these
build the few WordprocessingML elements by hand; and it stamps zip entries with
the current time, so :func:`save_deterministic` rewrites the archive with fixed
timestamps and fixed core properties.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from io import BytesIO

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE
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
    raw = BytesIO()
    document.save(raw)
    return _fix_zip_times(raw.getvalue())


def _fix_zip_times(data: bytes) -> bytes:
    fixed = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, \
            zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(item.filename))
    return fixed.getvalue()
