"""What other packages (and careerdocs itself) bring through entry points: kinds of
document (``careerdocs.kinds``) and commands (``careerdocs.commands``)."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import EntryPoint, entry_points


@lru_cache(maxsize=4)  # the installed packages do not change while careerdocs runs
def points_of(group: str) -> tuple[EntryPoint, ...]:
    """The entry points of ``group``, by name and package."""
    return tuple(sorted(entry_points(group=group), key=lambda point: (
        point.name, origin(point), point.value)))


def origin(point: EntryPoint) -> str:
    """The package an entry point comes from, as messages name it: "careerdocs" for
    careerdocs' own, whatever its version; "name version" for another's."""
    if point.dist is not None and point.dist.name == "careerdocs":
        return "careerdocs"
    return f"{point.dist.name} {point.dist.version}" if point.dist else point.value


def careerdocs_installed(group: str) -> bool:
    """Whether careerdocs' own entry points of ``group`` are there (it is installed)."""
    return any(origin(point) == "careerdocs" for point in points_of(group))
