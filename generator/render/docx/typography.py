"""The typographic rules of every Word file, as the PDFs follow them
(``templates/default/partials/typography.css``).

- Hyphenation only in running text, never more than 2 hyphenated lines in a row, and
  only where a line would otherwise end more than 12 % of its measure short (the
  hyphenation zone; Word has one per document, so it is 12 % of the measure the
  document's running text is set in). Words in capitals (acronyms, badges) stay whole.
- Never hyphenated: titles, headings, the hook, the call to action, table header rows,
  addresses and contact lines, running heads (their styles say so, so a paragraph a
  teacher adds in one of them follows the rule too); in running text, job titles, web and
  e-mail addresses and links (:func:`.oxml.keep_whole`, used by
  :func:`.builder.add_markdown` and :func:`.oxml.add_hyperlink`).
- Headings stay with what follows them and are never split; no paragraph leaves a
  single line at the foot or the head of a page; a list never leaves one item alone.

Word has no setting for the PDF's shortest word (7 letters) or piece (3 letters):
it applies its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Length
from docx.text.paragraph import Paragraph

from .oxml import paragraph_property
from .package import child_element

HYPHENATION_ZONE = 0.12  # typography.css: hyphenate-limit-zone: 12%
MAX_HYPHENS_IN_A_ROW = 2  # typography.css: hyphenate-limit-lines: 2
TWIPS_PER_EMU = 1 / 635  # Word measures the zone in twentieths of a point
# Styles of text that is never hyphenated (titles, names, addresses), where they exist.
NEVER_HYPHENATED = ("Title", "Subtitle", "Kicker", "Lead", "Heading 1", "Heading 2",
                    "Heading 3", "Contact", "Call to Action", "Header", "Footer")
HEADINGS = ("Title", "Kicker", "Heading 1", "Heading 2", "Heading 3")
SHORT_LIST = 6  # a list of up to this many items is kept on one page where it fits

# Children of w:settings after w:autoHyphenation, in the schema's order.
_AFTER_HYPHENATION = ("w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps",
                      "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle",
                      "w:defaultTableStyle", "w:evenAndOddHeaders", "w:bookFoldRevPrinting",
                      "w:bookFoldPrinting", "w:bookFoldPrintingSheets",
                      "w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing",
                      "w:displayHorizontalDrawingGridEvery",
                      "w:displayVerticalDrawingGridEvery",
                      "w:doNotUseMarginsForDrawingGridOrigin", "w:drawingGridHorizontalOrigin",
                      "w:drawingGridVerticalOrigin", "w:doNotShadeFormData",
                      "w:noPunctuationKerning", "w:characterSpacingControl")


def apply_typography(document: DocxDocument, measure: Length) -> None:
    """Give ``document`` the rules of the module's text; ``measure`` is the width its
    running text is set in (the hyphenation zone is 12 % of it)."""
    hyphenate(document, hyphenation_zone(measure))
    styles = document.styles
    for name in NEVER_HYPHENATED:
        if name in styles:
            paragraph_property(styles[name].element.get_or_add_pPr(), "w:suppressAutoHyphens")
    for name in HEADINGS:
        if name in styles:
            properties = styles[name].element.get_or_add_pPr()
            properties.get_or_add_keepNext()
            properties.get_or_add_keepLines()
    # Widow and orphan control on the style every other one is based on.
    styles["Normal"].paragraph_format.widow_control = True


def hyphenation_zone(measure: Length) -> int:
    """The hyphenation zone, in twips, for running text ``measure`` wide."""
    return round(int(measure) * TWIPS_PER_EMU * HYPHENATION_ZONE)


def hyphenate(document: DocxDocument, zone_twips: int) -> None:
    """Automatic hyphenation by the language the text is tagged with, at most
    MAX_HYPHENS_IN_A_ROW lines in a row, in a zone of ``zone_twips``, not words in
    capitals."""
    settings = document.settings.element
    child_element(settings, "w:autoHyphenation", _AFTER_HYPHENATION)
    for name, value in (("w:consecutiveHyphenLimit", MAX_HYPHENS_IN_A_ROW),
                        ("w:hyphenationZone", zone_twips)):
        followers = _AFTER_HYPHENATION[_AFTER_HYPHENATION.index(name) + 1:]
        child_element(settings, name, followers).set(qn("w:val"), str(value))
    child_element(settings, "w:doNotHyphenateCaps", _AFTER_HYPHENATION[3:])


def keep_together(paragraphs: Sequence[Paragraph]) -> None:
    """A list's items, each never split; a short list kept on one page where it fits
    (each item with the next), a long one never leaving its first or its last item
    alone on a page."""
    count = len(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        properties = paragraph._p.get_or_add_pPr()
        properties.get_or_add_keepLines()
        if index < count - 1 and (count <= SHORT_LIST or index in (0, count - 2)):
            properties.get_or_add_keepNext()


def never_hyphenated(paragraph: Paragraph) -> None:
    """A paragraph of names or addresses: never hyphenated, whatever its style."""
    paragraph_property(paragraph._p.get_or_add_pPr(), "w:suppressAutoHyphens")
