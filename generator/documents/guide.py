"""Guides: one PDF per file of ``content/guides/``, printed from ``guide.html``.

Between its covers a guide flows from page to page, so no page is left half empty
by a part that happens to end early. It is laid out more than once:

1. the first layout measures the comparison rows: a row never splits across pages,
   unless it is taller than a fifth of a page, when keeping it whole (with its
   table's heading, for a first row) could leave half a page empty. Those rows may
   then break between lines, and the guide is laid out again;
2. the first layout also shows where the career map would leave a page half empty
   (a picture cannot break across pages, it moves to the next one): the map then moves
   to another part boundary where the page has room for it, or where the page it
   leaves is nearly full, or else it shrinks a little to fit (see ``place_map``);
3. the campus has a page of its own before the back cover, its panel at the foot; a
   campus that says more than that page holds is made compact, or else its part goes
   with the text, before the notes (``campus_overflows``);
4. a part that ends on a page left short, the next part not fitting there, is set
   looser, by up to 3 degrees, so that it fills that page or runs over, or else a part
   before it, which pushes it down (``short_sections``); one whose looser lines leave a
   short page inside it is set back;
5. when the page count would take more than one page of notes to reach a multiple of
   4, the spacing is loosened (one page of text more) or tightened (one less), at
   most 30 % (``RHYTHMS``), and the map placed again on that layout;
6. the last layout adds ruled notes lines that fill the rest of the page where the
   text ends, and whole pages of notes until the page count is a multiple of 4, so
   that a print shop can fold and staple it as a booklet. No page is ever blank.
"""

from __future__ import annotations

import gc
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from importlib import import_module
from itertools import pairwise
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import unquote

from ..diagnostics import Kind, Problem
from ..limits import MAX_PAGES
from ..memory import Kept, kept
from ..render.boxes import page_box
from ..render.context import RenderContext
from ..render.profiles import PROFILES, SUFFIXES, layout_of, profile_of
from ..render.reads import read_project_file
from ..render.templating import render_template
from ..resolve.viewmodel import CampusView, GuideView
from ._guide_plan import (
    Attempt,
    Filler,
    MapPlace,
    Plan,
    keep_attempt,
    kept_attempt,
    layout_key,
)
from .registry import Artifact, DocumentKind, KindOption, Rendered

if TYPE_CHECKING:
    from weasyprint.document import Document

    from ..render.finishing import Imposition
    from ..render.pdf import LaidOut
    from ..render.press import Press

PX_TO_MM = 25.4 / 96  # WeasyPrint measures in CSS pixels
NOTES_TITLE_MM = 10.0  # .notes-title in guide.css
NOTES_TAIL_GAP_MM = 6.0  # .notes-tail margin-top in guide.css
SAFETY_MM = 2.0
MIN_TAIL_LINES = 3  # fewer lines than this on the last page: not worth a "Notes" title
FLOW_END = "flow-end"  # the anchor guide.html places where the text ends
ROW_PREFIX = "row-"  # ids of comparison rows (partials/compare-table.html)
TALL_ROW = 0.2  # a row taller than this share of a page may break between lines
# A shorter first row is not cut to start its comparison earlier: the layout check allows
# a cut row whose text is 15 % of a page (the row's padding and label add up to 4 %).
BREAKABLE_ROW = 0.19
LONG_ROW = 0.4  # three boxes of key facts taller than this share go two a row
FACTS_PREFIX = "row-facts-"  # ids of the rows of key facts (partials/role.html)
FACTS_GAP_MM = 3.0  # the white border under a row of key facts (.facts-cell, guide.css)
MAX_LAYOUTS = 10
FROZEN_LAYOUTS = 2  # the last layouts, where only the notes may still change
CAUTIOUS_FROM = 4  # from this layout on, notes lines on the last page are fewer
CAUTIOUS_SHARE = 0.75
MAP = "career-map"  # ids of partials/career-map.html: the section and its picture
MAP_PICTURE = "career-map-picture"
MAP_SLOT = "map-slot-"  # guide.html's anchors where the map may go: before each role
WHY = "why"  # the id of the box that says why the guide was made (partials/school.html)
ROLE_PREFIX = "role-"  # ids of the roles' sections (partials/role.html)
COMPARISON_PREFIX = "comparison-"  # ids of the comparisons' sections (partials/comparison.html)
SECTION_MARGIN_MM = 9.0  # .role, .comparison margin-top in guide.css (none at a page's top)
FIRST_LINES_MM = 12.0  # a table cell's padding and first two lines
MAP_MARGIN_MM = 9.0  # .career-map margin-top in guide.css
SHORT_FILL = 0.63  # a page of text filled less than this (by its boxes) is set looser
OPENING_ROOM = 1 - SHORT_FILL  # this much room before a role or comparison: it starts there
MAX_LOOSE = 3  # degrees of looseness (guide.css: 0.06 more line height each)…
LOOSE_GAIN = 0.04  # …which makes a section about 4 % taller
LOOSE_MARGIN = 0.03  # a section set looser aims at this much more than SHORT_FILL
SCHOOL = "school"  # the id of the school's section (partials/school.html)
# What an id set looser may be (guide.css writes it into a selector): the roles' and
# comparisons' ids are such slugs; an id of a campus's own template may not be.
SECTION_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
MAX_GAP = 0.25  # the map may leave this share of a page empty before it, no more
MIN_MAP_SCALE = 0.8  # smaller, its 9 pt titles would print under 7.2 pt


