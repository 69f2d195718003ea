"""``describe``: what the content defines and which kinds of document exist, for
``careerdocs list``."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Diagnostics
from ..documents import all_kinds
from ..project import Project
from .check import load_checked


@dataclass(frozen=True)
class Inventory:
    """Ids and titles of everything a build can make."""

    roles: dict[str, str]
    comparisons: dict[str, str]
    campuses: dict[str, str]
    languages: list[str]
    documents: dict[str, str]  # kind → what it makes


def describe(project: Project) -> Inventory:
    """Roles, comparisons, campuses, languages and document kinds, with their titles."""
    content = load_checked(project, Diagnostics(allow_missing=True))
    lang = content.languages[0]
    return Inventory(
        roles={rid: role.title[lang] for rid, role in content.roles.items()},
        comparisons={cid: comp.title[lang] for cid, comp in content.comparisons.items()},
        campuses={cid: campus.name[lang] for cid, campus in sorted(content.campuses.items())},
        languages=content.languages,
        documents={kind.name: kind.summary + ("" if kind.origin == "careerdocs"
                                              else f" (from {kind.origin})")
                   for kind in all_kinds()},
    )
