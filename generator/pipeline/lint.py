"""Content checks that need no printing, so that ``validate`` passing means ``build`` can
print the content:

- every character of every text exists in the fonts the campuses use (read from the
  fonts' own character maps with fontTools, after each language's typography);
- brand colours, for the roles they play: where a colour is too light to be read as
  small text on white, or white text would not read on it, careerdocs prints a darker
  shade or dark text, and says so (a warning);
- text colours a campus's own templates or its theme set by hand, against their
  grounds (:mod:`generator.pipeline.csscontrast`);
- every word the code and the templates translate is in every language's catalogue
  (:func:`generator.i18n.catalogue_gaps`).
"""

from __future__ import annotations

import hashlib
import unicodedata
from array import array
from collections.abc import Iterator
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics, Kind, Problem
from ..files import read_regular, regular_file_problem
from ..fonts import available_fonts, fonts_dir
from ..i18n import catalogue_gaps
from ..limits import MAX_FETCHED_BYTES as MAX_FONT_BYTES
from ..load.content import Content
from ..load.yamlfile import FieldPath, YamlDocument
from ..resolve.colours import AA, WHITE, contrast, ink_on_white, text_on
from ..resolve.markup import MARKDOWN_LINK, allowed_link, is_language, language_spans
from ..resolve.typography import typographer
from ..usercache import cache_dir, cached
from .csscontrast import template_contrast_warnings


def lint(content: Content, diagnostics: Diagnostics) -> None:
    """Add the problems and warnings of every check of this module to ``diagnostics``."""
    diagnostics.extend(font_file_problems(content))
    diagnostics.extend(glyph_problems(content))
    diagnostics.extend(link_problems(content))
    diagnostics.extend(catalogue_gaps(content.project, content.languages))
    for warning in colour_warnings(content) + template_contrast_warnings(content):
        diagnostics.warn(warning)
    from ..translation.record import stale_warnings

    for warning in stale_warnings(content):
        diagnostics.warn(warning)


@lru_cache(maxsize=32)
def _characters(path: Path, mtime: float) -> frozenset[int]:
    """The characters a font file maps, kept in the user's cache: reading a font's
    character map takes a tenth of a second, and every ``validate`` needs them."""
    data = read_regular(path, MAX_FONT_BYTES)
    key = hashlib.sha256(b"cmap-1" + data).hexdigest()
    stored = cached(cache_dir("characters"), key, lambda: _character_map(data))
    return frozenset(array("I", stored))


def _character_map(font: bytes) -> bytes:
    from fontTools.ttLib import TTFont

    return array("I", sorted(TTFont(BytesIO(font), lazy=True).getBestCmap())).tobytes()


def family_characters(root: Path, family: str) -> frozenset[int]:
    """Characters every face of a bundled family can print (regular, bold, italic…)."""
    faces = [face for face in _font_files(root, family) if not regular_file_problem(face)]
    sets = [_characters(face, face.stat().st_mtime) for face in faces]
    return frozenset.intersection(*sets) if sets else frozenset()


def _font_files(root: Path, family: str) -> list[Path]:
    return [face for face in sorted((fonts_dir(root) / family).glob("*.ttf"))
            if face.resolve().is_relative_to(root.resolve())]


def font_file_problems(content: Content) -> list[Problem]:
    """Font names of the campuses' families that are no font file (a named pipe would
    hang the printers that read it)."""
    root = content.project.root
    families = sorted({family for campus in content.campuses.values()
                       for family in (campus.brand.fonts.body, campus.brand.fonts.headings)})
    return [Problem(content.project.display(face), None, None,
                    f"this name {reason}: a font is a .ttf file", kind=Kind.FONT)
            for family in families for face in _font_files(root, family)
            if (reason := regular_file_problem(face))]


def glyph_problems(content: Content) -> list[Problem]:
    """Characters of the content that a campus's fonts cannot print."""
    root = content.project.root
    names = available_fonts(root)
    families = sorted({family for campus in content.campuses.values()
                       for family in (campus.brand.fonts.body, campus.brand.fonts.headings)})
    printable = {family: family_characters(root, family) for family in families}
    problems = []
    for document in content.sources.values():
        for where, text in _texts(document.data, ()):
            lang = where[-1] if where and where[-1] in content.languages else "en"
            for char in sorted(set(typographer(str(lang))(text)) - {"\n", "\t", "\r"}):
                lacking = [names[f] for f in families if ord(char) not in printable[f]]
                if lacking:
                    problems.append(_glyph_problem(document, where, char, lacking))
    return problems


def link_problems(content: Content) -> list[Problem]:
    """Markdown links to anything but a web page, an e-mail address or a phone number,
    and foreign words marked with something that is not a language."""
    problems = []
    for document in content.sources.values():
        for where, text in _texts(document.data, ()):
            for target in MARKDOWN_LINK.findall(text):
                if not allowed_link(target):
                    problems.append(document.problem(where, (
                        f"the link to '{target}' is not allowed: links must start with "
                        "https://, http://, mailto: or tel:")))
            problems += [document.problem(where, (
                f"'{{lang={tag}}}' is not a language: mark a word in another language as "
                "[word]{lang=en} (a language code, or a code and a country such as en-GB, "
                "as the ISO lists them)"))
                for tag in language_spans(text) if not is_language(tag)]
    return problems


def _texts(data: Any, where: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, (*where, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, (*where, index))
    elif isinstance(data, str):
        yield where, data


def _glyph_problem(document: YamlDocument, where: FieldPath, char: str,
                   fonts: list[str]) -> Problem:
    name = unicodedata.name(char, "unnamed character").lower()
    return document.problem(where, (
        f"the character '{char}' (U+{ord(char):04X}, {name}) is not in the font "
        f"{' nor in '.join(fonts)}: it cannot be printed; remove it, or choose a font "
        "that has it under brand.fonts in the campus files"))


def colour_warnings(content: Content) -> list[Problem]:
    """What careerdocs does about brand colours that do not read as they are."""
    warnings = []
    for ident, campus in sorted(content.campuses.items()):
        document = content.sources[("campuses", ident)]
        for key in ("primary", "accent"):
            colour = getattr(campus.brand, key).lower()
            for message in _colour_notes(colour, key):
                problem = document.problem(("brand", key), message)
                warnings.append(Problem(problem.file, problem.line, problem.column,
                                        problem.message, problem.where, Kind.COLOUR))
    return warnings


def _colour_notes(colour: str, key: str) -> list[str]:
    notes = []
    on_white = contrast(colour, WHITE)
    if on_white < AA:
        use = "headings and links" if key == "primary" else "small accent text (kickers)"
        notes.append(f"{colour} on white reaches only {on_white:.1f}:1 (small text needs "
                     f"{AA:g}:1): {use} are printed in a darker shade, {ink_on_white(colour)}")
    if text_on(colour) != WHITE:
        notes.append(f"white text on {colour} would reach only {contrast(WHITE, colour):.1f}:1: "
                     "text on this colour is printed dark instead")
    return notes
