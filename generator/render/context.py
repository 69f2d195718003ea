"""What a document kind needs to render for one campus and one language.

A :class:`RenderContext` bundles the sandboxed Jinja environment (its theme
chain: campus folder, school theme, default), the view model, the gettext
catalogue, and the kinds' own options and campus settings (each kind reads its own
through :class:`~generator.documents.DocumentKind`). :class:`ContextCache` makes each once per
campus and language, for all the kinds of a build.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from gettext import NullTranslations
from pathlib import Path

from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

from ..i18n import load_translations
from ..load.content import Content
from ..load.schema import Campus, Role
from ..project import Project
from ..resolve.viewmodel import DocumentView, document_view
from ..themes import theme_chain
from .templating import make_environment


@dataclass(frozen=True)
class RenderContext:
    """What a kind needs for one campus and one language."""

    project: Project
    env: ImmutableSandboxedEnvironment
    view: DocumentView
    translations: NullTranslations
    theme: tuple[Path, ...]  # template folders, campus first
    # The kinds' own options as the build was given them (see DocumentKind.options),
    # and each kind's section of the campus file: read by the kinds through theirs.
    kind_options: Mapping[str, object] = field(default_factory=dict)
    kind_settings: Mapping[str, BaseModel] = field(default_factory=dict)
    role_settings: Mapping[str, Mapping[str, BaseModel]] = field(default_factory=dict)
    names: tuple[str, ...] = ()  # every role's titles: never hyphenated in running text
    # The digest of every file the build reads (pipeline/fingerprint.py project_digest),
    # a key for work kept between builds; "" when there is none (validate, compare).
    inputs: str = ""

    def theme_file(self, name: str) -> Path:
        """The first ``name`` found along the theme chain (campus, then default)."""
        return next((folder / name for folder in self.theme if (folder / name).is_file()),
                    self.theme[-1] / name)

    @property
    def logo(self) -> Path:
        return self.project.root / self.view.campus.logo


def sections(item: Campus | Role) -> dict[str, BaseModel]:
    """The sections kinds of document brought to a campus or role file, by kind."""
    base = Campus if isinstance(item, Campus) else Role
    return {name: value for name in type(item).model_fields if name not in base.model_fields
            and isinstance(value := getattr(item, name), BaseModel)}


class ContextCache:
    """Render contexts built once per campus and language, then reused."""

    def __init__(self, content: Content, kind_options: Mapping[str, object] | None = None,
                 inputs: str = ""):
        self.content, self.kind_options = content, dict(kind_options or {})
        self.inputs = inputs
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
        return RenderContext(project, env, view, translations, tuple(theme),
                             self.kind_options, sections(self.content.campuses[campus_id]),
                             self.role_sections, self.names, self.inputs)

    @cached_property
    def role_sections(self) -> dict[str, dict[str, BaseModel]]:
        """Each kind's sections of role files, by role id."""
        found: dict[str, dict[str, BaseModel]] = {}
        for role_id, role in self.content.roles.items():
            for kind, section in sections(role).items():
                found.setdefault(kind, {})[role_id] = section
        return found

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Job titles in every language: no hyphenation, whatever the text's language."""
        return tuple(sorted({text for role in self.content.roles.values()
                             for text in (*role.title.values(), *role.short_title.values())}))

    def all(self) -> Iterator[RenderContext]:
        for campus_id in sorted(self.content.campuses):
            for lang in self.content.languages:
                yield self.get(campus_id, lang)