@dataclass(frozen=True)
class Findings:
    """What one layout shows that the next should be made for."""

    tall: frozenset[str] = frozenset()  # rows too tall to move whole, pushed openings
    intros: frozenset[str] = frozenset()  # roles (and the "why" box) pushed whole
    loose: tuple[tuple[str, int], ...] = ()  # sections set looser, and how much
    held: frozenset[str] = frozenset()  # sections never to be set looser again
    long: frozenset[str] = frozenset()
    tight: frozenset[str] = frozenset()  # rows of key facts pushed by their gap only
    overflows: bool = False  # the campus's part is longer than its page


def measure(document: Document, plan: Plan) -> Findings:
    """What a layout made with ``plan`` shows, added to what the plan already knew."""
    loose, held = loosened(plan.loose, plan.held,
                           short_sections(document, dict(plan.loose), plan.held))
    return Findings(
        tall=plan.tall | tall_rows(document) | pushed_openings(document, plan.rhythm),
        intros=plan.intros | pushed_roles(document),
        loose=loose, held=held,
        long=plan.long | long_rows(document),
        tight=plan.tight | pushed_by_their_gap(document, plan.rhythm),
        overflows=plan.flows < CAMPUS_FLOWS and campus_overflows(document))


def remeasured(plan: Plan, found: Findings) -> tuple[Plan, bool]:
    """The plan of the next layout, and whether this one found nothing new (it is
    settled: the map, the spacing and the notes may then be chosen on it)."""
    settled = (found.tall, found.long, found.tight, found.intros, found.loose,
               found.held) == (plan.tall, plan.long, plan.tight, plan.intros, plan.loose,
                               plan.held) \
        and not found.overflows
    return replace(plan, tall=found.tall, long=found.long, tight=found.tight,
                   intros=found.intros, loose=found.loose,
                   held=found.held,
                   flows=plan.flows + found.overflows), settled


def mapped(document: Document, plan: Plan, next_plan: Plan, roles: int) -> tuple[Plan, Plan]:
    """The map's place chosen on a settled layout (then the spacing), once its tall rows
    and campus page are known (rows made breakable move the text): what comes before
    the roles' end does not move with the notes. This layout's plan, and the next's."""
    place = place_map(document, plan.place, roles, plan.rhythm)
    return (replace(plan, mapped=place == plan.place),  # this layout stands
            replace(next_plan, place=place, mapped=place.measured))


def is_final(settled: bool, plan: Plan, next_plan: Plan, notes_known: bool,
             pages: int, step: int = 4) -> bool:
    """Whether a layout is the guide: nothing new found, nothing to change for the next
    layout, its notes planned on this very text (``notes_known``), and a page count a
    booklet can be folded from (a multiple of ``step``)."""
    return settled and next_plan == plan and notes_known and pages % step == 0


# Spacings tried, in order, for a guide whose usual spacing needs 2 or 3 pages of notes:
# 2 are saved by one more page of text (looser), 3 by one page less (tighter).
RHYTHMS = {2: (1.15, 1.3, 0.85), 3: (0.88, 0.8, 1.3)}
# A guide too short for any spacing to reach its page count (a role or two, 2 or 3 pages
# of notes to come) is set a little larger: (spacing, type size) tried in order.
LARGER = ((1.15, 1.05), (1.3, 1.05), (1.15, 1.1), (1.3, 1.1), (1.3, 1.15))
SPACING_ROUNDS = 2


