"""Document kinds: the registry, one module per kind of careerdocs in this package, and
the kinds other installed packages bring.

Every module here that is not private (no leading ``_``) and is not the registry
itself is imported once, and registers its kind: a new kind of careerdocs is a new
module. A kind of its own package (a school's poster, a name badge) is installed as
that package, which names it in the ``careerdocs.kinds`` entry point group of its
``pyproject.toml``::

    [project.entry-points."careerdocs.kinds"]
    poster = "careerdocs_poster:Poster"    # a DocumentKind subclass (or an instance)

Every entry point of the group is loaded when careerdocs starts, after its own kinds; a
package that cannot be loaded, or that brings a second kind of a taken name, is a
problem in plain words naming the package (:func:`discovery_problems`).
"""

from __future__ import annotations

import importlib
import pkgutil
from importlib.metadata import EntryPoint, entry_points

from ..diagnostics import Kind, Problem
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
    found = [module.name for module in pkgutil.iter_modules(__path__)
             if not module.name.startswith("_") and module.name != "registry"]
    for name in sorted(found):
        importlib.import_module(f"{__name__}.{name}")
    for point in sorted(entry_points(group=ENTRY_POINTS),
                        key=lambda p: (p.name, p.dist.name if p.dist else "", p.value)):
        if point.dist is None or point.dist.name != "careerdocs":
            _PROBLEMS.extend(_installed(point))


def _installed(point: EntryPoint) -> list[Problem]:
    """Register the kind an entry point names; the problems that prevent it."""
    origin = f"{point.dist.name} {point.dist.version}" if point.dist else point.value
    try:
        loaded = point.load()
        kind = loaded() if isinstance(loaded, type) else loaded
        if not isinstance(kind, DocumentKind) or kind.name != point.name:
            raise TypeError(f"'{point.value}' is not a DocumentKind named '{point.name}'")
        register(kind, origin)
    except KindConflict as conflict:
        return conflict.problems
    except Exception as error:  # noqa: BLE001 - a package of somebody else's: say which
        return [Problem(ENTRY_POINTS, None, None, (
            f"the kind of document '{point.name}' of the package {origin} cannot be loaded "
            f"({type(error).__name__}: {error}): reinstall or remove that package"),
            kind=Kind.COMMAND)]
    return []


_discover()
