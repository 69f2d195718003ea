"""Rows of key facts at a page's foot (documents/guide.py ``pushed_by_their_gap``), laid
out by WeasyPrint with the A4 guide's rules for them: a row that fits but for the white
gap under it is moved whole to the next page; measured, it is set without the gap and
stays on its page."""

from __future__ import annotations

from weasyprint import HTML

from generator.documents.guide import FACTS_GAP_MM, pushed_by_their_gap

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