class GuideKind(DocumentKind):
    """``guide-ID.pdf``: cover, contents, the school, its roles and comparisons, the campus."""

    name = "guide"
    formats = ("pdf",)
    summary = "a printed guide (PDF) per file of content/guides/: roles, comparisons, campus"
    cost = 0  # started first: it takes the longest
    position = 0
    template = "guide.html"
    page_step: ClassVar[int] = 4  # its page count is a multiple of this: booklets fold 4
    options = (KindOption(
        "--profile", name="profiles", multiple=True, choices=PROFILES, keyed=False,
        help="Guides also for a print shop (print: guide-ID.print.pdf, PDF/X-4 in the CMYK "
             "of the campus's print: settings, with bleed and crop marks) or the school's "
             "duplex printer (booklet: guide-ID.booklet.pdf). The screen guide "
             "(guide-ID.pdf) is always made. Default: the campus's profiles."),)

    def profiles(self, context: RenderContext) -> tuple[str, ...]:
        """Screen always, then the print profiles the campus or the command asks for."""
        asked = {*context.view.campus.profiles, *(self.option_values(context)["profiles"] or ())}
        return tuple(name for name in PROFILES if name == "screen" or name in asked)

    def declare(self, context: RenderContext) -> list[Artifact]:
        return [Artifact(f"guide-{guide.id}{SUFFIXES[profile]}",
                         f"the guide '{guide.id}' ({guide.source})"
                         + ("" if profile == "screen" else f", {profile} profile"), guide.id)
                for guide in context.view.guides for profile in self.profiles(context)]

    def inputs(self, context: RenderContext, artifact: Artifact) -> object:
        """What a guide is made from, besides its campus and language: the guide, with its
        roles and comparisons (for the build cache)."""
        return next(g for g in context.view.guides if g.id == artifact.subject)

    def prepare(self) -> None:
        import_module("generator.render.pdf")

    def check(self, context: RenderContext) -> list[Problem]:
        """Problems of the templates, found by rendering the HTML in memory only."""
        return [problem for guide in context.view.guides
                for problem in self.html(context, guide)[1]]

    def html(self, context: RenderContext, guide: GuideView, plan: Plan | None = None,
             profile: str = "screen") -> tuple[str | None, list[Problem]]:
        plan = plan or Plan(place=MapPlace(len(guide.roles)))
        return render_template(context.env, context.project, self.template, doc=context.view,
                               guide=guide, filler=plan.filler, tall_rows=plan.tall,
                               long_rows=plan.long, tight_rows=plan.tight,
                               broken_intros=plan.intros,
                               loose_sections=plan.loose,
                               profile=profile,
                               map_at=plan.place.at, map_scale=plan.place.scale,
                               campus_flows=plan.flows,
                               rhythm=plan.rhythm, type_size=plan.size,
                               **self.template_values())

    def template_values(self) -> dict[str, Any]:
        """What a guide made from this kind's template shows besides the campus's view
        (a visitor's guide: who it is for, see :mod:`generator.visitors`)."""
        return {}

    def render(self, context: RenderContext, artifact: Artifact) -> Rendered:
        return next(self.render_all(context, [artifact]))

    def render_all(self, context: RenderContext,
                   artifacts: Sequence[Artifact]) -> Iterator[Rendered]:
        """The guide's files: the booklet imposes the very pages of the screen guide, so
        each layout is made once for the files that print it, and dropped after the
        last of them."""
        guide = next(g for g in context.view.guides if g.id == artifacts[0].subject)
        left = Counter(layout_of(profile_of(artifact.name)) for artifact in artifacts)
        layouts: dict[str, tuple[LaidOut | None, list[Problem]]] = {}
        for artifact in artifacts:
            profile = profile_of(artifact.name)
            layout = layout_of(profile)
            if layout not in layouts:
                layouts[layout] = self.lay_out(context, guide, layout)
            laid_out, problems = layouts[layout]
            left[layout] -= 1
            if not left[layout]:
                del layouts[layout]
            yield self.written(context, laid_out, artifact) if laid_out else (None, problems)

    def written(self, context: RenderContext, laid_out: LaidOut, artifact: Artifact) -> Rendered:
        """One profile's file of a laid-out guide."""
        from ..render.pdf import printer_problems  # WeasyPrint: only to print

        profile = profile_of(artifact.name)
        pdf = laid_out.write(profile, press(context) if profile == "print" else None,
                             imposition(context))
        if pdf is None:
            return None, printer_problems(context, self.template, laid_out.warnings)
        if profile == "booklet":  # the very pages of the print guide, warned about there
            return pdf, []
        return pdf, coarse_picture_warnings(laid_out, artifact, profile)

    def lay_out(self, context: RenderContext, guide: GuideView,
                profile: str) -> tuple[LaidOut | None, list[Problem]]:
        """The guide laid out in pages, its notes and spacing planned so the page count
        is a multiple of 4; or the problems that prevent it. The attempt that ended the
        last search on the same inputs is tried first (see :mod:`._guide_plan`)."""
        memo = (str(context.project.root), context.view.campus.id, context.view.lang,
                guide.id, layout_of(profile))
        kept_key = layout_key(context, guide, layout_of(profile))
        if (kept := kept_attempt(kept_key)) is not None:
            laid_out, _problems, following, plan = self.attempted(context, guide, profile, kept)
            if laid_out is not None and following is None:
                return self.finished(laid_out, plan, memo), []
            del laid_out  # a stale entry: searched from the start, as if there were none
        # The notes of this guide's last layout in this process (the preview makes the same
        # guide again and again): only a guess, checked on the first layout like any plan.
        attempt = Attempt(0, Plan(place=MapPlace(len(guide.roles)),
                                  filler=last_notes().get(memo)))
        while True:
            laid_out, problems, following, plan = self.attempted(context, guide, profile,
                                                                 attempt)
            if laid_out is None:
                return None, problems
            if following is None:  # the notes were planned on this very layout of the text
                keep_attempt(kept_key, attempt)
                return self.finished(laid_out, plan, memo), []
            if following.number == MAX_LAYOUTS:
                return self.finished(laid_out, plan, memo), []
            # One layout in memory at a time: a long guide's pages weigh tens of MB.
            del laid_out
            gc.collect()
            attempt = following

    def attempted(self, context: RenderContext, guide: GuideView, profile: str,
                  attempt: Attempt) -> tuple[LaidOut | None, list[Problem], Attempt | None,
                                             Plan]:
        """One layout of the search, as ``attempt`` says: the layout (or the problems that
        prevent it), the next attempt (None: this layout is the guide) and the plan this
        layout stands for."""
        plan, campus = attempt.plan, context.view.campus
        laid_out, problems = self.laid_out(context, guide, plan, profile, attempt.plain)
        if laid_out is None:
            return None, problems, None, plan
        next_plan, settled = remeasured(plan, measure(laid_out.document, plan))
        # The last layouts keep the map and the spacing where they are: the notes of the
        # last one are planned on a layout of the same text (else they could overflow
        # their page, or be missing).
        frozen = attempt.number >= MAX_LAYOUTS - FROZEN_LAYOUTS
        if settled and not plan.mapped and not frozen:
            plan, next_plan = mapped(laid_out.document, plan, next_plan, len(guide.roles))
        trial = False
        if settled and plan.mapped and plan.spacings < SPACING_ROUNDS and not frozen:
            laid_out, plan, next_plan, trial = self.respaced(context, guide, plan, next_plan,
                                                             profile, laid_out)
        document = laid_out.document
        ends_at = flow_end(document)
        guessed = attempt.number == 0 and plan.filler == plan_filler(document, campus,
                                                                     step=self.page_step)
        if is_final(settled and not trial, plan, next_plan,
                    ends_at == attempt.planned_at or guessed, len(document.pages),
                    self.page_step):
            return laid_out, [], None, plan
        # Rows found tall are made breakable, and the notes planned on this layout; if
        # breaking those rows or moving the map moves the text, the next layout plans again.
        filler = plan_filler(document, campus, cautious=attempt.number >= CAUTIOUS_FROM,
                             step=self.page_step)
        following = Attempt(attempt.number + 1, replace(next_plan, filler=filler),
                            laid_out.plain, ends_at)
        return laid_out, [], following, following.plan

    @staticmethod
    def finished(made: LaidOut, plan: Plan, memo: tuple[str, ...]) -> LaidOut:
        """The guide's layout, its notes kept as the next guess of this process: only where
        the text's end is marked (without the mark, where the text ends is guessed from
        the page count, which the notes change), and at the usual spacing (another is
        chosen from a layout at the usual spacing, which a guess would skip)."""
        if plan.filler is not None and plan.rhythm == 1.0 and plan.size == 1.0 and any(
                FLOW_END in page.anchors for page in made.document.pages):
            last_notes().put(memo, plan.filler)
        return made

    def respaced(self, context: RenderContext, guide: GuideView, plan: Plan, next_plan: Plan,
                 profile: str, laid_out: LaidOut) -> tuple[LaidOut, Plan, Plan, bool]:
        """The spacing chosen on a layout whose map is placed: a map placed anew after a
        new spacing may undo what the spacing did, so the spacing is chosen once more, on
        the layout with the map placed. The layout to go on with, its plan, the next
        plan, and whether that layout is a trial (its rows are yet to be measured)."""
        spaced = self.spaced(context, guide, plan, profile, laid_out)
        trial = spaced is not None
        if spaced is not None:  # a layout whose map is placed anew
            laid_out, plan = spaced
        rounds = plan.spacings + 1 if trial else SPACING_ROUNDS
        plan = replace(plan, spacings=rounds)
        next_plan = replace(next_plan, rhythm=plan.rhythm, size=plan.size, spacings=rounds,
                            mapped=not trial)
        return laid_out, plan, next_plan, trial

    def laid_out(self, context: RenderContext, guide: GuideView, plan: Plan, profile: str,
                 plain: frozenset[str] = frozenset()) -> tuple[LaidOut | None, list[Problem]]:
        """One layout of the guide as ``plan`` says, or the problems that prevent it;
        ``plain``: the paragraphs an earlier layout set without hyphens (each layout would
        otherwise be made twice, to find them again)."""
        from ..render.pdf import TooManyPages, lay_out, printer_problems  # only to print

        html, problems = self.html(context, guide, plan, profile)
        if html is None:
            return None, problems
        try:
            laid_out = lay_out(html, context.project, plain)
        except TooManyPages:  # stopped as it reached the limit
            return None, [self.too_long(context, guide, MAX_PAGES + 1)]
        if laid_out.warnings:
            return None, printer_problems(context, self.template, laid_out.warnings)
        if len(laid_out.document.pages) > MAX_PAGES:
            return None, [self.too_long(context, guide, len(laid_out.document.pages))]
        return laid_out, []

    def spaced(self, context: RenderContext, guide: GuideView, plan: Plan, profile: str,
               usual: LaidOut) -> tuple[LaidOut, Plan] | None:
        """A layout at another spacing, when the usual one needs more than one page of
        notes to make the page count a multiple of 4: looser to add a page of text, or
        tighter to save one; for a guide still short, larger type too; None when the
        usual spacing is best."""
        notes = plan_filler(usual.document, context.view.campus, step=self.page_step).pages
        trials = [replace(plan, rhythm=rhythm) for rhythm in RHYTHMS.get(notes, ())
                  if rhythm != plan.rhythm]
        if notes >= 2 and plan.size == 1.0:
            trials += [replace(plan, rhythm=rhythm, size=size) for rhythm, size in LARGER]
        for trial in trials:
            laid_out, _problems = self.laid_out(context, guide, trial, profile, usual.plain)
            if laid_out is not None and \
                    plan_filler(laid_out.document, context.view.campus,
                                step=self.page_step).pages <= 1:
                return laid_out, trial
            del laid_out
        return None

    def too_long(self, context: RenderContext, guide: GuideView, pages: int) -> Problem:
        return Problem(context.project.display(context.theme_file(self.template)), None, None, (
            f"the guide '{guide.id}' would have more than {MAX_PAGES} pages (laying it out "
            f"stopped at page {pages}): shorten its texts, split it into several guides, or "
            "check that no template makes pages without end"))


