"""A check of what happens at each page break, read from WeasyPrint's laid-out pages.

The tagged PDF cannot say this: WeasyPrint tags the part of a block on each page as an
element of its own, with nothing linking the two parts. The laid-out pages can: each
box keeps the element it was made from, so a block broken across pages has a box on
both. The check takes the very layout the PDF is written from (``captured_layouts``
records it during a build) and finds, at each page break:

- a block (paragraph, list item, box, table cell) with fewer than 2 lines on one side;
- a list broken between its items with fewer than 2 items on one side;
- a table broken between its rows with fewer than 2 rows on one side (a row of texts
  under its label row counts as one row), unless a row there is taller than a fifth of
  a page;
- a heading with fewer than 2 lines of what follows it on its page.

It shares no code with what careerdocs does to keep those rules, so it can tell when
that fails; tests/test_layout.py proves that it fails on style sheets that break them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.render.boxes import page_box

MIN_LINES = 2
MIN_ITEMS = 2
TALL_SHARE = 0.2  # a table row this tall may stand alone on its side of a break
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LISTS = {"ul", "ol"}
TEXT_BLOCKS = {"p", "li", "td", "th", "dd", "dt", "blockquote", "figcaption", "address",
               *HEADINGS}
CONTAINERS = {"div", "section", "article", "aside", "header", "footer", "table", "ul", "ol"}


@dataclass(frozen=True)
class Part:
    """The part of an element on one page: its box, and the page (counted from 1)."""

    page: int
    box: Any
    room: float  # the height of the page's content box

def break_problems(document: Any) -> list[str]:
    """Every break problem of a laid-out WeasyPrint document, as ``page N: what``."""
    parts = _parts(document)
    problems: list[str] = []
    parents = _parents(parts)
    repeated = {element for element in parts if _local(element.tag) == "thead"}
    repeated |= {child for head in repeated for child in head.iter()}
    for element, pieces in parts.items():
        if len({piece.page for piece in pieces}) < 2 or element in repeated:
            continue
        problems += _split_problems(element, pieces, parts)
    problems += _heading_problems(document, parents, parts)
    return sorted(set(problems), key=lambda line: int(line.split()[1].rstrip(":")))


def _parts(document: Any) -> dict[Any, list[Part]]:
    """Each element's outermost box on each page where it is drawn (with any text)."""
    found: dict[Any, list[Part]] = {}
    for number, page in enumerate(document.pages, 1):
        for box in _element_boxes(page_box(page)):
            pieces = found.setdefault(box.element, [])
            if not pieces or pieces[-1].page != number:
                pieces.append(Part(number, box, page_box(page).height))
    return found


def _element_boxes(box: Any) -> Iterator[Any]:
    """The block-level boxes of an element of the page (no pseudo-element, no anonymous
    box), outermost first."""
    for child in getattr(box, "children", ()):
        name = type(child).__name__
        if name in ("LineBox", "TextBox") or name.startswith("Inline"):
            continue
        if (getattr(child, "element", None) is not None and not name.startswith("Anonymous")
                and getattr(child, "pseudo_type", None) is None):
            yield child
        yield from _element_boxes(child)


def _parents(parts: dict[Any, list[Part]]) -> dict[Any, Any]:
    """Each element's parent (ElementTree elements do not know theirs)."""
    return {child: element for element in parts for child in element}


def _split_problems(element: Any, pieces: list[Part], parts: dict[Any, list[Part]]) -> list[str]:
    tag = _local(element.tag)
    problems = []
    for before, after in zip(pieces, pieces[1:], strict=False):
        lines = (_lines(before.box), _lines(after.box))
        if 0 < min(lines) < MIN_LINES and _is_box(element) and \
                not _only_children_split(element, before, after, parts):
            problems.append(f"page {before.page}: {_name(element)} broken with "
                            f"{lines[0]} line(s) before the break and {lines[1]} after: "
                            f"'{_words(element)}'")
        if tag in LISTS or tag == "tbody":
            problems += _between_children(element, before, after, parts)
    return problems


def _is_box(element: Any) -> bool:
    """A block of text, or a box holding only text blocks (a key-facts box, a card): a
    page's body, a role's section or a list have their own rules."""
    tag = _local(element.tag)
    if tag in TEXT_BLOCKS:
        return True
    return tag == "div" and not any(_local(inner.tag) in CONTAINERS
                                    for inner in element.iter() if inner is not element)


def _only_children_split(element: Any, before: Part, after: Part,
                         parts: dict[Any, list[Part]]) -> bool:
    """True for a block whose lines are all in children broken themselves (a box whose
    only paragraph is broken): the problem is the child's, reported once, there."""
    if any(type(child).__name__ == "LineBox" for child in before.box.children):
        return False
    return any(len({p.page for p in parts.get(child, [])} & {before.page, after.page}) == 2
               for child in element if isinstance(child.tag, str))


