"""What a document kind needs to render for one campus and one language.

A :class:`RenderContext` bundles the sandboxed Jinja environment (its theme
chain: campus folder, school theme, default), the view model, the gettext
catalogue and the roles asked for. :class:`ContextCache` makes each once per
campus and language, for all the kinds of a build.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from gettext import NullTranslations
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..i18n import load_translations
from ..load.content import Content
from ..project import Project
from ..resolve.viewmodel import DocumentView, document_view
from ..themes import campus_templates_dir, theme_chain
from .profiles import PROFILES
from .reads import read_project_file
from .templating import make_environment

if TYPE_CHECKING:
    from .finishing import Imposition
    from .press import Press


@dataclass(frozen=True)
class RenderContext:
    """What a kind needs for one campus and one language."""

    project: Project
    env: ImmutableSandboxedEnvironment
    view: DocumentView
    translations: NullTranslations
    theme: tuple[Path, ...]  # template folders, campus first
    roles: tuple[str, ...] = ()  # only these roles; empty means all
    profiles: tuple[str, ...] = ()  # print profiles asked on the command line
    names: tuple[str, ...] = ()  # every role's titles: never hyphenated in running text
    # What one document's rendering found that another of the same context reuses
    # (the type size a one-pager's PDF fits at, which its DOCX takes).
    memo: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    def theme_file(self, name: str) -> Path:
        """The first ``name`` found along the theme chain (campus, then default)."""
        return next((folder / name for folder in self.theme if (folder / name).is_file()),
                    self.theme[-1] / name)

    @property
    def reference_docx(self) -> Path:
        """The Word reference document of this campus's theme chain."""
        return self.theme_file("reference.docx")

    @property
    def brands_word_styles(self) -> bool:
        """Whether Word styles take the campus's brand tokens: not when the campus has
        its own reference.docx, which keeps the styles set in Word."""
        own = campus_templates_dir(self.project, self.view.campus.id)
        return self.reference_docx.parent != own

    @property
    def guide_profiles(self) -> tuple[str, ...]:
        """Screen always, then the print profiles the campus or the command asks for."""
        asked = {*self.view.campus.profiles, *self.profiles}
        return tuple(name for name in PROFILES if name == "screen" or name in asked)

    @property
    def logo(self) -> Path:
        return self.project.root / self.view.campus.logo

    def imposition(self) -> Imposition:
        """How the booklet goes on the school printer's sheets."""
        from .finishing import Imposition  # pikepdf: only to print

        campus = self.view.campus
        return Imposition(campus.booklet_sheet, campus.booklet_margin_mm)

    def press(self) -> Press:
        """The print shop's press the print guide is made for (its profile read, and
        noted as read, so that a new profile makes the print guide again)."""
        from .press import Press  # Pillow's colour engine: only for print guides

        press = self.view.campus.press
        if not press.icc:
            return Press.default(press.ink_limit)
        return Press(read_project_file(self.project.root, press.icc), press.condition,
                     press.ink_limit)


class ContextCache:
    """Render contexts built once per campus and language, then reused."""

    def __init__(self, content: Content, roles: tuple[str, ...] = (),
                 profiles: tuple[str, ...] = ()):
        self.content, self.roles, self.profiles = content, roles, profiles
        self._cache: dict[tuple[str, str], RenderContext] = {}

    def get(self, campus_id: str, lang: str) -> RenderContext:
        key = (campus_id, lang)
        if key not in self._cache:
            self._cache[key] = self._make(campus_id, lang)
        return self._cache[key]

    def _make(self, campus_id: str, lang: str) -> RenderContext:
        project = self.content.project
        translations = load_translations(project, lang)
        theme = theme_chain(project, campus_id, self.content.theme_of(campus_id))
        env = make_environment(project, theme, translations, self.names)
        view = document_view(self.content, campus_id, lang, translations)
        return RenderContext(project, env, view, translations, tuple(theme), self.roles,
                             self.profiles, self.names)

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Job titles in every language: no hyphenation, whatever the text's language."""
        return tuple(sorted({text for role in self.content.roles.values()
                             for text in (*role.title.values(), *role.short_title.values())}))

    def all(self) -> Iterator[RenderContext]:
        for campus_id in sorted(self.content.campuses):
            for lang in self.content.languages:
                yield self.get(campus_id, lang)