def last_notes() -> Kept[tuple[str, ...], Filler]:
    """The notes of each guide's last layout in this process. What precedes the notes
    never depends on them: a first layout made with the notes of the last one is the
    very layout a first layout without them would have led to, when those notes are the
    ones it plans. Same input, same bytes, one layout fewer."""
    return kept("guide notes", 64)


def imposition(context: RenderContext) -> Imposition:
    """How the booklet goes on the school printer's sheets."""
    from ..render.finishing import Imposition  # pikepdf: only to print

    campus = context.view.campus
    return Imposition(campus.booklet_sheet, campus.booklet_margin_mm)


def press(context: RenderContext) -> Press:
    """The print shop's press the print guide is made for (its profile read, and noted
    as read, so that a new profile makes the print guide again)."""
    from ..render.press import Press  # Pillow's colour engine: only for print guides

    shop = context.view.campus.press
    if not shop.icc:
        return Press.default(shop.ink_limit)
    return Press(read_project_file(context.project.root, shop.icc), shop.condition,
                 shop.ink_limit)


PRINT_DPI = 300  # what a print shop asks of a picture at its printed size
SCREEN_DPI = 150  # sharp on a screen, and on an office printer


def coarse_picture_warnings(laid_out: LaidOut, artifact: Artifact,
                            profile: str) -> list[Problem]:
    """A warning for each raster picture that would show blurred: under 300 pixels per inch
    in a guide for a print shop, under 150 in the guide for screens."""
    from ..render.pdf import coarse_images

    minimum, needs, verb = (PRINT_DPI, "a print shop needs", "prints") if profile == "print" \
        else (SCREEN_DPI, "a screen needs", "shows")
    return [Problem(unquote(source.removeprefix("file://")) or "a picture", None, None, (
        f"this picture {verb} at {dpi} pixels per inch in {artifact.name}, where {needs} "
        f"{minimum}: use a version at least {needed} pixels wide"), kind=Kind.RESOLUTION)
        for source, (dpi, needed) in sorted(coarse_images(laid_out.document, minimum).items())]


