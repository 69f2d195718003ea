"""No more than two hyphenated lines in a row, and no line holding only the start of a
word, in every laid-out document (used by :func:`generator.render.pdf.lay_out`).

CSS has no property WeasyPrint honours for this (``hyphenate-limit-lines``), so a
document is read back after its layout: a paragraph (or list item, or table cell) with
three lines in a row ending in an automatic hyphen is named by a CSS selector, and the
document is laid out again with hyphenation off for it. So is a block with a line
that holds nothing but the first part of a hyphenated word although the whole word
would fit on it ("Générale-" alone atop a table cell: the line breaker chose to cut the
word rather than the next one). Such blocks are rare with the hyphenation limits of
``typography.css``; their lines are then only a little more ragged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .boxes import page_box

HYPHEN = "\u2010"  # the hyphenate-character of typography.css
MAX_IN_A_ROW = 2


def over_hyphenated(document: Any) -> frozenset[str]:
    """CSS selectors of the blocks of ``document`` (a laid-out WeasyPrint document) that
    have more than MAX_IN_A_ROW lines in a row ending in an automatic hyphen."""
    over = [block.element for page in document.pages
            for block in _blocks_with_lines(page_box(page))
            if block.element is not None
            and (_longest_run(block) > MAX_IN_A_ROW or _lone_fragment(block))]
    if not over:
        return frozenset()
    parents = _parent_map(page_box(document.pages[0]))  # one tree for every page
    return frozenset(_selector(element, parents) for element in over)


def _blocks_with_lines(box: Any) -> Iterator[Any]:
    children = getattr(box, "children", ())
    if any(type(child).__name__ == "LineBox" for child in children):
        yield box
    for child in children:
        if type(child).__name__ != "LineBox":
            yield from _blocks_with_lines(child)


def _longest_run(block: Any) -> int:
    longest = run = 0
    for child in block.children:
        if type(child).__name__ != "LineBox":
            continue
        run = run + 1 if _last_text(child).endswith(HYPHEN) else 0
        longest = max(longest, run)
    return longest


def _lone_fragment(block: Any) -> bool:
    """Whether a line of ``block`` holds only the start of a hyphenated word, whose whole
    (that start and the next line's first word) would fit the line's width."""
    lines = [child for child in block.children if type(child).__name__ == "LineBox"]
    for line, following in zip(lines, lines[1:], strict=False):
        text = _line_text(line).strip()
        if not text.endswith(HYPHEN) or " " in text or "\u00a0" in text:
            continue
        rest = _line_text(following).strip().split(" ")[0]
        width = sum(getattr(box, "width", 0) for box in _text_boxes(line))
        whole = width * (len(text) - 1 + len(rest)) / max(len(text), 1)
        if whole <= getattr(block, "width", 0):
            return True
    return False


def _text_boxes(box: Any) -> Iterator[Any]:
    if type(box).__name__ == "TextBox":
        yield box
    for child in getattr(box, "children", ()):
        yield from _text_boxes(child)


def _line_text(line: Any) -> str:
    return "".join(str(box.text) for box in _text_boxes(line))


def _last_text(box: Any) -> str:
    """The text at the end of a line box (its last text box, however deeply nested)."""
    if type(box).__name__ == "TextBox":
        return str(box.text)
    for child in reversed(getattr(box, "children", ())):
        text = _last_text(child)
        if text.strip():
            return text.rstrip()
    return ""


def _parent_map(page_box: Any) -> dict[Any, Any]:
    root = _root_element(page_box)
    return {child: parent for parent in root.iter() for child in parent} if root is not None \
        else {}


def _root_element(page_box: Any) -> Any:
    """The document's ``html`` element: the element of the page's first box."""
    return next((child.element for child in getattr(page_box, "children", ())
                 if getattr(child, "element", None) is not None), None)


def _selector(element: Any, parents: dict[Any, Any]) -> str:
    """A CSS selector that names ``element`` alone: its path of :nth-child from its
    nearest ancestor with an id (or from the root). Anchored there, it names the same
    block in the next layouts of a guide, whose map or notes move the parts around it."""
    steps = []
    while element in parents and not element.get("id"):
        parent = parents[element]
        siblings = [child for child in parent if isinstance(child.tag, str)]
        steps.append(f"{_local(element.tag)}:nth-child({siblings.index(element) + 1})")
        element = parent
    ident = element.get("id")
    steps.append(_local(element.tag) if not ident else f'[id="{_quoted(ident)}"]')
    return " > ".join(reversed(steps))


def _quoted(text: str) -> str:
    """``text`` inside a CSS string between double quotes (and inside a ``<style>``)."""
    return "".join(f"\\{ord(c):x} " if c in '"\\\n\r\f<>' else c for c in text)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def unhyphenated_style(selectors: frozenset[str]) -> str:
    """The style sheet that turns hyphenation off in the blocks ``selectors`` name."""
    if not selectors:
        return ""
    rules = ",\n".join(sorted(selectors))
    return f"<style>\n{rules} {{ hyphens: manual !important; }}\n</style>\n"
