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
3. the last layout adds ruled notes lines that fill the rest of the page where the
   text ends, and whole pages of notes until the page count is a multiple of 4, so
   that a print shop can fold and staple it as a booklet. No page is ever blank.
"""

from __future__ import annotations

import gc
import math
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import unquote

from ..diagnostics import Kind, Problem
from ..limits import MAX_PAGES
from ..render.context import RenderContext
from ..render.profiles import SUFFIXES, layout_of, profile_of
from ..render.templating import render_template
from ..resolve.viewmodel import CampusView, GuideView
from .registry import Artifact, Rendered, register

if TYPE_CHECKING:
    from weasyprint.document import Document

    from ..render.pdf import LaidOut

PX_TO_MM = 25.4 / 96  # WeasyPrint measures in CSS pixels
NOTES_TITLE_MM = 10.0  # .notes-title in guide.css
NOTES_TAIL_GAP_MM = 6.0  # .notes-tail margin-top in guide.css
SAFETY_MM = 2.0
MIN_TAIL_LINES = 3  # fewer lines than this on the last page: not worth a "Notes" title
FLOW_END = "flow-end"  # the anchor guide.html places where the text ends
ROW_PREFIX = "row-"  # ids of comparison rows (partials/compare-table.html)
TALL_ROW = 0.2  # a row taller than this share of a page may break between lines
MAX_LAYOUTS = 5
MAP = "career-map"  # ids of partials/career-map.html: the section and its picture
MAP_PICTURE = "career-map-picture"
MAP_SLOT = "map-slot-"  # guide.html's anchors where the map may go: before each role
MAP_MARGIN_MM = 9.0  # .career-map margin-top in guide.css
MAX_GAP = 0.25  # the map may leave this share of a page empty before it, no more
MIN_MAP_SCALE = 0.8  # smaller, its 9 pt titles would print under 7.2 pt


@dataclass(frozen=True)
class Filler:
    """The notes that complete a guide: lines on its last text page, then whole pages."""

    tail_lines: int
    pages: int
    page_lines: int


@dataclass(frozen=True)
class MapPlace:
    """Where the career map goes: before the role ``at`` (or after the last, when ``at`` is
    the number of roles), and the share of its full size it is printed at."""

    at: int
    scale: float = 1.0


class GuideKind:
    """``guide-ID.pdf``: cover, contents, the school, its roles and comparisons, the campus."""

    name = "guide"
    formats: tuple[str, ...] = ("pdf",)
    summary = "a printed guide (PDF) per file of content/guides/: roles, comparisons, campus"
    template = "guide.html"

    def declare(self, context: RenderContext) -> list[Artifact]:
        return [Artifact(f"guide-{guide.id}{SUFFIXES[profile]}",
                         f"the guide '{guide.id}' ({guide.source})"
                         + ("" if profile == "screen" else f", {profile} profile"), guide.id)
                for guide in context.view.guides for profile in context.guide_profiles]

    def inputs(self, context: RenderContext, artifact: Artifact) -> object:
        """What a guide is made from, besides its campus and language: the guide, with its
        roles and comparisons (for the build cache)."""
        return next(g for g in context.view.guides if g.id == artifact.subject)

    @staticmethod
    def prepare() -> None:
        import_module("generator.render.pdf")

    def check(self, context: RenderContext) -> list[Problem]:
        """Problems of the templates, found by rendering the HTML in memory only."""
        return [problem for guide in context.view.guides
                for problem in self.html(context, guide, None)[1]]

    def html(self, context: RenderContext, guide: GuideView, filler: Filler | None,
             tall_rows: frozenset[str] = frozenset(), profile: str = "screen",
             place: MapPlace | None = None) -> tuple[str | None, list[Problem]]:
        place = place or MapPlace(len(guide.roles))
        return render_template(context.env, context.project, self.template, doc=context.view,
                               guide=guide, filler=filler, tall_rows=tall_rows,
                               profile=profile, map_at=place.at, map_scale=place.scale)

    def render(self, context: RenderContext, artifact: Artifact) -> Rendered:
        from ..render.pdf import printer_problems  # WeasyPrint: only to print

        guide = next(g for g in context.view.guides if g.id == artifact.subject)
        profile = profile_of(artifact.name)
        # The booklet imposes the very pages of the screen guide: laid out once for both,
        # and forgotten once the last file that needs them is written.
        layout = layout_of(profile)
        key = ("guide-layout", guide.id, layout)
        if key not in context.memo:
            context.memo[key] = self.lay_out(context, guide, layout)
        laid_out, problems = cast("tuple[LaidOut | None, list[Problem]]", context.memo[key])
        if profile == [p for p in context.guide_profiles if layout_of(p) == layout][-1]:
            del context.memo[key]
        if laid_out is None:
            return None, problems
        pdf = laid_out.write(profile)
        if pdf is None:
            return None, printer_problems(context, self.template, laid_out.warnings)
        if profile == "booklet":  # the very pages of the print guide, warned about there
            return pdf, []
        return pdf, coarse_picture_warnings(laid_out, artifact, profile)

    def lay_out(self, context: RenderContext, guide: GuideView,
                profile: str) -> tuple[LaidOut | None, list[Problem]]:
        """The guide laid out in pages, its notes planned so the page count is a
        multiple of 4; or the problems that prevent it."""
        from ..render.pdf import lay_out, printer_problems  # WeasyPrint: only to print

        memo = (str(context.project.root), context.view.campus.id, context.view.lang,
                guide.id, layout_of(profile))
        # The notes of this guide's last layout in this process (the preview makes the same
        # guide again and again): only a guess, checked on the first layout like any plan.
        filler: Filler | None = LAST_NOTES.get(memo)
        tall: frozenset[str] = frozenset()
        planned_at: tuple[int, float] | None = None
        place = MapPlace(len(guide.roles))
        for attempt in range(MAX_LAYOUTS):
            html, problems = self.html(context, guide, filler, tall, profile, place)
            if html is None:
                return None, problems
            laid_out = lay_out(html, context.project)
            if laid_out.warnings:
                return None, printer_problems(context, self.template, laid_out.warnings)
            document = laid_out.document
            if len(document.pages) > MAX_PAGES:
                return None, [self.too_long(context, guide, len(document.pages))]
            found, ends_at = tall | tall_rows(document), flow_end(document)
            # The map's place is chosen once, on the first layout: what comes before the
            # roles' end does not move with the notes or the rows of the comparisons.
            moved = place_map(document, place, len(guide.roles)) if attempt == 0 else place
            guessed = attempt == 0 and filler == plan_filler(document, context.view.campus)
            if found == tall and (ends_at == planned_at or guessed) and moved == place \
                    and len(document.pages) % 4 == 0:
                break  # the notes were planned on this very layout of the text
            # Rows found tall are made breakable, and the notes planned on this layout;
            # if breaking those rows or moving the map moves the text, the next layout
            # plans again.
            tall, planned_at, place = found, ends_at, moved
            filler = plan_filler(document, context.view.campus, cautious=attempt >= 2)
            if attempt < MAX_LAYOUTS - 1:
                # One layout in memory at a time: a long guide's pages weigh tens of MB.
                del laid_out, document
                gc.collect()
        # Only where the text's end is marked: without the mark, where the text ends is
        # guessed from the page count, which the notes change.
        if filler is not None and any(FLOW_END in page.anchors
                                      for page in laid_out.document.pages):
            LAST_NOTES[memo] = filler
        return laid_out, []

    def too_long(self, context: RenderContext, guide: GuideView, pages: int) -> Problem:
        return Problem(context.project.display(context.theme_file(self.template)), None, None, (
            f"the guide '{guide.id}' would have {pages} pages (at most {MAX_PAGES}): "
            "shorten its texts, or split it into several guides"))


# What precedes the notes never depends on them: a first layout made with the notes of
# the last one is the very layout a first layout without them would have led to, when
# those notes are the ones it plans. Same input, same bytes, one layout fewer.
LAST_NOTES: dict[tuple[str, ...], Filler] = {}


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
    box = page._page_box  # WeasyPrint keeps the page's margins there
    return box.margin_top, page.height - box.margin_bottom


def tall_rows(document: Document) -> frozenset[str]:
    """Comparison rows taller than TALL_ROW of a page, or reaching a page's foot."""
    found = set()
    for page in document.pages:
        top, bottom = _content_box(page)
        for name, (_x1, y1, _x2, y2) in page.anchors.items():
            if name.startswith(ROW_PREFIX) and (y2 - y1 > TALL_ROW * (bottom - top)
                                                or y2 >= bottom - 1):
                found.add(name)
    return frozenset(found)