def _content_box(page: Any) -> tuple[float, float]:
    """Top and bottom of a laid-out page's content box, in CSS pixels."""
    box = page_box(page)  # WeasyPrint keeps the page's margins there
    return box.margin_top, page.height - box.margin_bottom


def tall_rows(document: Document, share: float = TALL_ROW,
              reaching_the_foot: bool = True) -> frozenset[str]:
    """Rows (comparison rows, rows of key facts) taller than ``share`` of a page, or
    reaching a page's foot (a row cut by a page break is measured there)."""
    found = set()
    for page in document.pages:
        top, bottom = _content_box(page)
        for name, (_x1, y1, _x2, y2) in page.anchors.items():
            if name.startswith(ROW_PREFIX) and (y2 - y1 > share * (bottom - top)
                                                or (reaching_the_foot and y2 >= bottom - 1)):
                found.add(name)
    return frozenset(found)


@dataclass(frozen=True)
class Opening:
    """What opens a page: each anchor first seen on it, with its box (x1, y1, x2, y2), and
    the room its page leaves empty above it, on the page before (CSS pixels)."""

    anchors: dict[str, tuple[float, float, float, float]]
    top: float  # the top of this page's content box
    room: float  # from the lowest box of the page before to the foot of its content box
    height: float  # the height of a content box


