"""Titles never end on one word: the last two words of every heading and title are
bound (three when those two are short), in any markup a template writes, and nothing
else is touched."""

from __future__ import annotations

import time

from generator.render.titles import NBSP, bind_titles


def test_the_last_two_words_of_headings_and_titles_are_bound() -> None:
    html = ('<h1 class="x">Product Manager et <span class="name">Product Owner</span>, '
            'côte à côte\n </h1><p class="back-cta">Rejoignez HETIC dans le numérique\u202f!</p>'
            '<div class="sud-title">a <div>b c</div> d e</div><p>un deux trois</p>')
    bound = bind_titles(html)
    assert f"côte{NBSP}à{NBSP}côte\n </h1>" in bound  # "à côte" is short: "côte" too
    assert f"dans le{NBSP}numérique\u202f!" in bound
    assert f"<div>b c</div>{NBSP}d{NBSP}e</div>" in bound  # the outer title's own words
    assert "<p>un deux trois</p>" in bound  # a paragraph that is no title


def test_a_role_s_name_on_the_cover_is_bound_too() -> None:
    """Seen on a generated cover: "Les fonctionnalité client développement / formation"."""
    html = ('<li><span class="badge">MWENP</span> <span class="name role-title">Les '
            'fonctionnalité client développement formation</span></li><span>a b</span>')
    bound = bind_titles(html)
    assert f"développement{NBSP}formation</span></li>" in bound
    assert bound.endswith("<span>a b</span>")  # a span that is no title


def test_a_long_last_pair_is_left_free_but_a_short_last_word_is_bound() -> None:
    assert NBSP not in bind_titles("<h2>anticonstitutionnellement hyperspécialisations</h2>")
    assert bind_titles("<h2>hyperspécialisation-transversale for.</h2>").endswith(
        f"transversale{NBSP}for.</h2>")


def test_unclosed_and_nested_titles_cost_one_pass() -> None:
    start = time.perf_counter()
    bind_titles("<h1>" * 20_000 + "mot " * 50_000)
    bind_titles(("<p class='title'>" + "<p>" * 3) * 20_000)
    assert time.perf_counter() - start < 2


def test_running_text_never_ends_on_a_short_word_alone() -> None:
    """Seen in a key-facts box: "atout." alone on its last line."""
    bound = bind_titles("<p>Une formation peut cependant être un <strong>atout</strong>.</p>"
                        "<li>Le backlog produit, créé et priorisé par le PO.</li>"
                        "<p>Trois mots seulement</p>"
                        "<p>Une paire bien trop longue: hyperspécialisation transversale</p>"
                        "<li>Lancez la commande <code>make test all</code></li>")
    assert f"être un{NBSP}<strong>atout</strong>.</p>" in bound
    assert f"par le{NBSP}PO.</li>" in bound
    assert "<p>Trois mots seulement</p>" in bound  # too short to have a runt
    assert "hyperspécialisation transversale</p>" in bound  # the line before would be short
    assert "<code>make test all</code></li>" in bound  # a command stays as it is


def test_words_joined_already_count_as_one_and_a_run_of_spaces_is_bound_whole() -> None:
    """Seen in a key-facts box: "Métiers / proches : Product Manager", the job title
    (joined by no-break spaces) bound to the colon, a space of the template's indentation
    left beside the no-break one."""
    related = ("<p>Métiers proches\u202f:\n      <a>Product\u00a0Manager</a></p>")
    assert bind_titles(related) == related  # "proches : Product Manager" is too long
    assert bind_titles("<h2>Un titre de\n   trois</h2>") == f"<h2>Un titre de{NBSP}trois</h2>"
