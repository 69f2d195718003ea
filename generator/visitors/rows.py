"""The rows of an export read as visitors of the school: each one's name, language,
campus and roles, checked against the project's content, every problem at once.

A role is found by its id, its short title or its title in any language, a campus by
its id or its name, a language by its code or its name ("français", "English"). What
is not found is said with its row and what is known, never with the visitor's name.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale

from ..diagnostics import Kind, Problem
from ..render.context import ContextCache
from ..resolve.viewmodel import DocumentView, RoleView
from .export import Table, folded

SEPARATORS = re.compile(r"[,;|]")
PARTICLE = re.compile(r"(?<!\S)(de|du|des|d'|la|le|les|van|von|der|den|di|da|del|dos|ibn|bin|af)"
                      r" (?=\S)", re.IGNORECASE)


@dataclass(frozen=True)
class Visitor:
    """One registration, ready to be printed for: nothing of it is kept after a build."""

    row: int  # its line in the export (its row in the sheet), the only way it is named
    name: str  # as the cover writes it
    lang: str
    campus: str
    roles: tuple[str, ...]  # role ids, in the order the campus's guide shows them
    email: str = ""
    slot: str = ""

    @property
    def shown_name(self) -> str:
        """The name as the cover sets it: each particle ("de", "La", "van"…) bound by a
        no-break space to the word after it, so that a long name breaks between its
        parts, never inside "de La Rochefoucauld"."""
        return PARTICLE.sub(lambda found: found.group(1) + "\u00a0", self.name)


@dataclass(frozen=True)
class Defaults:
    """What a file without a campus or language column is for (``--campus``, ``--lang``)."""

    campus: str | None = None
    lang: str | None = None


def visitors(table: Table, contexts: ContextCache, defaults: Defaults
             ) -> tuple[list[Visitor], list[Problem]]:
    """Every row as a visitor, and every problem of every row."""
    school = _School(contexts)
    found: list[Visitor] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str], int] = {}
    for line, cells in table.rows:
        visitor, wrong = school.visitor(table.name, line, cells, defaults)
        if visitor is not None:
            key = (folded(visitor.name), visitor.email.casefold(), visitor.campus)
            if key in seen:
                wrong.append(_problem(table.name, line, "", (
                    f"the same visitor as row {seen[key]} (same name, e-mail and campus): "
                    "delete one of the two rows")))
            seen.setdefault(key, line)
        problems += wrong
        if visitor is not None and not wrong:
            found.append(visitor)
    return found, problems


class _School:
    """The campuses, languages and roles a row may name, found as people write them."""

    def __init__(self, contexts: ContextCache):
        content = contexts.content
        self.contexts = contexts
        self.languages = list(content.languages)
        self.campuses = list(content.campuses)
        self.campus_names = {folded(cid): cid for cid in self.campuses}
        self.language_names = {folded(code): code for code in self.languages}
        for code in self.languages:
            for other in [*self.languages, "en", "fr"]:
                name = Locale.parse(code).get_display_name(other) or code
                self.language_names.setdefault(folded(name), code)
        for cid in self.campuses:
            for lang in self.languages:
                self.campus_names.setdefault(folded(self.view(cid, lang).campus.name), cid)

    def view(self, campus: str, lang: str) -> DocumentView:
        return self.contexts.get(campus, lang).view

    def visitor(self, shown: str, line: int, cells: dict[str, str], defaults: Defaults
                ) -> tuple[Visitor | None, list[Problem]]:
        """The row's visitor (None when its campus or language is not the school's)."""
        problems: list[Problem] = []
        name = _name(cells)
        if not name:
            problems.append(_problem(shown, line, "name", (
                "missing: give a first and a last name, or a full name")))
        campus = self.campus(shown, line, cells.get("campus", "") or defaults.campus, problems)
        lang = self.language(shown, line, cells.get("language", "") or defaults.lang, problems)
        if campus is None or lang is None:
            return None, problems
        roles = self.roles(shown, line, cells.get("interests", ""), campus, lang, problems)
        if name:
            problems += self.unprintable(shown, line, name, campus, lang)
        return Visitor(line, name, lang, campus, roles, cells.get("email", ""),
                       cells.get("slot", "")), problems

    def campus(self, shown: str, line: int, given: str | None, problems: list[Problem]
               ) -> str | None:
        return _named(shown, line, "campus", given, self.campus_names, problems,
                      f"unknown campus \"{given}\" (known: {', '.join(self.campuses)})")

    def language(self, shown: str, line: int, given: str | None, problems: list[Problem]
                 ) -> str | None:
        return _named(shown, line, "language", given, self.language_names, problems,
                      f"\"{given}\" is not a language of the school "
                      f"({', '.join(self.languages)})")

    def roles(self, shown: str, line: int, given: str, campus: str, lang: str,
              problems: list[Problem]) -> tuple[str, ...]:
        """The roles named, in the order of the campus's guide; each one not found said."""
        shown_roles = campus_roles(self.view(campus, lang))
        names = _role_names(self.contexts, campus, tuple(self.languages))
        wanted = [part.strip() for part in SEPARATORS.split(given) if part.strip()]
        if not wanted:
            problems.append(_problem(shown, line, "interests", (
                "no role given: name at least one (" + ", ".join(r.id for r in shown_roles)
                + ")")))
        chosen = set()
        for text in wanted:
            found = names.get(folded(text))
            if found is None:
                problems.append(_problem(shown, line, "interests", _unknown_role(
                    text, names, [role.id for role in shown_roles])))
            if found is not None:
                chosen.add(found)
        return tuple(role.id for role in shown_roles if role.id in chosen)

    def unprintable(self, shown: str, line: int, name: str, campus: str, lang: str
                    ) -> list[Problem]:
        """The characters of a name that the campus's fonts cannot print (by code, never
        the name itself)."""
        faces = self.view(campus, lang).campus.font_faces
        covered = _covered(self.contexts.content.project.root,
                           tuple(sorted({face.url for face in faces})))
        lacking = sorted({char for char in name if not char.isspace() and ord(char) not in
                          covered})
        if not lacking:
            return []
        codes = ", ".join(f"U+{ord(char):04X}" for char in lacking[:5])
        return [_problem(shown, line, "name", (
            f"has characters the guide's fonts cannot print ({codes}): write the name in "
            "Latin letters, or add a font that has them (brand: fonts:)"))]


