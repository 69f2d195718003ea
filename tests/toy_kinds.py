"""Toy document kinds, each one module's worth of code, as a new engineer would add one."""

from __future__ import annotations

from generator.diagnostics import Problem
from generator.documents import Artifact, DocumentKind, Rendered
from generator.render.context import RenderContext
from generator.render.templating import render_template

POSTER_TEMPLATE = """<!DOCTYPE html>
<html lang="{{ doc.lang }}"><head><meta charset="utf-8"><title>{{ role.title }}</title>
<style>@page { size: A3; } p { font-family: Lato; font-size: 24pt; }
h1 { font-family: Lato; font-size: 60pt; color: {{ doc.campus.primary }}; }</style></head>
<body><h1>{{ role.title }}</h1><p>{{ role.hook | md }}</p>
<p>{{ _('Missions') }}: {{ role.missions | length }}</p></body></html>
"""


class Poster(DocumentKind):
    """A one-page A3 poster per role: its title and hook, for a classroom wall."""

    name = "poster"
    formats = ("pdf",)
    summary = "an A3 poster per role (PDF)"

    def declare(self, context: RenderContext) -> list[Artifact]:
        return [Artifact(f"poster-{role.id}.pdf", f"the poster of role '{role.id}'", role.id)
                for role in context.view.roles]

    def check(self, context: RenderContext) -> list[Problem]:
        return [p for role in context.view.roles for p in self._html(context, role.id)[1]]

    def render(self, context: RenderContext, artifact: Artifact) -> Rendered:
        from generator.render.pdf import print_html

        html, problems = self._html(context, artifact.subject)
        return print_html(html, context, "poster.html") if html else (None, problems)

    @staticmethod
    def _html(context: RenderContext, role_id: str) -> tuple[str | None, list[Problem]]:
        role = next(role for role in context.view.roles if role.id == role_id)
        return render_template(context.env, context.project, "poster.html", doc=context.view,
                               role=role)


class Squatter(DocumentKind):
    """A careless kind whose file name is the guide's."""

    name = "squatter"
    formats = ("pdf",)
    summary = "claims the guide's file"

    def declare(self, context: RenderContext) -> list[Artifact]:
        return [Artifact("guide-pm-vs-po.pdf", "the squatter's page")]

    def check(self, context: RenderContext) -> list[Problem]:
        return []

    def render(self, context: RenderContext, artifact: Artifact) -> Rendered:
        raise AssertionError("a file claimed twice must never be rendered")
