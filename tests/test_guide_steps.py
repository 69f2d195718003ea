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


def test_a_section_ending_on_a_short_page_is_set_looser_each_layout() -> None:
    from generator.documents.guide import MAX_LOOSE, loosened

    once, held = loosened((), frozenset(), {"school": 1})
    assert once == (("school", 1),) and not held
    twice, _ = loosened(once, frozenset(), {"role-pm": 2})
    assert twice == (("role-pm", 2), ("school", 1))  # the others keep their degree
    assert loosened(once, frozenset(), {"school": 0})[0] == (("school", 2),)  # one at least
    capped = once
    for _ in range(MAX_LOOSE + 2):
        capped, _ = loosened(capped, frozenset(), {"school": 1})
    assert capped == (("school", MAX_LOOSE),)
    next_plan, settled = remeasured(PLAN, Findings(tall=PLAN.tall, loose=once))
    assert not settled and next_plan.loose == once
    _plan, settled = remeasured(next_plan, Findings(tall=PLAN.tall, loose=once))
    assert settled  # the same degree again: nothing new


def test_a_looser_section_that_leaves_a_short_page_inside_it_is_set_back_and_held() -> None:
    """Its looser lines pushed a block of it to the next page: one degree tighter, and
    never looser again (else the two layouts would take turns)."""
    from generator.documents.guide import loosened

    back, held = loosened((("role-pm", 2),), frozenset(), {"role-pm": -1})
    assert back == (("role-pm", 1),) and held == {"role-pm"}
    assert loosened(back, held, {"role-pm": 1}) == (back, held)  # held: not looser
    assert loosened(back, held, {"role-pm": -1}) == ((), held)  # down to the usual


def test_a_short_end_of_a_section_as_loose_as_it_may_be_loosens_one_before_it() -> None:
    """At MAX_LOOSE, or held, a section that still ends on a short page has the nearest
    of the two sections before it that may still be set looser set looser (it pushes the
    short end down); none such: nothing."""
    from generator.documents.guide import MAX_LOOSE, looser_one

    order = ["school", "role-pm", "role-po", "comparison-pm-po"]
    assert looser_one(order, "role-po", {}, frozenset()) == "role-po"
    assert looser_one(order, "role-po", {"role-po": MAX_LOOSE}, frozenset()) == "role-pm"
    assert looser_one(order, "role-po", {"role-po": 1}, frozenset({"role-po"})) == "role-pm"
    at_most = {"role-po": MAX_LOOSE, "role-pm": MAX_LOOSE}
    assert looser_one(order, "role-po", at_most, frozenset()) == "school"
    assert looser_one(order, "comparison-pm-po", {**at_most, "comparison-pm-po": MAX_LOOSE},
                      frozenset()) == ""  # the school is three sections back
    assert looser_one(order, "school", {"school": MAX_LOOSE}, frozenset()) == ""


def test_only_the_school_roles_and_comparisons_are_set_looser() -> None:
    """Their ids go into guide.css: an id of a campus's own template that merely starts
    like them, or that a selector could not hold, is never one."""
    from generator.documents.guide import is_text_section

    assert all(map(is_text_section, ("school", "role-pm", "comparison-pm-vs-po")))
    assert not any(map(is_text_section, ("school-photo", "role-x}{color:red", "row-c1-1",
                                         "campus", "why")))
