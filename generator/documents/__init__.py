"""Document kinds: the registry, and one module per kind in this package.

Every module here that is not private (no leading ``_``) and is not the registry
itself is imported once, and registers its kind: a new kind is a new module.
"""

from __future__ import annotations

import importlib
import pkgutil

from .registry import (
    Artifact,
    DocumentKind,
    Rendered,
    all_kinds,
    get_kind,
    kind_names,
    register,
    unregister,
)

__all__ = ["Artifact", "DocumentKind", "Rendered", "all_kinds", "get_kind", "kind_names",
           "register", "unregister"]

# Built-in kinds in the order they are listed and built; any other module comes after.
_FIRST = ("guide", "handout", "comparison")


def _discover() -> None:
    found = [module.name for module in pkgutil.iter_modules(__path__)
             if not module.name.startswith("_") and module.name != "registry"]
    for name in sorted(found, key=lambda n: (_FIRST.index(n) if n in _FIRST else len(_FIRST), n)):
        importlib.import_module(f"{__name__}.{name}")


_discover()
