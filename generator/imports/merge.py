"""A newer release over a role the school has edited: each part of the role (a text in
one language, a list) is compared in three versions: as imported last time, as the
school has it now, as the new release gives it. The new release's words replace the
ones the school left as they were; the school's edits stay; where both changed, the
school's words stay and both are listed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

Leaf = tuple[str, ...]  # ("title", "fr"), ("missions",), ("skills", "know_how")
OWN = ("codes", "source")  # the record's identity: always the dataset's (codes key by key)


@dataclass
class Merged:
    """The parts to write, and what happened to each."""

    values: dict[Leaf, Any] = field(default_factory=dict)  # leaf → new value (None: remove)
    updated: list[Leaf] = field(default_factory=list)
    removed: list[Leaf] = field(default_factory=list)  # the new release no longer has them
    kept: list[Leaf] = field(default_factory=list)  # the school's edit, the dataset unchanged
    conflicts: list[tuple[Leaf, Any, Any]] = field(default_factory=list)  # yours, theirs


def leaves(data: dict[str, Any]) -> Iterator[tuple[Leaf, Any]]:
    """The parts of a role an import compares."""
    for name, value in data.items():
        if name == "skills" and isinstance(value, dict):
            yield from ((("skills", sub), items) for sub, items in value.items())
        elif isinstance(value, dict) and name != "source":  # texts by language; codes by key
            yield from (((name, lang), words) for lang, words in value.items())
        else:
            yield (name,), value


def merged(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> Merged:
    old, now, new = dict(leaves(base)), dict(leaves(mine)), dict(leaves(theirs))
    result = Merged()
    for leaf in dict.fromkeys([*old, *new]):
        was, yours, given = old.get(leaf), now.get(leaf), new.get(leaf)
        if leaf[0] in OWN or yours == was:
            if given != yours:
                result.values[leaf] = given
                (result.updated if given is not None else result.removed).append(leaf)
        elif given != was and given != yours:
            result.conflicts.append((leaf, yours, given))
        elif given == was and yours != was:
            result.kept.append(leaf)
    return result


def named(leaf: Leaf) -> str:
    return ".".join(leaf)
