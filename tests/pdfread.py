"""Read PDFs back with pypdf, an independent reader, for assertions."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader


def _normalize(raw: str) -> str:
    """Fold white space and undo hyphenation at line ends ("dif- fer" → "differ")."""
    text = re.sub(r"\s+", " ", raw.replace("\u2010", "-").replace("\u00ad", ""))
    return re.sub(r"(?<=\w)- (?=[a-zà-ÿ])", "", text)


def page_texts(path: Path) -> list[str]:
    """The text of each page, normalized."""
    return [_normalize(page.extract_text() or "") for page in PdfReader(path).pages]


def text_of(path: Path) -> str:
    """All text of a PDF, normalized."""
    return " ".join(page_texts(path))


def outline_titles(path: Path) -> list[str]:
    """Titles of the PDF outline (bookmarks), depth first, their no-break spaces (a
    title's last two words are bound) read as spaces."""
    reader = PdfReader(path)

    def walk(items: list) -> list[str]:
        titles: list[str] = []
        for item in items:
            titles += walk(item) if isinstance(item, list) else [_spaces(item.title)]
        return titles

    return walk(reader.outline)


def fonts_of(path: Path) -> dict[str, bool]:
    """Every font used on every page: base name → whether its file is embedded."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor_owner = descendants[0].get_object() if descendants else font
            descriptor = descriptor_owner.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


def fill_colours(path: Path) -> set[str]:
    """Every RGB colour painted on any page (``rg``/``RG`` operators), as ``#rrggbb``."""
    from pypdf.generic import ContentStream

    reader = PdfReader(path)
    colours: set[str] = set()
    for page in reader.pages:
        streams = [page.get_contents()]
        for xobject in ((page.get("/Resources") or {}).get("/XObject") or {}).values():
            streams.append(ContentStream(xobject.get_object(), reader))
        for stream in (s for s in streams if s is not None):  # streams are dicts: no truthiness
            for operands, operator in stream.operations:
                if operator in (b"rg", b"RG") and len(operands) == 3:
                    colours.add("#" + "".join(f"{round(float(v) * 255):02x}" for v in operands))
    return colours



def _spaces(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")
