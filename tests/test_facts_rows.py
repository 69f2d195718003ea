"""Rows at a page's foot, laid out by WeasyPrint, and what documents/guide.py measures of
them: a row of key facts that fits but for the white gap under it is moved whole to the
next page; measured, it is set without the gap and stays on its page
(``pushed_by_their_gap``). A comparison whose first row did not fit the room left
before it (``pushed_openings``) and a role moved whole to the next page (``pushed_roles``)
are found."""

from __future__ import annotations

import pytest
from weasyprint import HTML

from generator.documents.guide import (
    FACTS_GAP_MM,
    pushed_by_their_gap,
    pushed_openings,
    pushed_roles,
)

PAGE = """<style>
@page {{ size: 100mm 100mm; margin: 10mm; }}
body {{ margin: 0; font: 10pt/12pt sans-serif; }}
.facts {{ display: table; width: 100%; table-layout: fixed; border-collapse: separate; }}
.facts-row {{ display: table-row; }}
.facts-row:not(.tall) {{ break-inside: avoid; }}
.facts-cell {{ display: table-cell; border-bottom: {gap}mm solid #fff; background: #eee; }}
.facts-row.tight .facts-cell {{ border-bottom-width: 0; }}
</style>
<div style="height: {above}mm"></div>
<div class="facts"><div class="facts-row{tight}" id="row-facts-pm-1">
<div class="facts-cell">{lines}</div><div class="facts-cell">short</div></div></div>"""


def lay_out(above: float, tight: bool = False):  # type: ignore[no-untyped-def]
    lines = "<br>".join(["a line"] * 10)  # 120 pt: 42.3 mm
    html = PAGE.format(gap=FACTS_GAP_MM, above=above, lines=lines,
                       tight=" tight" if tight else "")
    return HTML(string=html).render()


def page_of(document, name: str) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, page in enumerate(document.pages) if name in page.anchors)


def test_a_row_pushed_by_its_gap_is_found_and_stays_on_its_page_without_it() -> None:
    document = lay_out(above=80 - 43)  # 0.7 mm to spare for the row, not for its 3 mm gap
    assert page_of(document, "row-facts-pm-1") == 1  # moved whole, as WeasyPrint does
    assert pushed_by_their_gap(document, 1.0) == {"row-facts-pm-1"}
    assert page_of(lay_out(above=80 - 43, tight=True), "row-facts-pm-1") == 0


def test_a_row_too_tall_for_the_room_even_without_its_gap_is_left_as_it_is() -> None:
    document = lay_out(above=80 - 40)
    assert page_of(document, "row-facts-pm-1") == 1
    assert pushed_by_their_gap(document, 1.0) == frozenset()


def test_a_row_that_fits_with_its_gap_is_left_as_it_is() -> None:
    document = lay_out(above=80 - 46)
    assert page_of(document, "row-facts-pm-1") == 0
    assert pushed_by_their_gap(document, 1.0) == frozenset()


OPENING = """<style>
@page {{ size: 100mm 100mm; margin: 10mm; }}
body {{ margin: 0; font: 10pt/12pt sans-serif; }}
section {{ break-before: page; }}
table {{ border-spacing: 0; }}
</style>
<div style="height: {above}mm"></div>
<section id="{section}">{heading}
<table><tbody><tr id="{row}"><td><div style="height: {row_mm}mm"></div></td></tr></tbody></table>
</section>"""


def opened(above: float, row_mm: float, section: str = "comparison-c1",
           row: str = "row-c1-1"):  # type: ignore[no-untyped-def]
    """A section moved to the second page (as WeasyPrint moves one whose opening does not
    fit), ``above`` mm of text on the first page, its first row ``row_mm`` tall."""
    heading = '<h1 style="margin: 0; height: 10mm">A heading</h1>' if "comparison" in section \
        else ""  # a row of key facts follows the role's columns, at the page's top
    html = OPENING.format(above=above, section=section, row=row, row_mm=row_mm,
                          heading=heading)
    return HTML(string=html).render()


def test_a_comparison_whose_first_row_does_not_fit_the_room_opens_there() -> None:
    # 80 mm of page: 20 mm used, 9 mm of the section's margin, 51 mm of room for a
    # heading of 10 mm, a first row of 60 mm (whose first lines fit, not the whole).
    assert pushed_openings(opened(above=20, row_mm=60), 1.0) == {"row-c1-1"}


@pytest.mark.parametrize("above,row_mm", [(20, 30), (45, 60), (20, 25)])
def test_a_comparison_is_left_on_its_page_when_its_opening_fits_or_no_room_is_left(
        above: float, row_mm: float) -> None:
    """A first row that fits the room whole (it moved for its neighbour, which stays
    with it), or a page before less than 37 % empty (OPENING_ROOM)."""
    assert pushed_openings(opened(above=above, row_mm=row_mm), 1.0) == frozenset()


def test_a_role_opening_a_page_after_half_a_page_of_room_is_found() -> None:
    """Its introduction, kept whole, did not fit: it may then break (partials/role.html)."""
    assert pushed_roles(opened(above=20, row_mm=10, section="role-pm")) == {"role-pm"}
    assert pushed_roles(opened(above=60, row_mm=10, section="role-pm")) == frozenset()
