"""The HTML of a dataset's texts (Onisep's, inside CDATA) as the project's Markdown:
paragraphs and headings become sentences or list items, ``<strong>`` bold, ``<em>``
italic, ``<a href>`` a link; every other tag is dropped, its words kept."""

from __future__ import annotations

from html.parser import HTMLParser

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "br", "tr"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
MARKS = {"strong": "**", "b": "**", "em": "*", "i": "*"}


class _Blocks(HTMLParser):
    """The text of each block of an HTML fragment, with its tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.tag, self.words, self.link = "p", "", ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.end_block(tag)
        elif tag in MARKS:
            self.words += MARKS[tag]
        elif tag == "a":
            self.link = dict(attrs).get("href") or ""
            self.words += "[" if self.link else ""

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self.end_block("p")
        elif tag in MARKS:  # "<b>word </b>": the mark closes on the word, the space after
            trailing = self.words != self.words.rstrip()
            self.words = self.words.rstrip() + MARKS[tag] + (" " if trailing else "")
        elif tag == "a" and self.link:
            self.words += f"]({self.link})"
            self.link = ""

    def handle_data(self, data: str) -> None:
        self.words += data

    def end_block(self, next_tag: str) -> None:
        words = " ".join(self.words.split())
        if words.strip("*[]() "):
            self.blocks.append((self.tag, words))
        self.tag, self.words = next_tag, ""


def blocks(html: str) -> list[tuple[str, str]]:
    """(tag, text) for each paragraph, heading and list item of ``html``."""
    parser = _Blocks()
    parser.feed(html)
    parser.end_block("p")
    return parser.blocks


def paragraph(html: str) -> str:
    """The whole fragment as one text, its blocks one after the other."""
    return " ".join(text for _tag, text in blocks(html))


def items(html: str) -> list[str]:
    """The fragment's headings as items, where it has some (Onisep titles each part of
    a job's work), else its paragraphs and list items."""
    found = blocks(html)
    headings = [text for tag, text in found if tag in HEADINGS]
    return headings or [text for _tag, text in found]
