"""Document kinds: the registry, one module per kind of careerdocs in this package, and
the kinds other installed packages bring.

Every kind, careerdocs' own ones too, is named in the ``careerdocs.kinds`` entry point
group of its package's ``pyproject.toml``; a kind of its own package (a school's
poster, a name badge) is installed as that package::

    [project.entry-points."careerdocs.kinds"]
    poster = "careerdocs_poster:Poster"    # a DocumentKind subclass (or an instance)

Every entry point of the group is loaded when careerdocs starts, careerdocs' own first;
a package that cannot be loaded, or that brings a second kind of a taken name, is a
problem in plain words naming the package (:func:`discovery_problems`). A new kind of
careerdocs is a new module here, and a line in careerdocs' ``pyproject.toml`` (a test
checks that every module is declared).
"""

from __future__ import annotations

from importlib.metadata import EntryPoint

from ..diagnostics import Kind, Problem
from ..entrypoints import careerdocs_installed, origin, points_of
from .registry import (
    Artifact,
    DocumentKind,
    KindConflict,
    KindOption,
    OptionValue,
    Rendered,
    all_kinds,
    get_kind,
    kind_names,
    register,
    unregister,
)

__all__ = ["Artifact", "DocumentKind", "KindConflict", "KindOption", "OptionValue",
           "Rendered", "all_kinds",
           "discovery_problems", "get_kind", "kind_names", "register",
           "unregister"]

ENTRY_POINTS = "careerdocs.kinds"
_PROBLEMS: list[Problem] = []


def discovery_problems() -> list[Problem]:
    """What went wrong loading the kinds of other packages (every command reports it)."""
    return list(_PROBLEMS)


def _discover() -> None:
    points = sorted(points_of(ENTRY_POINTS), key=lambda point: origin(point) != "careerdocs")
    if not careerdocs_installed(ENTRY_POINTS):
        _PROBLEMS.append(Problem(ENTRY_POINTS, None, None, (
            "careerdocs is not installed in this Python, so it finds none of its kinds of "
            "documents: run  make build  in the careerdocs folder"), kind=Kind.COMMAND))
    for point in points:
        _PROBLEMS.extend(_installed(point))


def _installed(point: EntryPoint) -> list[Problem]:
    """Register the kind an entry point names; the problems that prevent it."""
    package = origin(point)
    try:
        loaded = point.load()
        kind = loaded() if isinstance(loaded, type) else loaded
        if not isinstance(kind, DocumentKind) or kind.name != point.name:
            raise TypeError(f"'{point.value}' is not a DocumentKind named '{point.name}'")
        register(kind, package)
    except KindConflict as conflict:
        return conflict.problems
    except Exception as error:  # noqa: BLE001 - a package of somebody else's: say which
        return [Problem(ENTRY_POINTS, None, None, (
            f"the kind of document '{point.name}' of the package {package} cannot be loaded "
            f"({type(error).__name__}: {error}): reinstall or remove that package"),
            kind=Kind.COMMAND)]
    return []


_discover()
