"""Inline Markdown in content texts: bold, italic and links, nothing else.

Raw HTML is disabled (content is not trusted), so a campus file cannot inject
tags; links are limited to https, http, mailto and tel (:func:`allowed_link`); any
other is printed as the text it was typed as, and ``validate`` reports it.

A word in another language is marked ``[backlog]{lang=en}``: the HTML gets
``<span lang="en">`` and the Word file tags the run, so each is spell-checked and
hyphenated in its own language. No other attribute is kept (no class, style or
event handler can come in this way).

In the HTML, web and e-mail addresses typed in the text are wrapped in
``<span class="url">`` and the names of jobs (Product Owner…) in
``<span class="name">``: the stylesheet never hyphenates them, and French
hyphenation rules are not applied to English job titles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup
from mdit_py_plugins.attrs import attrs_plugin

# A web or e-mail address in plain text; a final full stop or comma is not part of it.
# Both start only at the start of a word, so that a long word costs linear time.
ADDRESS = (r"(?<![\w./])(?:https?://|www\.)[^\s<>\"]*[^\s<>\"'.,;:!?)]"
           r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ADDRESS_RE = re.compile(ADDRESS)


LINK_SCHEMES = ("https", "http", "mailto", "tel")
# A Markdown link as written: [words](target).
MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]*)")


def allowed_link(url: str) -> bool:
    """Only web, e-mail and telephone links: no file paths, no shares (\\\\host), no
    ``javascript:``, ``smb:``, ``ms-word:``… that a click would open on the reader's machine."""
    scheme, colon, _rest = url.partition(":")
    return bool(colon) and scheme.lower() in LINK_SCHEMES and "\\" not in url


# A language tag in {lang=…}: a language code, maybe with its country (en, en-GB).
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Z]{2})?")


@lru_cache(maxsize=512)
def is_language(tag: str) -> bool:
    """Whether ``tag`` names a language Babel (Unicode's CLDR) knows, with a country that
    exists when there is one: ``{lang=xx}`` would be written into the documents as it
    is, and the reader's software would look for a dictionary that is not there."""
    if not LANGUAGE_TAG.fullmatch(tag):
        return False
    language, _dash, country = tag.partition("-")
    try:
        Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return False
    return language != "und" and (not country or country in _countries())


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return frozenset(code for code in map(str, Locale("en").territories)
                     if code.isalpha() and code != "ZZ")  # ZZ: "unknown region"


_KEPT_ATTRIBUTES = {"link_open": {"href", "title"}, "span_open": {"lang"}}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("zero", {"html": False, "typographer": False})
    parser.enable(["emphasis", "link", "escape", "backticks", "newline"])
    parser.use(attrs_plugin, spans=True)
    parser.core.ruler.push("only_language_attributes", _only_language_attributes)
    parser.validateLink = allowed_link  # type: ignore[method-assign]
    parser.add_render_rule("text", _render_text)
    return parser


def _only_language_attributes(state: StateCore) -> None:
    """Drop every attribute ``{…}`` may add but a valid ``lang`` on a span."""
    for block in state.tokens:
        for token in block.children or ():
            kept = _KEPT_ATTRIBUTES.get(token.type, set())
            token.attrs = {name: value for name, value in token.attrs.items()
                           if name in kept}
            lang = token.attrs.get("lang")
            if lang is not None and not is_language(str(lang)):
                del token.attrs["lang"]


def language_spans(text: str) -> list[str]:
    """The ``{lang=…}`` values written in ``text``, valid or not, for checks."""
    return re.findall(r"\{\s*lang\s*=\s*[\"']?([^\s}\"']*)", text)


def _render_text(_renderer: Any, tokens: list[Token], index: int, _options: Any,
                 env: dict[str, Any]) -> str:
    """Escaped text, with addresses and job names wrapped so they are never hyphenated."""
    text = tokens[index].content
    pattern: re.Pattern[str] = env.get("keep") or _ADDRESS_RE
    parts, last = [], 0
    for match in pattern.finditer(text):
        kind = "url" if _ADDRESS_RE.fullmatch(match.group()) else "name"
        parts += [escapeHtml(text[last:match.start()]),
                  f'<span class="{kind}">{escapeHtml(match.group())}</span>']
        last = match.end()
    return "".join([*parts, escapeHtml(text[last:])])


@lru_cache(maxsize=64)
def keep_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Addresses, then ``names`` (longest first), as whole words."""
    alternatives = [ADDRESS] + [rf"(?<!\w){re.escape(name)}(?!\w)"
                                for name in sorted(set(names), key=len, reverse=True) if name]
    return re.compile("|".join(alternatives))


def inline_tokens(text: str) -> list[Token]:
    """The inline tokens of ``text`` (strong_open, em_open, link_open, text…)."""
    blocks = _parser().parseInline(text)
    return blocks[0].children or [] if blocks else []


def to_html(text: str, names: Iterable[str] = ()) -> Markup:
    """Inline Markdown rendered to safe HTML (already escaped); ``names`` are words that
    must never be hyphenated, such as job titles."""
    env = {"keep": keep_pattern(tuple(names))}
    return Markup(_parser().renderInline(text, env))  # noqa: S704 - markdown-it escapes the text


def to_plain(text: str) -> str:
    """The words of ``text`` without Markdown marks, for titles and metadata."""
    return "".join(token.content for token in inline_tokens(text)
                   if token.type in ("text", "code_inline"))
