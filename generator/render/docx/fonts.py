"""The campus's fonts carried inside each Word document, as Word itself embeds them.

A teacher's PC rarely has Lato or Noto Serif: without them Word and LibreOffice
print the handout in a fallback font and it no longer matches the brochure.
Word's way (ECMA-376 Part 1, 17.8.1) is an "obfuscated" TrueType part per style:
its first 32 bytes XORed with a key kept in ``fontTable.xml``, next to the
``w:embedRegular``/``w:embedBold``… that point to it, and ``w:embedTrueTypeFonts``
in the settings. Both bundled families are under the SIL Open Font Licence,
which allows embedding (their ``fsType`` is 0: installable).

Each font is reduced to the Latin, punctuation and currency characters
(fontTools' subsetter): every European language can still be typed in Word,
and a handout weighs about 1 MB instead of 5. Making a subset takes half a
second, so subsets are kept in the user's cache folder (``~/.cache/careerdocs``),
keyed by the font's bytes: deleting it only costs time.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from lxml import etree

from ...fonts import FontFace
from ...usercache import cache_dir, cached
from .package import child_element

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
# (weight, style) → the fontTable element that embeds that style; other weights
# (Light, Black) are not styles Word can choose from its B and I buttons.
EMBED_ELEMENTS = {(400, "normal"): "w:embedRegular", (700, "normal"): "w:embedBold",
                  (400, "italic"): "w:embedItalic", (700, "italic"): "w:embedBoldItalic"}
# Characters kept: Basic Latin to Latin Extended-B, combining accents, Latin Extended
# Additional, general punctuation, currency, letterlike symbols, arrows, minus, ligatures.
KEPT_RANGES = ((0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF),
               (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F), (0x2190, 0x21FF),
               (0x2212, 0x2212), (0xFB00, 0xFB06))
SUBSET_VERSION = b"careerdocs-subset-1"  # change it when KEPT_RANGES or options change
_FONT_FOLLOWERS = ("w:sig", "w:embedRegular", "w:embedBold", "w:embedItalic",
                   "w:embedBoldItalic")
_SETTINGS_AFTER_EMBED = ("w:embedSystemFonts", "w:saveSubsetFonts", "w:saveFormsData",
                         "w:mirrorMargins", "w:alignBordersAndEdges", "w:gutterAtTop",
                         "w:hideSpellingErrors", "w:hideGrammaticalErrors",
                         "w:activeWritingStyle", "w:proofState", "w:formsDesign",
                         "w:attachedTemplate", "w:linkStyles", "w:stylePaneFormatFilter",
                         "w:stylePaneSortMethod", "w:documentType", "w:mailMerge",
                         "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves",
                         "w:doNotTrackFormatting", "w:documentProtection",
                         "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet",
                         "w:defaultTabStop")


def font_cache_dir() -> Path:
    """Where font subsets are kept between builds (the XDG cache folder)."""
    return cache_dir("fonts")


def embed_fonts(document: DocxDocument, faces: Iterable[FontFace], root: Path,
                cache: Path | None) -> None:
    """Embed the regular, bold and italic styles of ``faces`` (project files under
    ``root``) in ``document``; subsets are kept in the folder ``cache``."""
    table_part = _font_table_part(document)
    if table_part is None:
        return
    table = parse_xml(table_part.blob)
    count = 0
    for face in faces:
        element_name = EMBED_ELEMENTS.get((face.weight, face.style))
        if element_name is None:
            continue
        count += 1
        data = embeddable_font(root / face.url, cache)
        key = font_key(data)
        part = Part(PackURI(f"/word/fonts/font{count}.odttf"), OBFUSCATED_FONT,
                    obfuscate(data, key), document.part.package)
        embedded = child_element(_font_entry(table, face.family), element_name,
                          _FONT_FOLLOWERS[_FONT_FOLLOWERS.index(element_name) + 1:])
        embedded.set(qn("r:id"), table_part.relate_to(part, RT.FONT))
        embedded.set(qn("w:fontKey"), key)
    table_part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
    if count:
        child_element(document.settings.element, "w:embedTrueTypeFonts", _SETTINGS_AFTER_EMBED)


def _font_table_part(document: DocxDocument) -> Part | None:
    for relation in document.part.rels.values():
        if relation.reltype == RT.FONT_TABLE:
            return relation.target_part
    return None


def _font_entry(table: etree._Element, family: str) -> etree._Element:
    """The ``w:font`` of ``family`` in the font table, added when missing."""
    for font in table.findall(qn("w:font")):
        if font.get(qn("w:name")) == family:
            return font
    font = OxmlElement("w:font")
    font.set(qn("w:name"), family)
    for name, value in (("w:charset", "00"), ("w:family", "auto"), ("w:pitch", "variable")):
        child_element(font, name, _FONT_FOLLOWERS).set(qn("w:val"), value)
    table.append(font)
    return font


def font_key(data: bytes) -> str:
    """The key that obfuscates a font: a GUID, drawn from the font's bytes so the same
    font always gives the same document bytes."""
    guid = uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])
    return "{" + str(guid).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376's font obfuscation: the first 32 bytes XORed with the key's 16 bytes,
    the key's hexadecimal digits read from last byte to first. Applied twice, it is
    undone: tests read embedded fonts back with it."""
    key_bytes = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ key_bytes[index % 16] for index, byte in enumerate(data[:32]))
    return head + data[32:]


def embeddable_font(path: Path, cache: Path | None) -> bytes:
    """The font at ``path`` reduced to :data:`KEPT_RANGES`, from the cache when it is there."""
    original = path.read_bytes()
    digest = hashlib.sha256(SUBSET_VERSION + original).hexdigest()
    return cached(cache, f"{digest}.ttf", lambda: _subset(original))


def _subset(original: bytes) -> bytes:
    from fontTools import subset  # imported here: only Word documents need it

    # Lato's "created" date is 0, which fontTools reports; it is harmless.
    logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)
    options = subset.Options()
    options.layout_features, options.name_IDs, options.name_languages = ["*"], ["*"], ["*"]
    options.notdef_outline, options.legacy_kern = True, True
    options.hinting = True  # keeps the type crisp on screen in Word on Windows
    font = subset.load_font(BytesIO(original), options, lazy=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for low, high in KEPT_RANGES for c in range(low, high + 1)])
    subsetter.subset(font)
    font.recalcTimestamp = False  # same font, same bytes: no "modified" date of today
    output = BytesIO()
    font.save(output)
    return output.getvalue()