def openings(document: Document) -> Iterator[Opening]:
    """Each page after the first, as an :class:`Opening`."""
    for before, page in pairwise(document.pages):
        top, bottom = _content_box(before)
        yield Opening({name: box for name, box in page.anchors.items()
                       if name not in before.anchors}, _content_box(page)[0],
                      bottom - _content_end(before), bottom - top)


def pushed_by_their_gap(document: Document, rhythm: float) -> frozenset[str]:
    """Rows of key facts that open a page although the page before had room for them but
    for the gap under them: WeasyPrint moves such a row whole rather than leave its white
    border out at the page's foot, where no gap is needed. They are set without it."""
    gap = FACTS_GAP_MM * rhythm / PX_TO_MM
    return frozenset(name for opening in openings(document)
                     for name, (_x1, y1, _x2, y2) in opening.anchors.items()
                     if name.startswith(FACTS_PREFIX) and y1 <= opening.top + 1
                     and y2 - y1 - gap <= opening.room - 1)


def pushed_openings(document: Document, rhythm: float) -> frozenset[str]:
    """The first rows of comparisons that open a page although the page before was left
    more than OPENING_ROOM empty, and had room for the comparison's heading, header and
    first lines, not for its first row whole. Made breakable (tall), that row lets the
    comparison start in the room, and go on at the top of the next page. A row shorter
    than BREAKABLE_ROW of a page (its padding included) is not cut: its few lines would
    be scattered on two pages (the page before is set looser instead, `short_sections`)."""
    found, margin = set(), SECTION_MARGIN_MM * rhythm / PX_TO_MM
    for opening in openings(document):
        room = opening.room - margin
        if room < OPENING_ROOM * opening.height:
            continue
        for name, (_x1, start, _x2, _y2) in opening.anchors.items():
            row = f"{ROW_PREFIX}{name.removeprefix(COMPARISON_PREFIX)}-1"
            if name.startswith(COMPARISON_PREFIX) and row in opening.anchors:
                row_top, row_bottom = opening.anchors[row][1], opening.anchors[row][3]
                first_lines = row_top - start + FIRST_LINES_MM / PX_TO_MM
                if first_lines <= room < row_bottom - start and \
                        row_bottom - row_top >= BREAKABLE_ROW * opening.height:
                    found.add(row)
    return frozenset(found)


def pushed_roles(document: Document) -> frozenset[str]:
    """Roles, and the box that says why the guide was made, that open a page although the
    page before was left more than OPENING_ROOM empty: kept whole, their introduction (the
    box) did not fit there. It may then break between lines (partials/role.html,
    school.html), and start in that room."""
    return frozenset(name for opening in openings(document)
                     if opening.room >= OPENING_ROOM * opening.height
                     for name in opening.anchors
                     if name.startswith(ROLE_PREFIX) or name == WHY)


def short_sections(document: Document, loose: dict[str, int],
                   held: frozenset[str] = frozenset()) -> dict[str, int]:
    """How many degrees looser (or tighter: -1) to set sections of text (the school, a
    role, a comparison), read from pages filled less than SHORT_FILL:
    - a section that ends on such a page, the next part moving to the next page whole,
      is set looser so that it fills that page (or runs over, the next part then
      following it there); one already as loose as it may be (``loose``: MAX_LOOSE, or
      ``held``) has a section before it set looser instead, which pushes it down;
    - a section already set looser that leaves such a page inside it (a block of it
      moved whole, as its looser lines pushed it) is set one degree tighter.
    Pages where the text ends (the notes fill them) and the campus's are not counted."""
    found: dict[str, int] = {}
    heights, order = section_heights(document), sections_in_order(document)
    for page, following in pairwise(document.pages[1:-1]):
        top, bottom = _content_box(page)
        fill = (_content_end(page) - top) / (bottom - top)
        if FLOW_END in page.anchors or CAMPUS in page.anchors or fill >= SHORT_FILL:
            continue
        sections = [(box[1], name) for name, box in page.anchors.items()
                    if is_text_section(name)]
        name = max(sections)[1] if sections else ""  # the one that starts lowest
        if name and name not in following.anchors:  # ends on this page
            name = looser_one(order, name, loose, held)
            if name and found.get(name) != -1:  # a short page inside it says set it back
                wanted = (SHORT_FILL + LOOSE_MARGIN - fill) / (LOOSE_GAIN * heights[name])
                found[name] = max(found.get(name, 1), math.ceil(wanted))
        elif name in loose:
            found[name] = -1
    return found


