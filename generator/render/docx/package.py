"""The parts of a Word package around the text, written the way Word writes them.

python-docx starts every document from its own template, saved by Word 2010 on a
Mac: the file says so (``app.xml``), opens in "Compatibility Mode", carries that
template's thumbnail and a second copy of the styles (``stylesWithEffects.xml``),
and tags all text American English. :func:`finish_package` replaces all of it
with what is true of the document: its language, its school, the fonts it uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

# Parts of python-docx's template that say nothing true of our documents.
LEFTOVER_RELATIONSHIPS = (RT.THUMBNAIL, RT.CUSTOM_XML,
                          "http://schemas.microsoft.com/office/2007/relationships/"
                          "stylesWithEffects")
WORD_2013 = "15"  # compatibilityMode 15: Word opens the file without "Compatibility Mode"
# Word's own defaults for scripts other than the text's: Word picks them by language.
EAST_ASIAN_DEFAULT, COMPLEX_SCRIPT_DEFAULT = "zh-CN", "ar-SA"
RUN_PROPERTIES_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")  # schema order
_APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


@dataclass(frozen=True)
class PackageFacts:
    """What the package says about the document."""

    title: str
    subject: str
    author: str  # the school: Word shows it as the document's author
    locale: str  # BCP 47, e.g. fr-FR: spelling, hyphenation, the language bar


def finish_package(document: DocxDocument, facts: PackageFacts) -> None:
    """Make the package tell the truth about the document (see the module's text)."""
    _drop_leftovers(document)
    _set_language(document, facts.locale)
    _set_compatibility(document)
    _write_core_properties(document, facts)
    _write_app_properties(document, facts)


def _drop_leftovers(document: DocxDocument) -> None:
    """A part nothing points to is not saved: dropping its relationship removes it."""
    for owner in (document.part.package, document.part):
        for relation_id, relation in list(owner.rels.items()):
            if relation.reltype in LEFTOVER_RELATIONSHIPS:
                del owner.rels[relation_id]
    settings = document.settings.element
    for name in ("w:savePreviewPicture", "w:attachedTemplate"):
        for element in settings.findall(qn(name)):
            settings.remove(element)


def _set_language(document: DocxDocument, locale: str) -> None:
    """Tag every style, and so every paragraph, with the document's language; Word
    spell-checks and hyphenates by it."""
    styles = document.styles.element
    defaults = child_element(styles, "w:docDefaults", ("w:latentStyles", "w:style"))
    run_defaults = child_element(child_element(defaults, "w:rPrDefault", ("w:pPrDefault",)),
                                 "w:rPr", ())
    child_element(run_defaults, "w:lang", RUN_PROPERTIES_AFTER_LANG)
    for language in styles.iter(qn("w:lang")):
        set_language(language, locale)
    _set_theme_language(document, locale)


def set_language(element: etree._Element, locale: str) -> None:
    """A ``w:lang``: the text's language, and Word's defaults for other scripts."""
    element.set(qn("w:val"), locale)
    element.set(qn("w:eastAsia"), EAST_ASIAN_DEFAULT)
    element.set(qn("w:bidi"), COMPLEX_SCRIPT_DEFAULT)


def child_element(parent: etree._Element, name: str, followers: tuple[str, ...]) -> etree._Element:
    """``parent``'s child ``name``, added in its place by the schema when missing."""
    child = parent.find(qn(name))
    if child is None:
        child = OxmlElement(name)
        insert_before(parent, child, followers)
    return child


def _set_theme_language(document: DocxDocument, locale: str) -> None:
    settings = document.settings.element
    theme_language = child_element(settings, "w:themeFontLang", (
        "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures",
        "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
        "w:shapeDefaults", "w:decimalSymbol", "w:listSeparator"))
    theme_language.attrib.clear()
    theme_language.set(qn("w:val"), locale)


def _set_compatibility(document: DocxDocument) -> None:
    compat = document.settings.element.find(qn("w:compat"))
    if compat is None:
        return  # no compat settings: Word uses its current mode
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), WORD_2013)


def insert_before(parent: etree._Element, element: etree._Element,
                   followers: tuple[str, ...]) -> None:
    """Insert ``element`` before the first child named in ``followers`` (the schema
    fixes the order of a part's children), or last."""
    for child in parent:
        if child.tag in {qn(name) for name in followers}:
            child.addprevious(element)
            return
    parent.append(element)


def _write_core_properties(document: DocxDocument, facts: PackageFacts) -> None:
    properties = document.core_properties
    properties.title, properties.subject = facts.title, facts.subject
    properties.author = properties.last_modified_by = facts.author
    properties.language = facts.locale
    properties.keywords = properties.comments = properties.category = ""
    for element in properties._element.findall(qn("cp:lastPrinted")):
        properties._element.remove(element)  # never printed: no date to show


def _write_app_properties(document: DocxDocument, facts: PackageFacts) -> None:
    """``docProps/app.xml``: careerdocs as the application, the school as company, and
    no page or word counts (Word counts them again when it opens the file)."""
    for relation in document.part.package.rels.values():
        if relation.reltype == RT.EXTENDED_PROPERTIES:
            relation.target_part._blob = _app_xml(facts)


def _app_xml(facts: PackageFacts) -> bytes:
    root = etree.Element(f"{{{_APP_NS}}}Properties", nsmap={None: _APP_NS})
    for name, value in (("Application", "careerdocs"), ("DocSecurity", "0"),
                        ("Company", facts.author), ("LinksUpToDate", "false"),
                        ("SharedDoc", "false"), ("HyperlinksChanged", "false")):
        etree.SubElement(root, f"{{{_APP_NS}}}{name}").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
