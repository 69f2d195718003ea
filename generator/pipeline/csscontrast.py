"""Colours a campus's own templates and its theme set by hand, checked before printing.

careerdocs picks text colours that read on each ground (``--on-primary``,
``--primary-on-accent``…), but a campus override or a theme can write any pair, such
as the campus's primary colour on its accent. This check reads the stylesheets of the
campus's folder and of its theme (``.css`` files, and ``<style>`` blocks of ``.html``
files), resolves the ``var(--…)`` brand colours for that campus, and warns, with the
template's file and line, where a rule's text would reach less than 4.5:1 (3:1 for
large text) on its ground.

Its ground is the rule's own background, or that of a rule of the same file whose
selector starts the rule's selector (``.cover-sud`` for ``.cover-sud .sud-title``).
Where neither says, the ground is not known here and the rule is not judged: the pages
themselves are checked after printing (tests/layoutcheck.py reads every glyph's pixels).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import tinycss2

from ..diagnostics import Kind, Problem
from ..limits import MAX_STYLESHEET_CHARS
from ..load.content import Content
from ..resolve.colours import AA, BrandColours, contrast
from ..themes import theme_chain

LARGE = 3.0  # WCAG AA for large text: 18 pt, or 14 pt bold
_JINJA = re.compile(r"\{%.*?%\}|\{#.*?#\}|\{\{.*?\}\}", re.DOTALL)
_STYLE = re.compile(r"(<style[^>]*>)(.*?)</style>", re.DOTALL | re.IGNORECASE)
_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_NAMED = {"white": "#ffffff", "black": "#000000"}


@dataclass(frozen=True)
class Rule:
    """A style rule's selector, colours and where it starts in its file."""

    selector: str
    text: str | None
    ground: str | None
    large: bool
    line: int
    column: int


def template_contrast_warnings(content: Content) -> list[Problem]:
    """Every rule of every campus's own templates and theme whose text does not read on
    its ground, with the campus's colours."""
    warnings: list[Problem] = []
    seen: set[tuple[str, int, str]] = set()
    for ident in sorted(content.campuses):
        brand = content.campuses[ident].brand
        colours = BrandColours.of(brand.primary, brand.accent)
        for path in _stylesheets(content, ident):
            for problem in _file_warnings(content, path, colours, ident):
                key = (problem.file, problem.line or 0, problem.message)
                if key not in seen:
                    seen.add(key)
                    warnings.append(problem)
    return warnings


def _stylesheets(content: Content, ident: str) -> Iterator[Path]:
    """The files of the campus's folder and of its theme (not the default's: careerdocs
    keeps those to its own colours, and its tests read their pages)."""
    for folder in theme_chain(content.project, ident, content.theme_of(ident))[:-1]:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".css", ".html") and path.is_file() and not path.is_symlink():
                yield path


def _file_warnings(content: Content, path: Path, colours: BrandColours,
                   ident: str) -> list[Problem]:
    source = path.read_text(encoding="utf-8", errors="replace")[:MAX_STYLESHEET_CHARS]
    rules = list(_rules(source, path.suffix == ".html"))
    display = content.project.display(path)
    problems = []
    for rule in rules:
        text = _resolve(rule.text, colours)
        ground = _resolve(rule.ground or _inherited_ground(rule, rules), colours)
        if not text or not ground:
            continue
        needed = LARGE if rule.large else AA
        if (ratio := contrast(text, ground)) < needed:
            problems.append(Problem(display, rule.line, rule.column, (
                f"{rule.selector}: text {rule.text} on {rule.ground or 'its ground'} reaches only "
                f"{ratio:.1f}:1 for campus {ident} ({text} on {ground}; at least {needed:g}:1): "
                "use the text colour careerdocs picks for that ground (var(--on-primary), "
                "var(--on-accent), var(--primary-on-accent)…)"), kind=Kind.COLOUR))
    return problems


def _inherited_ground(rule: Rule, rules: list[Rule]) -> str | None:
    """The background of the nearest rule whose selector starts this one's."""
    words = rule.selector.split()
    for length in range(len(words) - 1, 0, -1):
        start = " ".join(words[:length])
        for other in rules:
            if other.selector == start and other.ground:
                return other.ground
    return None


def _rules(source: str, html: bool) -> Iterator[Rule]:
    """The rules of a stylesheet, or of an HTML file's style blocks, with their lines."""
    for css, offset in _css_parts(source, html):
        blank = _JINJA.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), css)
        for node in tinycss2.parse_stylesheet(blank, skip_comments=True, skip_whitespace=True):
            if node.type == "qualified-rule":
                yield from _rule(node, offset)


def _css_parts(source: str, html: bool) -> Iterator[tuple[str, int]]:
    """(CSS, lines before it in the file) for each part of the file that is CSS."""
    if not html:
        yield source, 0
        return
    for match in _STYLE.finditer(source):
        yield match.group(2), source.count("\n", 0, match.start(2))


def _rule(node: tinycss2.ast.QualifiedRule, offset: int) -> Iterator[Rule]:
    declarations = {d.lower_name: tinycss2.serialize(d.value).strip()
                    for d in tinycss2.parse_declaration_list(node.content, skip_comments=True,
                                                             skip_whitespace=True)
                    if d.type == "declaration"}
    text = declarations.get("color")
    ground = declarations.get("background-color") or declarations.get("background")
    if not text and not ground:
        return
    large = _is_large(declarations.get("font-size", ""), declarations.get("font-weight", ""))
    for selector in tinycss2.serialize(node.prelude).split(","):
        yield Rule(" ".join(selector.split()), text, ground, large,
                   node.source_line + offset, node.source_column)


def _is_large(size: str, weight: str) -> bool:
    match = re.fullmatch(r"([\d.]+)pt", size.strip())
    points = float(match.group(1)) if match else 0.0
    bold = weight.strip() in ("bold", "700", "800", "900")
    return points >= 18 or (points >= 14 and bold)


def _resolve(value: str | None, colours: BrandColours) -> str | None:
    """``#rrggbb`` for a CSS colour value careerdocs can read (a brand variable, a hex
    colour, white, black), else None (an image, a gradient, a colour it does not know)."""
    if not value:
        return None
    value = value.strip().lower()
    if match := re.fullmatch(r"var\(\s*--([a-z-]+)\s*\)", value):
        return getattr(colours, match.group(1).replace("-", "_"), None)
    if match := _HEX.fullmatch(value):
        digits = match.group(1)
        return "#" + (digits if len(digits) == 6 else "".join(c * 2 for c in digits))
    return _NAMED.get(value)