MAX_REACH = 2  # how many sections back a short end may have a section set looser


def looser_one(order: list[str], name: str, loose: dict[str, int],
               held: frozenset[str]) -> str:
    """The section to set looser for a short page where ``name`` ends: itself, or the
    nearest of the MAX_REACH sections before it that may still be set looser; "" for
    none."""
    at = order.index(name)
    for candidate in reversed(order[max(at - MAX_REACH, 0):at + 1]):
        if candidate not in held and loose.get(candidate, 0) < MAX_LOOSE:
            return candidate
    return ""


def sections_in_order(document: Document) -> list[str]:
    """The sections of text, in the order they start in the document."""
    return list(dict.fromkeys(name for page in document.pages
                              for name, _box in sorted(page.anchors.items(),
                                                       key=lambda item: item[1][1])
                              if is_text_section(name)))


def is_text_section(name: str) -> bool:
    """Whether an anchor is a section of text: the school's, a role's, a comparison's."""
    return (name == SCHOOL or name.startswith((ROLE_PREFIX, COMPARISON_PREFIX))) \
        and bool(SECTION_ID.match(name))


def section_heights(document: Document) -> dict[str, float]:
    """The height of each section of text, in pages (the parts of it on every page)."""
    heights: dict[str, float] = {}
    for page in document.pages:
        top, bottom = _content_box(page)
        for name, (_x1, y1, _x2, y2) in page.anchors.items():
            if is_text_section(name):
                part = (min(y2, bottom) - max(y1, top)) / (bottom - top)
                heights[name] = heights.get(name, 0.0) + max(part, 0.01)
    return heights


def loosened(loose: tuple[tuple[str, int], ...], held: frozenset[str],
             changes: dict[str, int]) -> tuple[tuple[tuple[str, int], ...], frozenset[str]]:
    """The sections set looser, and those held, after ``changes`` (degrees, from
    :func:`short_sections`): each is set as many degrees looser as it wants (one at
    least, MAX_LOOSE at most), or one degree tighter; a section once set tighter is held,
    never set looser again (its layout would go back and forth)."""
    degrees, tighter = dict(loose), {name for name, change in changes.items() if change < 0}
    for name, change in changes.items():
        if change < 0:
            degrees[name] = degrees.get(name, 0) - 1
        elif name not in held:
            degrees[name] = min(MAX_LOOSE, degrees.get(name, 0) + max(change, 1))
    return (tuple(sorted((name, degree) for name, degree in degrees.items() if degree > 0)),
            held | tighter)


def _content_end(page: Any) -> float:
    """Where the lowest box of a page's content ends (a line, a picture, an empty block;
    its running headers and feet left out), in CSS pixels."""
    roots = [child for child in page_box(page).children
             if type(child).__name__ != "MarginBox"]
    return max((box.position_y + box.margin_height() - box.margin_bottom for root in roots
                for box in root.descendants() if not getattr(box, "children", None)),
               default=_content_box(page)[0])


def long_rows(document: Document) -> frozenset[str]:
    """Rows taller than LONG_ROW of a page, wherever they stand: three boxes of key facts
    that long go two a row (partials/role.html), as WeasyPrint would move such a row of
    three whole to the next page rather than break it."""
    return tall_rows(document, LONG_ROW, reaching_the_foot=False)


def place_map(document: Document, place: MapPlace, roles: int,
              rhythm: float = 1.0) -> MapPlace:
    """Where the career map goes, from a layout with the map at ``place``: in the room a
    role left empty on the page before it (the most such room), if it fits there; else
    after the roles if it fits there, or if the page it would leave is nearly full; else
    before the roles, else between two roles, on the same terms; else at the first of
    these places where it fits at no less than MIN_MAP_SCALE of its size; else where it
    leaves the least room empty. A map taller than a page always shrinks to fit one."""
    found = anchors(document)
    if MAP not in found or MAP_PICTURE not in found:
        return place  # no map, or a campus's own template without it
    page, top, bottom = found[MAP]
    content_top, content_bottom = _content_box(document.pages[page])
    picture = (found[MAP_PICTURE][2] - found[MAP_PICTURE][1]) / place.scale
    around = bottom - top + MAP_MARGIN_MM * rhythm / PX_TO_MM - picture * place.scale
    largest = min(1.0, (content_bottom - content_top - around) / picture)
    free = {int(name.removeprefix(MAP_SLOT)): _content_box(document.pages[at])[1] - y
            for name, (at, y, _y2) in found.items() if name.startswith(MAP_SLOT)}
    # Places before the map's are measured exactly on this layout; those after it moved.
    order = [at for at in (roles, 0, *range(roles - 1, 0, -1)) if at <= place.at and at in free]
    if not order:
        return place
    page_height = content_bottom - content_top
    stranded = [at for at in left_empty(found, roles) if at in order
                and around + picture * largest <= free[at]]
    if stranded:  # room a role left for the next page: the map fills it, moving nothing
        return MapPlace(max(stranded, key=free.__getitem__), _floor(largest))
    for at in order:
        if around + picture * largest <= free[at] or free[at] <= MAX_GAP * page_height:
            return MapPlace(at, _floor(largest))
    for at in order:
        if (scale := (free[at] - around) / picture) >= MIN_MAP_SCALE:
            return MapPlace(at, _floor(min(scale, largest)))
    if place.at < roles:  # the places after the map's are yet to be measured
        return MapPlace(roles, _floor(largest), measured=False)
    return MapPlace(min(order, key=free.__getitem__), _floor(largest))


