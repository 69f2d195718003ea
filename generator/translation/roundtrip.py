"""Translations written into the YAML files as a person would write them: ruamel.yaml's
round trip keeps every comment, the order of the keys, the quotes and the block
styles. A file is rewritten only if ruamel.yaml gives it back unchanged when nothing
changes (else its layout would move): that is checked first, with the indentations
the file uses."""

from __future__ import annotations

import copy
import re
from io import StringIO
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from ..load.yamlfile import FieldPath

WIDTH = 88  # the demo's lines: folded texts are wrapped there
STYLES = (FoldedScalarString, LiteralScalarString, DoubleQuotedScalarString,
          SingleQuotedScalarString)


class Unwritable(Exception):
    """The file cannot be written back without changing its layout."""


def with_translations(text: str, changes: dict[FieldPath, dict[str, str]],
                      languages: list[str]) -> str:
    """``text``, a YAML file, with the words of ``changes`` (a text's path → language →
    words) in place; everything else as it was."""
    yaml, data = reproducing(text)
    for path, words in changes.items():
        node = _at(data, path)
        for lang, value in words.items():
            _put(node, lang, value, languages, _indent_of(node, text))
    out = StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def reproducing(text: str) -> tuple[YAML, Any]:
    """A round-trip YAML that gives ``text`` back byte for byte when nothing changes, and
    the text as it read it (to change, then dump)."""
    for mapping, sequence, offset in _indentations(text):
        yaml = YAML(typ="rt")
        yaml.preserve_quotes = True
        yaml.width = 4096  # lines are never wrapped anew: the file's own breaks stay
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        try:
            data, out = yaml.load(text), StringIO()
            yaml.dump(data, out)
        except YAMLError:
            continue
        if out.getvalue() == text:
            return yaml, data
    raise Unwritable("its layout is not one careerdocs can write back exactly")


def _indentations(text: str) -> list[tuple[int, int, int]]:
    """The indentations to try: the file's own first (its first list item's dash, from
    the key above it), then the usual ones."""
    guesses = [(2, 4, 2), (2, 2, 0), (4, 6, 4), (4, 4, 2), (2, 4, 0)]
    lines = text.splitlines()
    for above, line in zip(lines, lines[1:], strict=False):
        dash = re.match(r"( *)- ", line)
        key = re.match(r"( *)\S.*:\s*$", above)
        if dash and key:
            offset = len(dash.group(1)) - len(key.group(1))
            guesses.insert(0, (2, offset + 2, offset))
            break
    return list(dict.fromkeys(guesses))


def _at(data: Any, path: FieldPath) -> CommentedMap:
    node = data
    for part in path:
        node = node[part]
    if not isinstance(node, CommentedMap):
        raise Unwritable(f"{'.'.join(map(str, path))} is not a text of languages")
    return node


def _put(node: CommentedMap, lang: str, words: str, languages: list[str], indent: int) -> None:
    """``words`` under ``lang``, in the style of the text's other languages."""
    like = node.get(lang, next((node[other] for other in languages if other in node), ""))
    value = _styled(words, like, indent)
    if lang in node:
        node[lang] = value
        return
    order = [key for key in node if key in languages]
    after = [key for key in order if languages.index(key) < languages.index(lang)]
    node.insert(list(node).index(after[-1]) + 1 if after else 0, lang, value)
    if after:
        _move_comments_after(node, after[-1], lang)


def _move_comments_after(node: CommentedMap, before: str, new: str) -> None:
    """ruamel.yaml keeps the comments and blank lines that follow a key's value with
    that key: once a key is put after it, they follow the new one (a comment heading
    the next field stays above that field)."""
    comments = node.ca.items.get(before)
    if comments is None or len(comments) < 3 or comments[2] is None:
        return
    token = comments[2]
    blocks = (FoldedScalarString, LiteralScalarString)
    if isinstance(node[before], blocks):  # a block ends its own line: all of it follows
        moved = copy.copy(token)
        if not isinstance(node[new], blocks):
            moved.value = "\n" + token.value
        node.ca.items[new], comments[2] = [None, None, moved, None], None
        return
    own, _, following = token.value.partition("\n")  # its line's own comment stays
    if own.strip() and not following:
        return
    if own.strip():
        kept = copy.copy(token)
        kept.value = own + "\n"
        comments[2] = kept
    else:
        comments[2], following = None, token.value
    moved = copy.copy(token)
    moved.value = "\n" + following if own.strip() else token.value
    node.ca.items[new] = [None, None, moved, None]


def _styled(words: str, like: Any, indent: int) -> Any:
    """``words`` as a scalar of the style of ``like`` (a folded text is folded at WIDTH)."""
    if isinstance(like, FoldedScalarString) and "\n" not in words:
        folded = FoldedScalarString(words)
        folded.fold_pos = _fold_positions(words, WIDTH - indent - 2)
        return folded
    for style in STYLES:
        if isinstance(like, style) and style is not FoldedScalarString:
            return style(words)
    return words


def _fold_positions(words: str, width: int) -> list[int]:
    """Where a folded text's lines break: at the last space before ``width``."""
    positions, start = [], 0
    while len(words) - start > width:
        # Never the last character: ruamel reads the one after each fold.
        space = words.rfind(" ", start, min(start + width + 1, len(words) - 1))
        if space <= start:
            break
        positions.append(space)
        start = space + 1
    return positions


def _indent_of(node: CommentedMap, text: str) -> int:
    """The column of the text's language keys (for the width of a folded text)."""
    line = getattr(node.lc, "line", None)
    if line is None:
        return 4
    source = text.splitlines()[line] if line < len(text.splitlines()) else ""
    return len(re.match(r"[ -]*", source).group()) + 2  # type: ignore[union-attr]
