"""The guide's layout decisions, each a small step (documents/guide.py), tested on what
a layout found rather than on a layout: no WeasyPrint here."""

from __future__ import annotations

from dataclasses import replace

from generator.documents.guide import CAMPUS_FLOWS, Findings, MapPlace, Plan, is_final, remeasured

PLAN = Plan(place=MapPlace(2), tall=frozenset({"row-facts-po"}))


def test_a_layout_that_finds_nothing_new_is_settled() -> None:
    next_plan, settled = remeasured(PLAN, Findings(tall=PLAN.tall))
    assert settled and next_plan == PLAN


def test_a_row_found_too_tall_is_made_breakable_on_the_next_layout() -> None:
    found = Findings(tall=PLAN.tall | {"row-vision"}, intros=frozenset({"pm"}))
    next_plan, settled = remeasured(PLAN, found)
    assert not settled
    assert next_plan.tall == {"row-facts-po", "row-vision"} and next_plan.intros == {"pm"}
    assert next_plan.place == PLAN.place and next_plan.filler is None


def test_a_campus_page_too_full_is_made_compact_then_flows() -> None:
    compact, settled = remeasured(PLAN, Findings(tall=PLAN.tall, overflows=True))
    assert not settled and compact.flows == 1
    flowing, _ = remeasured(compact, Findings(tall=PLAN.tall, overflows=True))
    assert flowing.flows == CAMPUS_FLOWS


def test_a_layout_is_the_guide_only_when_nothing_is_left_to_change() -> None:
    assert is_final(True, PLAN, PLAN, notes_known=True, pages=16)
    assert not is_final(True, PLAN, PLAN, notes_known=True, pages=14)  # no booklet folds
    assert not is_final(True, PLAN, PLAN, notes_known=False, pages=16)  # notes on another
    assert not is_final(False, PLAN, PLAN, notes_known=True, pages=16)
    assert not is_final(True, PLAN, replace(PLAN, rhythm=1.15), notes_known=True, pages=16)
