"""How a guide is laid out, as data: the plan of one layout, one attempt of the search,
and the attempt that ended the last search on the same inputs, kept in the user cache.

A guide is laid out several times (documents/guide.py): each layout measures what the
next must do (rows to break, the map's place, the spacing, the notes). On the same
inputs (the same project files, careerdocs and renderers, options and view), the search
always ends on the same attempt: replayed first, it ends at once, with the same bytes.
A kept attempt is only a head start: one that does not end the search (a damaged or
stale entry) is set aside, and the search starts from the beginning as if there were none.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from ..pipeline.fingerprint import digest_bytes, value_digest
from ..usercache import cache_dir, prune, read_entry, write_entry

if TYPE_CHECKING:
    from ..render.context import RenderContext
    from ..resolve.viewmodel import GuideView

KEPT = "layouts"  # the user cache's folder of kept attempts
MAX_KEPT = 1000  # attempts of a few kB each; the oldest go first


@dataclass(frozen=True)
class Filler:
    """The notes that complete a guide: lines on its last text page, then whole pages."""

    tail_lines: int
    pages: int
    page_lines: int


@dataclass(frozen=True)
class MapPlace:
    """Where the career map goes: before the role ``at`` (or after the last, when ``at`` is
    the number of roles), and the share of its full size it is printed at."""

    at: int
    scale: float = 1.0
    # False: a place chosen without measuring it (after the roles, when no place before
    # the map's fits it): the next layout measures every place, and chooses again.
    measured: bool = True


@dataclass(frozen=True)
class Plan:
    """How a layout of the guide is made: what the layouts before it measured."""

    place: MapPlace  # where the career map goes
    filler: Filler | None = None  # the notes, once planned
    tall: frozenset[str] = frozenset()  # rows that may break between lines
    long: frozenset[str] = frozenset()  # rows taller than LONG_ROW of a page
    tight: frozenset[str] = frozenset()  # rows of key facts set without the gap under them
    intros: frozenset[str] = frozenset()  # roles (and the "why" box) that may break
    # Sections set looser, each with its degree (1 to MAX_LOOSE): they end on a page of
    # text left too empty (guide.css), which their looser lines fill.
    loose: tuple[tuple[str, int], ...] = ()
    held: frozenset[str] = frozenset()  # sections once set tighter: never looser again
    flows: int = 0  # the campus says more than its page holds: 1, made compact; 2, flows
    rhythm: float = 1.0  # the scale of the vertical spacing (guide.css)
    mapped: bool = False  # the map's place is chosen (again after each new spacing)
    spacings: int = 0  # the times the spacing was chosen (up to SPACING_ROUNDS)
    size: float = 1.0  # the scale of the running text's type size (guide.css)


@dataclass(frozen=True)
class Attempt:
    """One layout of the search: its number (from 0), its plan, the paragraphs earlier
    layouts set without hyphens, and where the text ended on the layout before (the
    notes of ``plan`` were planned there)."""

    number: int
    plan: Plan
    plain: frozenset[str] = frozenset()
    planned_at: tuple[int, float] | None = None


def layout_key(context: RenderContext, guide: GuideView, layout: str) -> str:
    """The key of a guide's search: every input of the build (``context.inputs``: the
    project's files, careerdocs and its renderers), the guide and campus as the view
    shows them, and the layout; "" when the build has no such digest (no keeping)."""
    if not context.inputs:
        return ""
    return digest_bytes(context.inputs, layout, value_digest(guide),
                        value_digest(context.view.campus), value_digest(context.names))


def kept_attempt(key: str) -> Attempt | None:
    """The attempt that ended the last search of this key, if it is kept and readable."""
    data = read_entry(cache_dir(KEPT) / key) if key else None
    try:
        return _attempt(json.loads(data)) if data else None
    except (ValueError, TypeError, KeyError, AttributeError):
        return None  # not an attempt of this careerdocs: searched again, then replaced


def keep_attempt(key: str, attempt: Attempt) -> None:
    """Keep the attempt that ended the search of ``key`` (a cache that cannot be written
    only costs time)."""
    if key:
        write_entry(cache_dir(KEPT) / key, json.dumps(
            asdict(attempt), default=_listed, sort_keys=True).encode())
        prune(cache_dir(KEPT), MAX_KEPT)


def _listed(value: object) -> list[object]:
    if isinstance(value, frozenset):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} is not part of an attempt")


def _attempt(data: Any) -> Attempt:
    """An attempt read back from its JSON (any shape but this one raises)."""
    plan = dict(data["plan"])
    filler = plan.pop("filler")
    sets: dict[str, Any] = {name: frozenset(plan.pop(name)) for name in
                            ("tall", "long", "tight", "intros", "held")}
    loose = tuple((str(name), int(degree)) for name, degree in plan.pop("loose"))
    at = data["planned_at"]
    return Attempt(int(data["number"]),
                   Plan(place=MapPlace(**plan.pop("place")),
                        filler=Filler(**filler) if filler else None, loose=loose,
                        **sets, **plan),
                   frozenset(data["plain"]), (int(at[0]), float(at[1])) if at else None)
