"""Where the guide's career map goes, decided from a layout (documents/guide.py
``place_map``): read from pages as WeasyPrint lays them out, here stand-ins with the
same measures (CSS pixels; a content box from 100 to 1000)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from generator.documents.guide import MAP_MARGIN_MM, PX_TO_MM, MapPlace, place_map

HEADING = 60.0  # the map's kicker, heading and legend, above its picture
MARGIN = MAP_MARGIN_MM / PX_TO_MM


def page(**anchors: tuple[float, float]) -> Any:
    return SimpleNamespace(height=1100.0, _page_box=SimpleNamespace(margin_top=100.0,
                                                                    margin_bottom=100.0),
                           anchors={name.replace("_", "-"): (0.0, y1, 500.0, y2)
                                    for name, (y1, y2) in anchors.items()})


def laid_out(*pages: Any) -> Any:
    return SimpleNamespace(pages=list(pages))


def map_at(top: float, picture: float) -> dict[str, tuple[float, float]]:
    return {"career_map": (top, top + HEADING + picture),
            "career_map_picture": (top + HEADING, top + HEADING + picture)}


def test_a_map_that_fits_after_the_roles_stays_there() -> None:
    document = laid_out(page(map_slot_0=(300, 300), map_slot_1=(500, 500)),
                        page(map_slot_2=(400, 400), **map_at(400 + MARGIN, 300)))
    assert place_map(document, MapPlace(2), 2) == MapPlace(2)


def test_a_map_fills_the_room_a_role_left_empty_on_the_page_before_it() -> None:
    """The first role's opening did not fit under the school's page (it starts the next
    page): the 500 px left there take the map, although it also fits after the roles."""
    document = laid_out(page(map_slot_0=(500, 500)),
                        page(role_pm=(100, 900), map_slot_1=(900, 900)),
                        page(role_po=(100, 300), map_slot_2=(300, 300),
                             **map_at(300 + MARGIN, 300)))
    assert place_map(document, MapPlace(2), 2) == MapPlace(0)
    too_small = laid_out(page(map_slot_0=(700, 700)), *document.pages[1:])
    assert place_map(too_small, MapPlace(2), 2) == MapPlace(2)


def test_a_map_that_would_leave_half_a_page_empty_moves_before_a_role() -> None:
    """After the roles, 450 px are left for 734 px of map. Before the first role, 600 px:
    it does not fit either. Between the two roles, the page it leaves is nearly full (50 px
    empty): it goes there. With room before the first role, it goes before the roles."""
    document = laid_out(page(map_slot_0=(400, 400)), page(map_slot_1=(950, 950),
                                                         map_slot_2=(550, 550)),
                        page(**map_at(100, 640)))
    assert place_map(document, MapPlace(2), 2) == MapPlace(1)
    roomy = laid_out(page(map_slot_0=(200, 200)), page(map_slot_1=(600, 600),
                                                      map_slot_2=(550, 550)),
                     page(**map_at(100, 640)))
    assert place_map(roomy, MapPlace(2), 2) == MapPlace(0)


def test_a_map_shrinks_a_little_rather_than_leave_a_page_half_empty() -> None:
    document = laid_out(page(map_slot_0=(500, 500), map_slot_1=(450, 450)),
                        page(**map_at(100, 500)))
    place = place_map(document, MapPlace(1), 1)
    assert place.at == 1 and 0.8 <= place.scale < 1
    assert HEADING + MARGIN + 500 * place.scale <= 1000 - 450


def test_a_map_taller_than_a_page_shrinks_to_fit_one() -> None:
    document = laid_out(page(map_slot_0=(120, 120), map_slot_1=(990, 990)),
                        page(**map_at(100, 1400)))
    place = place_map(document, MapPlace(1), 1)
    assert place.at == 1 and HEADING + MARGIN + 1400 * place.scale <= 900
