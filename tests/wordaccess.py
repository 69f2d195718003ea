"""Word's accessibility rules, read from the parts of a DOCX (python-docx and lxml): what
Word's Accessibility Checker asks of a document, as far as its XML says it.

- every picture (body, headers, footers) has alternative text;
- the first row of every table is a header row (marked in the table's look, and
  repeated on each page the table runs onto);
- headings never skip a level (in the body and in table cells, in reading order);
- the document has a title and a language (its default text's);
- the text colour of every paragraph and character style in use reads on white at
  4.5:1 at least (the colours as printed, on their grounds, are checked by rendering
  the files in LibreOffice: test_word_design.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from generator.resolve.colours import contrast

PICTURE = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
HEADING = re.compile(r"Heading (\d)$")
MIN_CONTRAST = 4.5


def accessibility_problems(path: Path) -> list[str]:
    """Every rule the Word file breaks, as ``file: what``; none when it keeps them all."""
    document = Document(str(path))
    problems = (_pictures(document) + _tables(document) + _headings(document)
                + _title_and_language(document) + _style_colours(document))
    return [f"{path.name}: {problem}" for problem in problems]


def _parts(document: DocxDocument) -> list:  # type: ignore[type-arg]
    """The XML of the body and of every header and footer."""
    parts = [document.element]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer):
            if not part.is_linked_to_previous:
                parts.append(part._element)
    return parts


def _pictures(document: DocxDocument) -> list[str]:
    return [f"picture '{picture.get('name')}' has no alternative text"
            for part in _parts(document) for picture in part.iter(PICTURE)
            if not (picture.get("descr") or "").strip()]


def _tables(document: DocxDocument) -> list[str]:
    problems = []
    for number, table in enumerate(document.element.body.iter(qn("w:tbl")), start=1):
        first = table.find(qn("w:tr"))
        look = table.find(f"{qn('w:tblPr')}/{qn('w:tblLook')}")
        marked = look is not None and look.get(qn("w:firstRow")) == "1"
        repeated = first is not None and first.find(
            f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        if not (marked and repeated):
            text = "".join(t.text or "" for t in first.iter(qn("w:t")))[:40] \
                if first is not None else ""
            problems.append(f"table {number} ('{text}'): its first row is not a header row")
    return problems


def _headings(document: DocxDocument) -> list[str]:
    """Heading levels in reading order (table cells included): none more than one level
    below the one before."""
    styles = {style.style_id: style.name for style in document.styles}
    problems, level = [], 0
    for paragraph in document.element.body.iter(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        found = HEADING.match(styles.get(style.get(qn("w:val")), "") if style is not None
                              else "")
        if found:
            if int(found[1]) > level + 1:
                text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))[:40]
                problems.append(f"heading '{text}' skips from "
                                f"level {level} to {found[1]}")
            level = int(found[1])
    return problems


def _title_and_language(document: DocxDocument) -> list[str]:
    problems = [] if (document.core_properties.title or "").strip() else ["no title"]
    defaults = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if defaults is None or not defaults.get(qn("w:val")):
        problems.append("no language for its text")
    return problems


def _style_colours(document: DocxDocument) -> list[str]:
    """The text colour of each paragraph and character style in use, on the style's own
    shading (a title band), else on white."""
    used = {element.get(qn("w:val")) for tag in ("w:pStyle", "w:rStyle")
            for element in document.element.body.iter(qn(tag))}
    problems = []
    for style in document.styles:
        if style.style_id not in used or style.type not in (1, 2):  # paragraph, character
            continue
        colour = _inherited(style, "w:rPr", "w:color", "w:val")
        ground = _inherited(style, "w:pPr", "w:shd", "w:fill") or "#ffffff"
        if colour and contrast(colour, ground) < MIN_CONTRAST:
            problems.append(f"style '{style.name}' has text in {colour} on {ground}: "
                            f"{contrast(colour, ground):.1f}:1")
    return problems


def _inherited(style, properties: str, name: str, attribute: str) -> str | None:  # type: ignore[no-untyped-def]
    """A colour a style sets (#rrggbb), or the style it is based on; None: auto."""
    while style is not None:
        found = style.element.find(f"{qn(properties)}/{qn(name)}")
        if found is not None and found.get(qn(attribute)) not in (None, "auto"):
            return f"#{found.get(qn(attribute)).lower()}"
        style = style.base_style
    return None
