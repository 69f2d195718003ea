"""Inline Markdown in content texts: bold, italic and links, nothing else.

Raw HTML is disabled (content is not trusted), so a campus file cannot inject
tags; links are limited to https, http and mailto by markdown-it's validator.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("zero", {"html": False, "typographer": False})
    return parser.enable(["emphasis", "link", "escape", "backticks", "newline"])


def inline_tokens(text: str) -> list[Token]:
    """The inline tokens of ``text`` (strong_open, em_open, link_open, text…)."""
    blocks = _parser().parseInline(text)
    return blocks[0].children or [] if blocks else []


def to_html(text: str) -> Markup:
    """Inline Markdown rendered to safe HTML (already escaped)."""
    return Markup(_parser().renderInline(text))  # noqa: S704 - markdown-it escapes the text


def to_plain(text: str) -> str:
    """The words of ``text`` without Markdown marks, for titles and metadata."""
    return "".join(token.content for token in inline_tokens(text)
                   if token.type in ("text", "code_inline"))