def left_empty(found: dict[str, tuple[int, float, float]], roles: int) -> list[int]:
    """The places before a role whose page the role left for the next one (its opening
    did not fit): the room there stays empty, unless the map takes it."""
    starts = sorted(where for name, where in found.items() if name.startswith(ROLE_PREFIX))
    return [at for at in range(min(roles, len(starts)))
            if f"{MAP_SLOT}{at}" in found and found[f"{MAP_SLOT}{at}"][0] < starts[at][0]]


def _floor(scale: float) -> float:
    """A scale to three decimals, rounded down: the map must fit where it was measured to."""
    return max(math.floor(scale * 1000) / 1000, 0.1)


def anchors(document: Document) -> dict[str, tuple[int, float, float]]:
    """Each anchor of a laid-out document: its page index, top and bottom (CSS pixels)."""
    return {name: (index, y1, y2) for index, page in enumerate(document.pages)
            for name, (_x1, y1, _x2, y2) in page.anchors.items()}


def flow_end(document: Document) -> tuple[int, float]:
    """The page index and height where the text ends (before any notes)."""
    pages = document.pages
    return next(((i, round(page.anchors[FLOW_END][1], 1)) for i, page in enumerate(pages)
                 if FLOW_END in page.anchors), (len(pages) - 2, 0.0))


def plan_filler(document: Document, campus: CampusView, cautious: bool = False,
                step: int = 4) -> Filler:
    """How many notes lines fill the last text page, and how many notes pages make the page
    count a multiple of ``step`` (counted before any notes: covers and text pages)."""
    index, end_y = flow_end(document)
    top, bottom = _content_box(document.pages[index])
    line = campus.note_line_mm
    page_lines = math.floor(((bottom - top) * PX_TO_MM - NOTES_TITLE_MM - SAFETY_MM) / line)
    tail_lines = 0
    if end_y:
        free = (bottom - end_y) * PX_TO_MM - NOTES_TAIL_GAP_MM - NOTES_TITLE_MM - SAFETY_MM
        # Cautious (the text has kept moving): a quarter of the room left unruled, so that
        # the lines still fit if the text moves a little more.
        tail_lines = max(0, math.floor(free * (CAUTIOUS_SHARE if cautious else 1) / line))
        tail_lines = tail_lines if tail_lines >= MIN_TAIL_LINES else 0
    # The pages up to where the text ends, the campus's page(s) and the back cover.
    text_pages = index + 1 + (len(document.pages) - campus_page(document, index))
    return Filler(tail_lines, -text_pages % step, page_lines)


CAMPUS, CAMPUS_TOP_END, CAMPUS_PANEL = "campus", "campus-top-end", "campus-panel"  # ids
CAMPUS_FLOWS = 2  # the campus's part goes with the text (compact at 1)
PANEL_GAP_PX = 4 / PX_TO_MM  # at least 4 mm between the campus's text and its panel


def campus_page(document: Document, flow_end_index: int) -> int:
    """The index of the campus's first page (after the notes); without a campus page
    (a campus's own template), the back cover's."""
    first = _first_page(document, CAMPUS)
    return first if first is not None and first > flow_end_index else len(document.pages) - 1


def _first_page(document: Document, anchor: str) -> int | None:
    """The first page an anchor is on (a part broken across pages has it on each)."""
    return next((index for index, page in enumerate(document.pages)
                 if anchor in page.anchors), None)


def campus_overflows(document: Document) -> bool:
    """Whether what the campus says is more than its page holds: the text above its
    panel runs into the panel (or onto another page). It must then be made compact, or
    else go with the text, before the notes."""
    found, page = anchors(document), _first_page(document, CAMPUS)
    if page is None or CAMPUS_TOP_END not in found or CAMPUS_PANEL not in found:
        return False
    top_end, panel = found[CAMPUS_TOP_END], found[CAMPUS_PANEL]
    return top_end[0] != page or panel[0] != page or top_end[1] > panel[1] - PANEL_GAP_PX