def place_map(document: Document, place: MapPlace, roles: int) -> MapPlace:
    """Where the career map goes, from a layout with the map at ``place``: after the roles
    if it fits there, or if the page it would leave is nearly full; else before the
    roles, else between two roles, on the same terms; else at the first of these places
    where it fits at no less than MIN_MAP_SCALE of its size; else where it leaves the
    least room empty. A map taller than a page always shrinks to fit one."""
    found = anchors(document)
    if MAP not in found or MAP_PICTURE not in found:
        return place  # no map, or a campus's own template without it
    page, top, bottom = found[MAP]
    content_top, content_bottom = _content_box(document.pages[page])
    picture = (found[MAP_PICTURE][2] - found[MAP_PICTURE][1]) / place.scale
    around = bottom - top + MAP_MARGIN_MM / PX_TO_MM - picture * place.scale
    largest = min(1.0, (content_bottom - content_top - around) / picture)
    free = {int(name.removeprefix(MAP_SLOT)): _content_box(document.pages[at])[1] - y
            for name, (at, y, _y2) in found.items() if name.startswith(MAP_SLOT)}
    # Places before the map's are measured exactly on this layout; those after it moved.
    order = [at for at in (roles, 0, *range(roles - 1, 0, -1)) if at <= place.at and at in free]
    if not order:
        return place
    page_height = content_bottom - content_top
    for at in order:
        if around + picture * largest <= free[at] or free[at] <= MAX_GAP * page_height:
            return MapPlace(at, _floor(largest))
    for at in order:
        if (scale := (free[at] - around) / picture) >= MIN_MAP_SCALE:
            return MapPlace(at, _floor(min(scale, largest)))
    return MapPlace(min(order, key=free.__getitem__), _floor(largest))


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


def plan_filler(document: Document, campus: CampusView, cautious: bool = False) -> Filler:
    """How many notes lines fill the last text page, and how many notes pages make the page
    count a multiple of 4 (counted before any notes: covers and text pages)."""
    index, end_y = flow_end(document)
    top, bottom = _content_box(document.pages[index])
    line = campus.note_line_mm
    page_lines = math.floor(((bottom - top) * PX_TO_MM - NOTES_TITLE_MM - SAFETY_MM) / line)
    tail_lines = 0
    if end_y and not cautious:
        free = (bottom - end_y) * PX_TO_MM - NOTES_TAIL_GAP_MM - NOTES_TITLE_MM - SAFETY_MM
        tail_lines = max(0, math.floor(free / line))
        tail_lines = tail_lines if tail_lines >= MIN_TAIL_LINES else 0
    text_pages = index + 2  # the covers and the pages up to where the text ends
    return Filler(tail_lines, -text_pages % 4, page_lines)


register(GuideKind())