OPTION = {"campus": "--campus", "language": "--lang"}


def _named(shown: str, line: int, field: str, given: str | None, names: dict[str, str],
           problems: list[Problem], unknown: str) -> str | None:
    """What a cell names (a campus, a language) as the school knows it; None, with the
    problem said, when the cell is empty or names nothing the school has."""
    if not given:
        problems.append(_problem(shown, line, field, (
            f"missing: add a {field} column, or give {OPTION[field]} for the whole file")))
        return None
    found = names.get(folded(given))
    if found is None:
        problems.append(_problem(shown, line, field, unknown))
    return found


def campus_roles(view: DocumentView) -> list[RoleView]:
    """The roles a campus shows, in the order of its guides, then of its handouts."""
    found: dict[str, RoleView] = {}
    for guide in view.guides:
        found.update({role.id: role for role in guide.roles if role.id not in found})
    found.update({role.id: role for role in view.roles if role.id not in found})
    return list(found.values())


@cache
def _role_names_of(view_roles: tuple[tuple[str, str, str], ...]) -> dict[str, str]:
    names: dict[str, str] = {}
    for role_id, short, title in view_roles:
        for text in (role_id, short, title):
            names.setdefault(folded(text), role_id)
    return names


def _role_names(contexts: ContextCache, campus: str, languages: tuple[str, ...]
                ) -> dict[str, str]:
    """Every name a role of the campus goes by, in every language, folded → its id."""
    roles = tuple((role.id, role.short_title, role.title) for lang in languages
                  for role in campus_roles(contexts.get(campus, lang).view))
    return _role_names_of(roles)


def _unknown_role(text: str, names: dict[str, str], known: list[str]) -> str:
    close = difflib.get_close_matches(folded(text), list(names), n=1, cutoff=0.6)
    hint = f"; did you mean {names[close[0]]}?" if close else ""
    shown = ", ".join(known[:8]) + (", …" if len(known) > 8 else "")
    return f"unknown role \"{text}\" (known: {shown}){hint}"


def _name(cells: dict[str, str]) -> str:
    """The name as the cover writes it: the full name, or the first and the last."""
    full = " ".join(cells.get("full_name", "").split())
    parts = [cells.get("first_name", ""), cells.get("last_name", "")]
    return full or " ".join(" ".join(part.split()) for part in parts if part.strip())


@cache
def _covered(root: Path, urls: tuple[str, ...]) -> frozenset[int]:
    """The characters every one of these font files has (a name is set in several)."""
    from fontTools.ttLib import TTFont  # only to check the names of an export

    maps = [set(TTFont(root / url, lazy=True).getBestCmap()) for url in urls]
    return frozenset(set.intersection(*maps)) if maps else frozenset()


def _problem(shown: str, line: int, where: str, message: str) -> Problem:
    return Problem(shown, line, None, message, where=where, kind=Kind.COMMAND)
