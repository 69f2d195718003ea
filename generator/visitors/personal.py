"""A visitor's own guide: the campus's guide with the roles they chose, the comparisons
between those roles, their name on the cover and their visit on the campus page.

What visitors share is laid out once: the guide of one campus, language and set of
roles is laid out as every guide is (:class:`~generator.documents.guide.GuideKind`,
its notes and spacing planned), for nobody in particular. For each visitor, only the
two pages that are theirs, the cover and the campus page, are laid out (a document of
two pages, the same stylesheets, parsed once), and put in the place of those; the PDF
is then written from those pages as from any layout: tagged, its fonts embedded. A
guide whose campus page flows with the text (a campus with more to say than a page) is
laid out whole for each visitor: slower, never wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..diagnostics import Kind, Problem
from ..documents._guide_plan import Plan
from ..documents.guide import GuideKind, _first_page
from ..render.context import RenderContext
from ..render.pdf import LaidOut, SharedStyles
from ..resolve.viewmodel import DocumentView, GuideView
from .rows import Visitor, campus_roles

CAMPUS_ANCHOR = "campus"
# What partials/visitor-cover.html and visitor-slot.html write: a campus's own cover or
# campus page that leaves them out is said so, not printed without the visitor's name.
NAMED, SLOT = 'class="cover-for"', 'visitor-slot"'


class VisitorGuide(GuideKind):
    """The guide kind's layout, for one visitor (not a kind of its own: the visitors
    command makes these, never a build). Its page count is even, not a multiple of 4:
    it is printed on both sides of sheets, not folded, and a visitor who chose one role
    would otherwise get pages of notes for a booklet nobody folds."""

    page_step = 2

    def __init__(self, visitor: Visitor, template: str = "guide.html", campus_page: int = 0):
        self.visitor, self.template, self.campus_page = visitor, template, campus_page

        self.plan: Plan | None = None  # the plan of its last layout

    def template_values(self) -> dict[str, Any]:
        return {"visitor": self.visitor, "campus_page": self.campus_page}

    def finished(self, made: LaidOut, plan: Plan, memo: tuple[str, ...]) -> LaidOut:  # type: ignore[override]
        """The layout, its plan kept: the visitors' own pages are set as it says (the
        spacing and type size chosen, a compact campus page)."""
        self.plan = plan
        return super().finished(made, plan, memo)


class BookletGuide(VisitorGuide):
    """A visitor's guide to be folded as a booklet (``--booklets``): a multiple of 4
    pages, as every guide."""

    page_step = 4


def kind_for(visitor: Visitor, booklets: bool, template: str = "guide.html",
             campus_page: int = 0) -> VisitorGuide:
    return (BookletGuide if booklets else VisitorGuide)(visitor, template, campus_page)


@dataclass
class Shared:
    """A guide laid out for the visitors who chose the same roles, and where its pages
    that are each visitor's own are."""

    laid_out: LaidOut
    plan: Plan
    campus: int | None  # the campus page's index; None when the campus flows in the text
    booklets: bool = False  # laid out to be folded: a multiple of 4 pages
    # The visitors' own pages share their stylesheets: parsed once for all of them.
    styles: SharedStyles = field(default_factory=SharedStyles)


def personal_guide(view: DocumentView, roles: tuple[str, ...]) -> GuideView:
    """The campus's guide with only ``roles`` (in its order) and the comparisons of
    those roles alone; its title and words are the guide's."""
    base = next((guide for guide in view.guides if set(roles) & {r.id for r in guide.roles}),
                view.guides[0] if view.guides else None)
    every = {role.id: role for role in campus_roles(view)}
    comparisons = tuple(c for c in view.comparisons if {r.id for r in c.roles} <= set(roles))
    chosen = tuple(every[role] for role in roles if role in every)
    if base is None:  # a campus with no guide: the school's words, its roles
        return GuideView("visitors-" + "-".join(roles), view.school.name, "", "", chosen,
                         comparisons, "the visitor's guide")
    return replace(base, id="visitors-" + "-".join(roles), roles=chosen,
                   comparisons=comparisons)


# The visitor the shared layout is made for: nobody (no name in it, so that its bytes and
# a visitor's PDF do not depend on who came first), with a visit (its campus page has
# the band a visitor's has; both pages are replaced by each visitor's own).
NOBODY = Visitor(0, "", "", "", (), slot="·")


def shared_layout(context: RenderContext, guide: GuideView, booklets: bool = False
                  ) -> tuple[Shared | None, list[Problem]]:
    """The guide laid out for nobody in particular, as every guide is (its search
    included): each visitor's cover and campus page take the place of its own."""
    kind = kind_for(NOBODY, booklets)
    laid_out, problems = kind.lay_out(context, guide, "screen")
    if laid_out is None or kind.plan is None:
        return None, problems
    flows = kind.plan.flows >= 2
    campus = None if flows else _first_page(laid_out.document, CAMPUS_ANCHOR)
    return Shared(laid_out, kind.plan, campus, booklets), []


def personal_pdf(context: RenderContext, guide: GuideView, shared: Shared, visitor: Visitor
                 ) -> tuple[bytes | None, list[Problem]]:
    """The visitor's guide: the shared pages, with their own cover and campus page."""
    from ..render.pdf import lay_out_styled, over_hyphenated

    if shared.campus is None:  # the campus flows with the text: the whole guide is theirs
        return _alone(context, guide, visitor, shared.booklets)
    kind = kind_for(visitor, shared.booklets, "visitor-pages.html", shared.campus + 1)
    html, problems = kind.html(context, guide, shared.plan)
    if html is None:
        return None, problems
    if NAMED not in html or (visitor.slot and SLOT not in html):
        return None, [_unnamed(context, NAMED not in html)]
    own = lay_out_styled(html, context.project, shared.styles)
    if own.warnings or len(own.document.pages) != 2 or over_hyphenated(own.document):
        return _alone(context, guide, visitor, shared.booklets)  # theirs do not fit
    pages = list(shared.laid_out.document.pages)
    pages[0], pages[shared.campus] = own.document.pages
    combined = replace(shared.laid_out, document=shared.laid_out.document.copy(pages),
                       html=shared.laid_out.html + html, warnings=[])
    return combined.write("screen"), []


def _unnamed(context: RenderContext, cover: bool) -> Problem:
    """A campus template that leaves out the visitor's name or visit, and what to add."""
    part, partial = (("cover", "visitor-cover") if cover else ("campus page", "visitor-slot"))
    file = context.project.display(context.theme_file("guide.html"))
    return Problem(file, None, None, (
        f"the guide's {part} does not show the visitor's "
        f"{'name' if cover else 'visit'}: add {{% if visitor is defined %}}{{% include "
        f"\"partials/{partial}.html\" %}}{{% endif %}} to its {part}"), kind=Kind.TEMPLATE)


def _alone(context: RenderContext, guide: GuideView, visitor: Visitor, booklets: bool
           ) -> tuple[bytes | None, list[Problem]]:
    """The visitor's guide laid out whole, for them alone."""
    laid_out, problems = kind_for(visitor, booklets).lay_out(context, guide, "screen")
    return (laid_out.write("screen"), []) if laid_out else (None, problems)
