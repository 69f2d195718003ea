"""The kinds of document careerdocs makes, one small writer class each.

A writer turns the view model of one campus and language into the bytes of
one file. Every writer reads the same :class:`~generator.viewmodel.DocumentView`,
so two documents never disagree on a fact.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import Problem
from .pdf import html_to_pdf
from .project import Project
from .templating import render_template
from .viewmodel import DocumentView


@dataclass(frozen=True)
class RenderContext:
    """What a writer needs for one campus and one language."""

    project: Project
    env: ImmutableSandboxedEnvironment
    view: DocumentView


class BrochureWriter:
    """The open-day brochure: HTML from ``brochure.html``, printed by WeasyPrint."""

    kind = "brochure"
    extension = "pdf"
    template = "brochure.html"

    def html(self, context: RenderContext) -> tuple[str | None, list[Problem]]:
        return render_template(context.env, context.project, self.template, doc=context.view)

    def render(self, context: RenderContext) -> tuple[bytes | None, list[Problem]]:
        html, problems = self.html(context)
        if html is None:
            return None, problems
        pdf, warnings = html_to_pdf(html, context.project)
        if warnings:
            origin = f"templates/…/{self.template}"
            return None, [Problem(origin, None, None, f"PDF printer: {w}") for w in warnings]
        return pdf, []


WRITERS = {writer.kind: writer for writer in (BrochureWriter(),)}
