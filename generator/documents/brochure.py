"""The open-day brochure: ``brochure.html`` printed by WeasyPrint, one PDF per campus
and language."""

from __future__ import annotations

from ..diagnostics import Problem
from ..render.context import RenderContext
from ..render.templating import render_template
from .registry import Artifact, Rendered, register


class Brochure:
    """``brochure.pdf``: cover, contents, the school, one page per role, comparisons."""

    name = "brochure"
    formats: tuple[str, ...] = ("pdf",)
    summary = "the open-day brochure (PDF): every role and comparison of the campus"
    template = "brochure.html"

    def declare(self, context: RenderContext) -> list[Artifact]:
        return [Artifact("brochure.pdf", f"the brochure ({self.template})")]

    def check(self, context: RenderContext) -> list[Problem]:
        """Problems of the templates, found by rendering the HTML in memory only."""
        return render_template(context.env, context.project, self.template,
                               doc=context.view)[1]

    def render(self, context: RenderContext, artifact: Artifact) -> Rendered:
        from ..render.pdf import print_html  # WeasyPrint loads only when a PDF is printed

        html, problems = render_template(context.env, context.project, self.template,
                                         doc=context.view)
        if html is None:
            return None, problems
        return print_html(html, context, self.template)


register(Brochure())
