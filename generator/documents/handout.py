"""The classroom handout: one editable DOCX per role, made with python-docx.

It reads the same view model as the guides and takes every style from the
theme's ``reference.docx`` (see :mod:`generator.render.docx.builder`).
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import TYPE_CHECKING

from ..diagnostics import Problem, unknown
from ..render.docx.reference_check import reference_problems
from .registry import Artifact, DocumentKind, KindOption, OptionValue, Rendered

if TYPE_CHECKING:
    from ..load.content import Content
    from ..render.context import RenderContext


class Handout(DocumentKind):
    """``handout-ROLE.docx``: one editable Word handout per role the campus prints."""

    name = "handout"
    formats = ("docx",)
    summary = "classroom handouts (Word), one per role"
    position = 1
    options = (KindOption("--role", name="roles", multiple=True, metavar="ID", keyed=False,
                          partial=True, help="Handouts only for this role, e.g. po (repeat "
                                             "for several)."),)

    def declare(self, context: RenderContext) -> list[Artifact]:
        only = self.option_values(context)["roles"]
        return [Artifact(f"handout-{role.id}.docx", f"the handout of role '{role.id}'", role.id)
                for role in context.view.roles if not only or role.id in only]

    def option_problems(self, content: Content,
                        values: Mapping[str, OptionValue]) -> list[Problem]:
        return unknown("role", values["roles"] or (), content.roles)

    def only(self, subject: str) -> dict[str, OptionValue]:
        return {"roles": (subject,)}

    def inputs(self, context: RenderContext, artifact: Artifact) -> object:
        """The role, and the comparisons it is in (the handout points to them)."""
        role = next(role for role in context.view.roles if role.id == artifact.subject)
        return role, context.view.comparisons_with(role.id)

    def prepare(self) -> None:
        import_module("generator.documents._handout_word")

    def check(self, context: RenderContext) -> list[Problem]:
        return reference_problems(context)

    def render(self, context: RenderContext, artifact: Artifact) -> Rendered:
        if problems := reference_problems(context):
            return None, problems
        from ._handout_word import HandoutBuilder  # python-docx: only to print

        role = next(role for role in context.view.roles if role.id == artifact.subject)
        builder = HandoutBuilder(context)
        return builder.build(role), builder.warnings

