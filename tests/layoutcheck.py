"""A layout check that reads every page of a PDF back, with pdfium (an independent reader).

Per page other than the covers, it checks:
- no glyph outside the page's content box (running heads excepted: they live in the
  top and bottom margins) and none within 3 mm of the paper's edge;
- no two glyphs of different lines or words overlapping (text spilling out of its
  table cell or box onto its neighbour);
- the filled height of the page (from the top of the content box to the lowest thing
  drawn in it) is at least 60%, but on a page of notes (its only text is its title);
- type sizes: nothing in the content box under 9 pt, running heads at least 7.5 pt, and
  the body text (the size most text of the document has) at least 10 pt on A4 and
  9.5 pt on A5;
- no character the fonts could not show (U+FFFD), and only the bundled font families;
- the typographic rules of :mod:`typographycheck` (hyphenation, titles that end on one
  word, the contrast of every text run against the pixels around it), covers included;
and per document: a guide has a multiple of 4 pages, at most one of them a page of
notes, and no table row is cut across pages (read from the tagged PDF's structure tree).
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pypdf import PdfReader

from typographycheck import body_size as letters_size
from typographycheck import (
    chars_of,
    compound_words,
    contrast_problems,
    font_names,
    heading_problems,
    hyphen_problems,
)

MM = 72 / 25.4  # PDF points per millimetre
MARGINS_MM = {"A4": (22, 20, 24, 20), "A5": (15, 13, 17, 13)}  # top, right, bottom, left
BODY_MIN_PT = {"A4": 10.0, "A5": 9.5}
TEXT_MIN_PT = 9.0
RUNNING_HEAD_MIN_PT = 7.5
MIN_FILL = 0.6
NOTES_TITLES = ("Notes",)  # the notes' title, in every language of the catalogues
MAX_NOTES_PAGES = 1
MIN_NOTES_LINES = 10  # a page of notes without its title (it continues) has this many
EDGE_MM = 3.0
TOLERANCE = 1.0  # points: glyph boxes are computed from outlines, a hair over is fine
BUNDLED_FAMILIES = ("Lato", "NotoSerif", "Noto-Serif")
ROW_MAY_BREAK = 0.15  # a table row this tall (share of the content height) may be cut
NEIGHBOURS = 3  # characters this close in reading order may share a glyph (a ligature)


@dataclass
class Report:
    """Every layout problem found in one PDF, as ``page N: what`` lines."""

    path: Path
    problems: list[str] = field(default_factory=list)
    hyphens: dict[int, int] = field(default_factory=dict)  # hyphenated line ends per page
    lowest_contrast: float = 21.0
    fill: dict[int, float] = field(default_factory=dict)  # filled share of each page
    notes_pages: int = 0
    min_fill: float = MIN_FILL

    def add(self, page: int | None, message: str) -> None:
        self.problems.append(f"{self.path.name}: page {page}: {message}" if page
                             else f"{self.path.name}: {message}")

    def __bool__(self) -> bool:
        return not self.problems


def check_pdf(path: Path, paper: str, guide: bool = True, project: Path | None = None,
              lang: str = "fr", min_fill: float = MIN_FILL,
              max_notes_pages: int | None = MAX_NOTES_PAGES, step: int = 4) -> Report:
    """Check every page of ``path``, printed on ``paper`` ("A4" or "A5"). With the
    ``project`` it was made from, job titles are never to be hyphenated, and a line may
    end at the hyphen of the content's compound words. ``min_fill`` and
    ``max_notes_pages`` (None: any number) loosen the fill rules, for content they are
    not yet kept on (see tests/test_layout.py). A guide's page count is a multiple of
    ``step`` (4 for a booklet; a visitor's guide, printed on sheets, 2)."""
    report = Report(path, min_fill=min_fill)
    document = pdfium.PdfDocument(str(path))
    count = len(document)
    names = role_titles(project, lang) if project else ()
    _check_typography(report, document, names, content_compounds(project) if project
                      else frozenset())
    covers = {0, count - 1} if guide else set()
    sizes: Counter[float] = Counter()
    notes = 0
    for index in range(count):
        page = document[index]
        if index not in covers:
            notes += is_notes_page(page, paper)
            sizes += _check_page(report, page, index + 1, paper)
        _check_glyphs(report, page, index + 1)
    report.notes_pages = notes
    if max_notes_pages is not None and notes > max_notes_pages:
        report.add(None, f"{notes} pages of notes (at most {max_notes_pages}): the guide "
                         "fills its page count with blank lines")
    if sizes and (body := sizes.most_common(1)[0][0]) < BODY_MIN_PT[paper] - 0.05:
        report.add(None, f"body text at {body:g} pt (at least {BODY_MIN_PT[paper]:g} pt "
                         f"on {paper})")
    if guide and count % step:
        report.add(None, f"{count} pages: not a multiple of {step}"
                         + (" (a booklet needs one)" if step == 4 else ""))
    _check_rows(report, path, paper)
    _check_fonts(report, path)
    return report


@dataclass(frozen=True)
class Box:
    left: float
    bottom: float
    right: float
    top: float

    def overlap(self, other: Box) -> float:
        width = min(self.right, other.right) - max(self.left, other.left)
        height = min(self.top, other.top) - max(self.bottom, other.bottom)
        return max(width, 0) * max(height, 0)

    @property
    def area(self) -> float:
        return max(self.right - self.left, 0) * max(self.top - self.bottom, 0)


def content_box(page: pdfium.PdfPage, paper: str) -> Box:
    width, height = page.get_size()
    top, right, bottom, left = (m * MM for m in MARGINS_MM[paper])
    return Box(left, bottom, width - right, height - top)


def _check_page(report: Report, page: pdfium.PdfPage, number: int,
                paper: str) -> Counter[float]:
    """Check one page; return how much text of each type size it has."""
    box = content_box(page, paper)
    chars = _chars(page)
    _check_positions(report, page, number, box, chars)
    _check_overlaps(report, number, chars)
    if not is_notes_page(page, paper):
        _check_fill(report, page, number, box)
    return _check_sizes(report, page, number, box)


def is_notes_page(page: pdfium.PdfPage, paper: str) -> bool:
    """A page whose only text in its content box is the notes' title, or no text when it
    continues notes begun on the page before, over ruled lines (drawn, not written)."""
    box = content_box(page, paper)
    inside = "".join(char for char, glyph in _chars(page)
                     if glyph.bottom < box.top and glyph.top > box.bottom)
    return inside in NOTES_TITLES or (inside == "" and _ruled_lines(page, box) >= MIN_NOTES_LINES)


def _ruled_lines(page: pdfium.PdfPage, box: Box) -> int:
    """How many wide, flat drawn shapes (the notes' lines, each as tall as its line's
    room) lie in the content box."""
    flat = 0
    for obj in page.get_objects():
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = obj.get_bounds()
        flat += (right - left > 0.8 * (box.right - box.left) and top - bottom < 15 * MM
                 and box.bottom < bottom < box.top)
    return flat


def _chars(page: pdfium.PdfPage) -> list[tuple[str, Box]]:
    text = page.get_textpage()
    chars = []
    for i in range(text.count_chars()):
        char = chr(raw.FPDFText_GetUnicode(text, i))
        if char.isspace() or not char.isprintable():
            continue
        chars.append((char, Box(*text.get_charbox(i))))
    return chars


def _check_positions(report: Report, page: pdfium.PdfPage, number: int, box: Box,
                     chars: list[tuple[str, Box]]) -> None:
    width, height = page.get_size()
    edge = EDGE_MM * MM
    for char, glyph in chars:
        if glyph.left < edge or glyph.right > width - edge or glyph.bottom < edge \
                or glyph.top > height - edge:
            report.add(number, f"'{char}' at {_where(glyph)} is within {EDGE_MM:g} mm of the "
                               "paper's edge (cut off when printed)")
            return
        in_text_zone = glyph.bottom < box.top - TOLERANCE and glyph.top > box.bottom + TOLERANCE
        if in_text_zone and (glyph.left < box.left - TOLERANCE
                             or glyph.right > box.right + TOLERANCE):
            report.add(number, f"'{char}' at {_where(glyph)} is outside the content box "
                               f"({_where(box)})")
            return


def _check_overlaps(report: Report, number: int, chars: list[tuple[str, Box]]) -> None:
    """Glyphs drawn over other glyphs: text that spilled out of its box."""
    grid: dict[tuple[int, int], list[int]] = {}
    cell = 20.0
    for i, (_char, glyph) in enumerate(chars):
        shrunk = _shrink(glyph)
        for gx in range(int(shrunk.left // cell), int(shrunk.right // cell) + 1):
            for gy in range(int(shrunk.bottom // cell), int(shrunk.top // cell) + 1):
                for j in grid.get((gx, gy), ()):
                    if i - j <= NEIGHBOURS:  # ligatures (fi, ff) and kerned pairs
                        continue
                    other = _shrink(chars[j][1])
                    if shrunk.overlap(other) > 0.25 * min(shrunk.area, other.area) > 0:
                        report.add(number, f"'{chars[j][0]}' and '{chars[i][0]}' are drawn over "
                                           f"each other at {_where(glyph)}")
                        return
                grid.setdefault((gx, gy), []).append(i)


def _shrink(glyph: Box) -> Box:
    """The inner part of a glyph box: neighbours in a word or kerned pairs just touch."""
    dx, dy = (glyph.right - glyph.left) * 0.2, (glyph.top - glyph.bottom) * 0.2
    return Box(glyph.left + dx, glyph.bottom + dy, glyph.right - dx, glyph.top - dy)


def _objects(page: pdfium.PdfPage) -> list[tuple[int, Box, float]]:
    """Drawn objects: type, bounds, and the type size for text objects."""
    found = []
    for obj in page.get_objects(max_depth=8):
        if obj.type == raw.FPDF_PAGEOBJ_FORM:
            continue
        bounds = Box(*obj.get_bounds())
        size = 0.0
        if obj.type == raw.FPDF_PAGEOBJ_TEXT:
            value = ctypes.c_float()
            raw.FPDFTextObj_GetFontSize(obj.raw, value)
            a, b, c, d, _e, _f = obj.get_matrix().get()
            size = value.value * math.sqrt(abs(a * d - b * c))
        found.append((obj.type, bounds, size))
    return found


def _check_fill(report: Report, page: pdfium.PdfPage, number: int, box: Box) -> None:
    inside = [bounds for _type, bounds, _size in _objects(page)
              if bounds.top <= box.top + TOLERANCE and bounds.bottom >= box.bottom - TOLERANCE
              and (bounds.right > bounds.left or bounds.top > bounds.bottom)]
    if not inside:
        report.add(number, "nothing printed in the content box: a blank page")
        return
    lowest = min(bounds.bottom for bounds in inside)
    fill = report.fill[number] = (box.top - lowest) / (box.top - box.bottom)
    if fill < report.min_fill:
        report.add(number, f"only {fill:.0%} of the page is filled "
                           f"(at least {report.min_fill:.0%})")


def _check_sizes(report: Report, page: pdfium.PdfPage, number: int,
                 box: Box) -> Counter[float]:
    """No text under the floors; returns the width of body text set at each size."""
    weights: Counter[float] = Counter()
    reported = False
    for kind, bounds, size in _objects(page):
        if kind != raw.FPDF_PAGEOBJ_TEXT or bounds.right <= bounds.left:
            continue
        size = round(size, 1)
        in_body = bounds.bottom < box.top and bounds.top > box.bottom
        floor = TEXT_MIN_PT if in_body else RUNNING_HEAD_MIN_PT
        if size < floor - 0.05 and not reported:
            report.add(number, f"text at {size:g} pt at {_where(bounds)} (at least {floor:g} pt)")
            reported = True
        if in_body:
            weights[size] += bounds.right - bounds.left
    return weights


def _check_glyphs(report: Report, page: pdfium.PdfPage, number: int) -> None:
    text = page.get_textpage()
    for i in range(text.count_chars()):
        if raw.FPDFText_GetUnicode(text, i) == 0xFFFD:
            report.add(number, "a character the fonts cannot show (printed as a box)")
            return


def _check_typography(report: Report, document: pdfium.PdfDocument, names: tuple[str, ...],
                      compounds: frozenset[str]) -> None:
    pages = [chars_of(document[index]) for index in range(len(document))]
    body = letters_size(pages)
    for number, chars in enumerate(pages, 1):
        report.hyphens[number], problems = hyphen_problems(chars, body, names, compounds)
        lowest, low = contrast_problems(document[number - 1])
        report.lowest_contrast = min(report.lowest_contrast, lowest)
        for problem in problems + heading_problems(
                chars, font_names(document[number - 1]), body) + low:
            report.add(number, problem)


def _check_rows(report: Report, path: Path, paper: str) -> None:
    """Table rows cut across pages, read from the tagged PDF's structure tree.

    WeasyPrint tags the part of a table on each page as a Table of its own, and every
    row of ours starts with its row header (TH), or follows a row that is only that
    header (the label row above the texts, on narrow pages). A row without a header
    that follows no label row is therefore the rest of a row cut at the foot of the
    previous page. That is allowed only for a row taller than ROW_MAY_BREAK of a page
    (its parts measured from where their text is drawn), which whole would leave a
    page half empty.
    """
    reader = PdfReader(path)
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        report.add(None, "no structure tree (untagged PDF): rows cannot be checked")
        return
    pages = {page.indirect_reference.idnum: i + 1 for i, page in enumerate(reader.pages)}
    bounds = _marked_bounds(path)
    page_height = (reader.pages[0].mediabox.height
                   - (MARGINS_MM[paper][0] + MARGINS_MM[paper][2]) * MM)
    previous_row: dict | None = None
    for table in _elements(root.get_object(), "/Table", skip=""):
        previous_is_label = False
        for row in _elements(table, "/TR", skip="/THead"):
            cells = _kids(row)
            header = any(_marks(c, None, pages) for c in cells if c.get("/S") == "/TH")
            texts = any(_marks(c, None, pages) for c in cells if c.get("/S") == "/TD")
            cut = texts and not header and not previous_is_label and previous_row is not None
            if cut:
                height = sum(_height(bounds, _marks(part, None, pages))
                             for part in (previous_row, row))
                if height < ROW_MAY_BREAK * page_height:
                    page = min(page for page, _mcid in _marks(row, None, pages))
                    report.add(page, f"a table row is cut across pages ({height / MM:.0f} mm "
                                     "tall: it fits whole on a page)")
            previous_is_label = header and not texts
            previous_row = row


def _marked_bounds(path: Path) -> dict[tuple[int, int], Box]:
    """Where the content of each marked-content id of each page is drawn."""
    found: dict[tuple[int, int], Box] = {}
    document = pdfium.PdfDocument(str(path))
    for index in range(len(document)):
        for obj in document[index].get_objects(max_depth=8):
            mcid = raw.FPDFPageObj_GetMarkedContentID(obj.raw)
            if mcid < 0:
                continue
            box = Box(*obj.get_bounds())
            old = found.get((index + 1, mcid), box)
            found[(index + 1, mcid)] = Box(min(old.left, box.left), min(old.bottom, box.bottom),
                                           max(old.right, box.right), max(old.top, box.top))
    return found


def _height(bounds: dict[tuple[int, int], Box], marks: set[tuple[int, int]]) -> float:
    """Height of the content of ``marks``, added up page by page."""
    total = 0.0
    for page in {page for page, _mcid in marks}:
        boxes = [bounds[mark] for mark in marks if mark[0] == page and mark in bounds]
        if boxes:
            total += max(b.top for b in boxes) - min(b.bottom for b in boxes)
    return total


def _kids(node: dict) -> list[dict]:
    kids = node.get("/K")
    kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
    return [kid.get_object() for kid in kids if isinstance(kid.get_object(), dict)]


def _elements(node: object, kind: str, skip: str) -> list[dict]:
    node = node.get_object() if hasattr(node, "get_object") else node
    if not isinstance(node, dict) or (skip and node.get("/S") == skip):
        return []
    if node.get("/S") == kind:
        return [node]
    kids = node.get("/K")
    kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
    return [found for kid in kids for found in _elements(kid, kind, skip)]


def _marks(node: object, page: int | None, pages: dict[int, int]) -> set[tuple[int, int]]:
    """Every (page, marked-content id) of the content under a structure element."""
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, int):  # a marked-content id on the enclosing element's page
        return {(page, node)} if page else set()
    if not isinstance(node, dict):
        return set()
    if "/Pg" in node:
        page = pages.get(node.raw_get("/Pg").idnum, page)
    if "/MCID" in node:
        return {(page, int(node["/MCID"]))} if page else set()
    kids = node.get("/K")
    kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
    return set().union(*(_marks(kid, page, pages) for kid in kids)) if kids else set()


def _check_fonts(report: Report, path: Path) -> None:
    for number, page in enumerate(PdfReader(path).pages, 1):
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for font in fonts.values():
            name = str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
            if not name.startswith(BUNDLED_FAMILIES):
                report.add(number, f"font {name} is not one of the bundled families")
                return


def _where(box: Box) -> str:
    return f"({box.left / MM:.0f} mm, {box.top / MM:.0f} mm from the bottom)"


def body_size(path: Path) -> float:
    """The type size (pt) most of the first page's text is set in, by width of text."""
    page = pdfium.PdfDocument(str(path))[0]
    widths: Counter[float] = Counter()
    for kind, bounds, size in _objects(page):
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            widths[round(size, 1)] += bounds.right - bounds.left
    return widths.most_common(1)[0][0]


def role_titles(project: Path, lang: str) -> tuple[str, ...]:
    """Every title (and other name) of the roles of a project, in ``lang``."""
    import yaml

    titles = []
    for file in sorted((project / "content/roles").glob("*.yaml")):
        role = yaml.safe_load(file.read_text(encoding="utf-8"))
        for key in ("title", "short_title", "aka"):
            value = role.get(key)
            for item in value if isinstance(value, list) else [value]:
                text = item.get(lang) if isinstance(item, dict) else item
                if isinstance(text, str):
                    titles.append(text)
    return tuple(titles)


def content_compounds(project: Path) -> frozenset[str]:
    """The hyphenated words of a project's content and catalogues (savoir-faire)."""
    files = [*sorted((project / "content").rglob("*.yaml")),
             *sorted((project / "templates/locales").rglob("*.po"))]
    return compound_words(file.read_text(encoding="utf-8") for file in files)
