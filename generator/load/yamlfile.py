"""Read YAML content files safely, keeping the line and column of every value.

We use PyYAML's safe composer to get a node tree and convert it ourselves:
every scalar stays text (``NO`` and ``010`` are never turned into a boolean or
a number behind the user's back; the schema decides what a field means),
duplicate keys and aliases are refused, and each value's position is recorded
so that schema errors can point at ``file:line:col``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..diagnostics import Problem
from ..files import NotAFile, read_regular
from ..limits import MAX_FILE_BYTES, MAX_YAML_DEPTH

FieldPath = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """The plain data of one YAML file and where each value stands in it."""

    file: str
    data: Any
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

    def problem(self, where: FieldPath, message: str) -> Problem:
        """A problem located at ``where``, or at its nearest parent that exists."""
        line, column = self._position_of(where)
        return Problem(self.file, line, column, message, dotted(where))

    def location(self, where: FieldPath) -> str:
        """``file:line:col`` of ``where`` (or of its nearest parent that exists)."""
        line, column = self._position_of(where)
        return f"{self.file}:{line}:{column}"

    def _position_of(self, where: FieldPath) -> tuple[int, int]:
        for end in range(len(where), -1, -1):
            if where[:end] in self.positions:
                return self.positions[where[:end]]
        return (1, 1)


def dotted(where: FieldPath) -> str:
    """``('missions', 1)`` → ``missions.2``: list items are counted from 1 for humans."""
    return ".".join(str(part + 1) if isinstance(part, int) else part for part in where)


# libyaml's parser (C, twenty times faster than PyYAML's own) where PyYAML was built with
# it. A file it refuses is read again by PyYAML's own, whose messages (and leniency: a
# "\ud800" escape is read, then refused by the schema at its field) are careerdocs'.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, display: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``path``; return the document (or None) and every problem found."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None, [Problem(display, None, None, (
                f"the file is too large ({path.stat().st_size / 1e6:.1f} MB, at most "
                f"{MAX_FILE_BYTES / 1e6:g} MB): a content file holds texts, not data"))]
        text = read_regular(path, MAX_FILE_BYTES).decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [Problem(display, None, None, f"not UTF-8 text ({error.reason})")]
    except NotAFile as error:
        return None, [Problem(display, None, None, f"this name {error.reason}: content "
                                                   "files are YAML text files")]
    except OSError as error:
        return None, [Problem(display, None, None, f"cannot be read ({error.strerror})")]
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> tuple[YamlDocument | None, list[Problem]]:
    """A YAML text already read (``display`` names it in problems), as :func:`read_yaml`
    reads a file."""
    if problem := _shape_problem(text, display):
        return None, [problem]
    try:
        root = _composed(text)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(display, error)]
    except (yaml.YAMLError, RecursionError) as error:
        return None, [Problem(display, None, None, f"not valid YAML: {error}")]
    document = YamlDocument(display, None)
    problems: list[Problem] = []
    document.data = _convert(root, (), document, problems) if root else {}
    return document, problems


def _composed(text: str) -> Node | None:
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        if _LOADER is yaml.SafeLoader:
            raise
        return yaml.compose(text, Loader=yaml.SafeLoader)


def _shape_problem(text: str, display: str, loader: Any = _LOADER) -> Problem | None:
    """What the parser's events refuse before anything is built from them: an alias
    (copy-pasted text is clearer to campus staff), or more than MAX_YAML_DEPTH nested
    collections (found flat, so a 10,000-deep file costs no recursion)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                line, column = _line_column(event.start_mark)
                return Problem(display, line, column, "YAML syntax: YAML aliases (*name) are "
                               "not allowed: write the text out in full")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return Problem(display, _line_column(event.start_mark)[0] or 1, None, (
                        f"nested more than {MAX_YAML_DEPTH} levels deep: content files are a "
                        "few levels deep; check the indentation and the brackets"))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:  # reported with its line by the composer, unless PyYAML's
        # own parser reads further (libyaml stops at 1,000 levels, before any event)
        return None if loader is yaml.SafeLoader else _shape_problem(text, display,
                                                                     yaml.SafeLoader)
    return None


def _line_column(mark: Any) -> tuple[int | None, int | None]:  # PyYAML's or libyaml's
    return (mark.line + 1, mark.column + 1) if mark else (None, None)


def _syntax_problem(display: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    reason = error.problem or "not valid YAML"
    if error.context and error.problem:
        reason = f"{error.context}, {error.problem}"
    line, column = _line_column(mark)
    return Problem(display, line, column, f"YAML syntax: {reason}")


def _convert(node: Node, where: FieldPath, doc: YamlDocument, problems: list[Problem]) -> Any:
    doc.positions[where] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        return _convert_mapping(node, where, doc, problems)
    if isinstance(node, SequenceNode):
        return [_convert(item, (*where, i), doc, problems) for i, item in enumerate(node.value)]
    return _scalar(cast(ScalarNode, node))  # the composer makes no other kind of node


def _convert_mapping(node: MappingNode, where: FieldPath, doc: YamlDocument,
                     problems: list[Problem]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        mark = key_node.start_mark
        if not isinstance(key_node, ScalarNode):
            problems.append(Problem(doc.file, mark.line + 1, mark.column + 1,
                                    "a key must be a plain word", dotted(where)))
            continue
        key = key_node.value
        if key in result:
            problems.append(Problem(doc.file, mark.line + 1, mark.column + 1,
                                    f"duplicate key '{key}': keep only one",
                                    dotted((*where, key))))
            continue
        result[key] = _convert(value_node, (*where, key), doc, problems)
        if not isinstance(value_node, ScalarNode):
            # A group or list is reported at its key ("hook:"), where the user looks;
            # a single value at the value itself.
            doc.positions[(*where, key)] = (mark.line + 1, mark.column + 1)
    return result


def _scalar(node: ScalarNode) -> str | None:
    # An empty plain value (``hook:``) means "nothing", so the schema can say "field required".
    if node.style is None and node.value == "":
        return None
    return node.value
