"""The kinds of document careerdocs makes, one small writer class each.

A writer turns the view model of one campus and language into one or more
files (name → bytes). Every writer reads the same
:class:`~generator.viewmodel.DocumentView`, so two documents never disagree on
a fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from gettext import NullTranslations
from pathlib import Path

from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import Problem
from .handout import HandoutBuilder
from .pdf import html_to_pdf
from .project import Project
from .templating import render_template
from .viewmodel import DocumentView

Outputs = dict[str, bytes]


@dataclass(frozen=True)
class RenderContext:
    """What a writer needs for one campus and one language."""

    project: Project
    env: ImmutableSandboxedEnvironment
    view: DocumentView
    translations: NullTranslations
    theme: tuple[Path, ...]  # template folders, campus first
    roles: tuple[str, ...] = ()  # only these roles; empty means all

    def theme_file(self, name: str) -> Path:
        """The first ``name`` found along the theme chain (campus, then default)."""
        return next((folder / name for folder in self.theme if (folder / name).is_file()),
                    self.theme[-1] / name)


class BrochureWriter:
    """The open-day brochure: HTML from ``brochure.html``, printed by WeasyPrint."""

    kind = "brochure"
    template = "brochure.html"

    def html(self, context: RenderContext) -> tuple[str | None, list[Problem]]:
        return render_template(context.env, context.project, self.template, doc=context.view)

    def render(self, context: RenderContext) -> tuple[Outputs, list[Problem]]:
        html, problems = self.html(context)
        if html is None:
            return {}, problems
        pdf, warnings = html_to_pdf(html, context.project)
        if warnings:
            origin = f"templates/…/{self.template}"
            return {}, [Problem(origin, None, None, f"PDF printer: {w}") for w in warnings]
        return {"brochure.pdf": pdf}, []


class HandoutWriter:
    """Editable classroom handouts, one DOCX per role, styled by ``reference.docx``."""

    kind = "handout"

    def render(self, context: RenderContext) -> tuple[Outputs, list[Problem]]:
        reference = context.theme_file("reference.docx")
        logo = context.project.root / context.view.campus.logo
        outputs: Outputs = {}
        for role in context.view.roles:
            if context.roles and role.id not in context.roles:
                continue
            builder = HandoutBuilder(reference, context.view, logo, context.translations.gettext)
            outputs[f"handout-{role.id}.docx"] = builder.build(role)
        return outputs, []


WRITERS = {writer.kind: writer for writer in (BrochureWriter(), HandoutWriter())}
