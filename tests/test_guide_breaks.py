"""The guide's own stylesheet at page breaks: the markup of partials/role.html laid out
with the very stylesheet the demo's guides print with, at the heights on a page where
WeasyPrint would move a block whole and leave the page before half empty."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from weasyprint import HTML

from generator import Project
from generator.diagnostics import Diagnostics
from generator.documents._guide_plan import MapPlace, Plan
from generator.documents.guide import PX_TO_MM, GuideKind, _content_box
from generator.pipeline import load_checked
from generator.render.context import ContextCache

ROOT = Path(__file__).resolve().parent.parent

ROOM_MM = 30.0  # room for a box's rule, its heading and its first lines
WORDS = "careerdocs lays a guide out in pages and measures every page of it again "


def stylesheet(campus: str) -> str:
    """The head of the campus's French guide, its stylesheet in it."""
    context = ContextCache(load_checked(Project.at(ROOT), Diagnostics())).get(campus, "fr")
    guide = context.view.guides[0]
    html, problems = GuideKind().html(context, guide, Plan(place=MapPlace(len(guide.roles))))
    assert html is not None, problems
    return html[:html.index("<body")]


def laid_out(head: str, above_mm: float, body: str) -> Any:
    html = f"{head}<body><div style='height: {above_mm:.2f}mm'></div>{body}</body></html>"
    return HTML(string=html, base_url=str(ROOT)).render()


def text_height_mm(document: Any) -> float:
    """The height of a page's content box, in mm."""
    top, bottom = _content_box(document.pages[0])
    return (bottom - top) * PX_TO_MM


def pages_of(document: Any, anchor: str) -> list[int]:
    """The pages an element is on (a box broken across pages is on each)."""
    return [index for index, page in enumerate(document.pages) if anchor in page.anchors]


def where(document: Any, anchor: str) -> tuple[int, float, float]:
    """The first page an anchor is on, its top and bottom there (mm from the content's top)."""
    index, page = next((i, page) for i, page in enumerate(document.pages)
                       if anchor in page.anchors)
    top = _content_box(page)[0]
    _x1, y1, _x2, y2 = page.anchors[anchor]
    return index, (y1 - top) * PX_TO_MM, (y2 - top) * PX_TO_MM


FACTS = """<section class="role" id="role-x"><div class="facts">
<div class="facts-row tall" id="row-facts-x-1">
<div class="facts-cell"><div class="fact"><h2>Formation</h2><p>{long}</p><p>{short}</p></div></div>
<div class="facts-cell"><div class="fact"><h2>Évolution</h2><p>{short}</p></div></div>
</div></div></section>"""


@pytest.fixture(scope="module")
def a4_head() -> str:
    return stylesheet("demo-nord")


@pytest.mark.slow  # 17 layouts with the guide's fonts
def test_a_breakable_row_of_key_facts_at_a_page_foot_breaks_where_its_lines_fit(
        a4_head: str) -> None:
    """A row whose lines reach the page's foot, at every half millimetre around it: it
    breaks between lines or stays whole, and never moves whole to the next page while
    the page before has room for its first lines (WeasyPrint did that when the lines fit
    but the last paragraph's margin did not, or the boxes' decoration was sliced)."""
    body = FACTS.format(long=WORDS * 8, short=WORDS)
    alone = laid_out(a4_head, 0, body)
    _page, _top, row_mm = where(alone, "row-facts-x-1")
    page_mm = text_height_mm(alone)
    for step in range(16):
        above = page_mm - row_mm - 5 + step * 0.5  # from 5 mm to spare to 2.5 mm too few
        page, top, _bottom = where(laid_out(a4_head, above, body), "row-facts-x-1")
        room = page_mm - above
        assert page == 0 or room < ROOM_MM, (above, room, top)


ROLE = """<section class="role" id="role-x"><div class="role-intro{broken}">
<header class="role-header"><div class="role-badge-cell"><span class="role-badge">PX</span></div>
<div class="role-names"><p class="kicker">Fiche métier</p><h1 id="title-x">Product Owner</h1></div>
</header><p class="hook" id="hook-x">{hook}</p><p class="lead">{lead}</p></div></section>"""


@pytest.mark.slow  # layouts with the guide's fonts
def test_a_role_pushed_whole_starts_in_the_room_its_hook_broken() -> None:
    """On A5, a role's header and a hook of 5 lines or more where only its header and
    3 lines fit: kept whole, the hook takes the role to the next page; once the layout found the
    role pushed (``role-intro-broken``), its hook breaks and the role starts there."""
    head = stylesheet("demo-sud")
    body = ROLE.format(hook=WORDS * 4, lead=WORDS * 6, broken="")
    alone = laid_out(head, 0, body)
    _page, hook_top, hook_bottom = where(alone, "hook-x")
    page_mm = text_height_mm(alone)
    line_mm = 11 * 1.35 * 25.4 / 72  # the hook's lines on A5 (guide.css)
    assert round((hook_bottom - hook_top) / line_mm) >= 5, hook_bottom - hook_top
    above = page_mm - hook_top - 3.5 * line_mm
    kept = laid_out(head, above, body)
    assert where(kept, "title-x")[0] == 1  # moved whole, leaving the room empty
    broken = laid_out(head, above, ROLE.format(hook=WORDS * 4, lead=WORDS * 6,
                                               broken=" role-intro-broken"))
    assert where(broken, "title-x")[0] == 0
    assert pages_of(broken, "hook-x") == [0, 1]  # the hook broken: lines on both pages