def _between_children(element: Any, before: Part, after: Part,
                      parts: dict[Any, list[Part]]) -> list[str]:
    """A list or table broken between two of its items with one alone on a side."""
    kind = "list" if _local(element.tag) in LISTS else "table"
    items = [child for child in element if isinstance(child.tag, str)
             and not (kind == "table" and _is_label_row(child))]
    sides = [[item for item in items if any(p.page == side.page for p in parts.get(item, []))]
             for side in (before, after)]
    if not sides[0] or not sides[1] or sides[0][-1] is sides[1][0]:
        return []  # the break falls inside an item: that item's lines are checked
    counts = len(sides[0]), len(sides[1])
    if min(counts) >= MIN_ITEMS or (kind == "table" and _tall_at_break(before, after, sides,
                                                                        parts)):
        return []
    unit = "item(s)" if kind == "list" else "row(s)"
    return [f"page {before.page}: a {kind} broken with {counts[0]} {unit} before the "
            f"break and {counts[1]} after: '{_words(element)}'"]


def _tall_at_break(before: Part, after: Part, sides: list[list[Any]],
                   parts: dict[Any, list[Part]]) -> bool:
    """Whether a row next to the break is taller than TALL_SHARE of a page: a row that
    big may stand alone (held to its neighbour, it would leave a page half empty)."""
    rows = [*sides[0][-1:], *sides[1][:1]]
    return any(part.box.margin_height() > TALL_SHARE * part.room for row in rows
               for part in parts.get(row, []) if part.page in (before.page, after.page))


def _is_label_row(row: Any) -> bool:
    """A row holding only a dimension's name, above the row of its texts."""
    cells = [cell for cell in row if isinstance(cell.tag, str)]
    return bool(cells) and all(_local(cell.tag) == "th" for cell in cells)


def _heading_problems(document: Any, parents: dict[Any, Any],
                      parts: dict[Any, list[Part]]) -> list[str]:
    """Headings with fewer than 2 lines of text after them on their page."""
    problems = []
    for number, page in enumerate(document.pages, 1):
        lines = [line for child in page_box(page).children  # running heads left out
                 if type(child).__name__ != "MarginBox" for line in _line_boxes(child)]
        for box in _element_boxes(page_box(page)):
            if _local(box.element.tag) not in HEADINGS or not _has_text_after(box.element,
                                                                          parents):
                continue
            bottom = box.position_y + box.margin_height()
            after = sum(1 for line in lines if line.position_y >= bottom - 0.5)
            if after < MIN_LINES and _continues(box.element, number, parents, parts):
                problems.append(f"page {number}: a heading with {after} line(s) after it "
                                f"on its page: '{_words(box.element)}'")
    return problems


def _continues(heading: Any, page: int, parents: dict[Any, Any],
               parts: dict[Any, list[Part]]) -> bool:
    """Whether what follows the heading goes on after its page (a heading over one short
    line, the whole of what it heads, is not left alone)."""
    parent = parents.get(heading)
    siblings = [child for child in parent] if parent is not None else []
    following = siblings[siblings.index(heading) + 1:] if heading in siblings else []
    return any(part.page > page for sibling in following[:1]
               for part in parts.get(sibling, [])) or not any(
        part.page == page for sibling in following[:1] for part in parts.get(sibling, []))


def _has_text_after(heading: Any, parents: dict[Any, Any]) -> bool:
    """Whether text follows the heading in its section (the notes' ruled lines are not
    text: a "Notes" title alone above them is what it is for)."""
    parent = parents.get(heading)
    siblings = list(parent) if parent is not None else []
    return any("".join(sibling.itertext()).strip()
               for sibling in siblings[siblings.index(heading) + 1:] if heading in siblings)


def _lines(box: Any) -> int:
    return sum(1 for _line in _line_boxes(box))


def _line_boxes(box: Any) -> Iterator[Any]:
    """Every line of text under ``box`` (lines holding only spaces left out)."""
    for child in getattr(box, "children", ()):
        if type(child).__name__ == "LineBox":
            if _text(child).strip() or _has_picture(child):
                yield child
        elif type(child).__name__ == "BlockReplacedBox":  # a picture: content, as a line
            yield child
        else:
            yield from _line_boxes(child)


def _has_picture(box: Any) -> bool:
    return any(type(inner).__name__ == "InlineReplacedBox" for inner in box.descendants())


def _text(box: Any) -> str:
    if type(box).__name__ == "TextBox":
        return str(box.text)
    return "".join(_text(child) for child in getattr(box, "children", ()))


def _name(element: Any) -> str:
    classes = element.get("class")
    return f"<{_local(element.tag)}{f' class={classes!r}' if classes else ''}>"


def _words(element: Any, count: int = 8) -> str:
    return " ".join("".join(element.itertext()).split()[:count])


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


@contextlib.contextmanager
def captured_layouts() -> Iterator[list[Any]]:
    """The laid-out documents careerdocs writes as PDFs while the block runs (in this
    process), in the order they are written: layouts tried and left are not among them."""
    from generator.render.pdf import LaidOut

    documents: list[Any] = []
    real = LaidOut.write

    def write(self: LaidOut, *args: Any, **kwargs: Any) -> bytes | None:
        documents.append(self.document)
        return real(self, *args, **kwargs)

    LaidOut.write = write  # type: ignore[method-assign]
    try:
        yield documents
    finally:
        LaidOut.write = real  # type: ignore[method-assign]
