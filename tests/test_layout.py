"""Layouts that hold for any content: the layout check reads every page back, on the
demo guides and on generated projects (fixed seeds; a failure names its seed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import BuildOptions, CareerdocsError, Project, build
from generator.documents import guide as guide_kind
from generator.render import pdf as printer

from breakcheck import break_problems, captured_layouts
from conformance import conformance_failures
from generate import generate
from helpers import edit, lay_out_once
from layoutcheck import check_pdf
from pdfread import page_texts
from pressread import preflight
from readingorder import out_of_order
from wordaccess import accessibility_problems

ROOT = Path(__file__).resolve().parent.parent
# What the typographic checks say (the one-pager has a layout of its own: margins, fill).
TYPOGRAPHIC = ("hyphen", "ends on a line of one word", "contrast")
# make test runs SEEDS (its time budget): two themes, A5 (2, one role) and A4 (3, a
# project that makes every kind of document); --slow runs SLOW_SEEDS. (Every theme is
# laid out on the demo content by tests/test_themes.py.)
SEEDS = (2, 3)
SLOW_SEEDS = 100
PRINTED = {5: ("print",)}  # seeds ending in 5: also the print guide, preflighted


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "seed" in metafunc.fixturenames:
        slow = metafunc.config.getoption("--slow")
        metafunc.parametrize("seed", range(SLOW_SEEDS) if slow else SEEDS)


@pytest.mark.parametrize("campus,paper", [("demo-nord", "A4"), ("demo-sud", "A5")])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_demo_guides_pass_the_layout_check(demo_build: Path, campus: str, paper: str,
                                           lang: str) -> None:
    report = check_pdf(demo_build / campus / lang / "guide-pm-vs-po.pdf", paper,
                       project=ROOT, lang=lang)
    assert report, "\n".join(report.problems)


@pytest.mark.slow
@pytest.mark.parametrize("campus", ["demo-nord", "demo-sud"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_demo_guides_keep_blocks_together_at_page_breaks(project_dir: Path, campus: str,
                                                         lang: str) -> None:
    """At each page break of the demo guides: 2 lines of a box, 2 items of a list, 2 rows
    of a table at least on each side, and 2 lines after a heading."""
    with captured_layouts() as written:
        build(Project.at(project_dir), BuildOptions(campuses=(campus,), languages=(lang,),
                                                    documents=("guide",)))
    (document,) = written
    assert not break_problems(document), break_problems(document)


@pytest.mark.parametrize("campus", ["demo-nord", "demo-sud"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_demo_one_pagers_pass_the_typographic_checks(demo_build: Path, campus: str,
                                                     lang: str) -> None:
    report = check_pdf(demo_build / campus / lang / "comparison-pm-vs-po.pdf", "A4",
                       guide=False, project=ROOT, lang=lang)
    typographic = [p for p in report.problems if any(word in p for word in TYPOGRAPHIC)]
    assert not typographic, "\n".join(typographic)


@pytest.mark.slow
def test_generated_guide_passes_the_layout_check(seed: int, tmp_path: Path) -> None:
    spec = generate(seed, tmp_path)
    lang = ("fr", "en")[seed % 2]
    replay = (f"{spec}, {lang}: replay with python -c 'import sys; sys.path.insert(0, "
              f"\"tests\"); from generate import generate; generate({seed}, "
              "__import__(\"pathlib\").Path(\"/tmp/replay\"))'")
    try:
        # Every third project makes its handouts and one-pagers too (they must not fail on
        # any content); the others only the guide this test reads, for time.
        # One in ten (in --slow only, for time) makes the print shop's guide too.
        with captured_layouts() as written:
            build(Project.at(tmp_path), BuildOptions(languages=(lang,), documents=(
                () if seed % 3 == 0 else ("guide",)),
                kind_options={"profiles": PRINTED.get(seed % 10, ())}))
    except CareerdocsError as error:
        pytest.fail(f"{replay}\n{error.report()}")
    pdf = tmp_path / f"build/campus/{lang}/guide-generated.pdf"
    report = check_pdf(pdf, spec.paper, project=tmp_path, lang=lang)  # the demo's rules
    guide = [document for document in written if len(document.pages) > 1][0]
    problems = report.problems + break_problems(guide) + conformance_failures(pdf) \
        + out_of_order(pdf) + [
        problem for docx in sorted(tmp_path.glob("build/**/*.docx"))
        for problem in accessibility_problems(docx)] + [  # every third project's Word files
        f"{path.name}: {problem}" for path in sorted(tmp_path.glob("build/**/*.print.pdf"))
        for problem in preflight(path).problems(ink_limit=300, condition="FOGRA39")]
    assert not problems, replay + "\n" + "\n".join(problems)
    heading = {"fr": "Où mène chaque métier", "en": "Where each role leads"}[lang]
    found = sum(text.count(heading) for text in page_texts(pdf))  # in the contents too
    assert found == (2 if spec.moves else 0), f"{replay}\n'{heading}' {found} times"


BROKEN = {
    "text outside the content box": ".role h1 { margin-left: 110mm; white-space: nowrap; }",
    "are drawn over each other": ".hook { margin-top: -14mm; }",
    "of the page is filled": ".intro-box { break-before: page; break-after: page; }",
    "text at 7 pt": ".lead { font-size: 7pt; }",
    "body text at 8 pt": "html { font-size: 8pt; }",
    "a table row is cut across pages": ".compare tbody tr:nth-child(2) { break-inside: auto; }"
                                       ".compare tbody tr:nth-child(2) td::after { content: "
                                       "'…'; display: block; break-before: page; }",
    "a booklet needs one": ".back-cover { display: none; }",
    "lines in a row end in a hyphen": ".lead { hyphenate-limit-zone: 0; hyphenate-limit-chars: "
                                      "5 2 2; width: 24mm; }",
    "a heading is hyphenated": ".school h1 { hyphens: auto; hyphenate-limit-zone: 0; "
                               "width: 30mm; }",
    "a job title is hyphenated": ".name { hyphens: auto !important; hyphenate-limit-zone: 0; "
                                 "hyphenate-limit-chars: 5 2 2; } .intro-box { width: 32mm; }",
    "ends on a line of one word": ".cover-title::after { content: '\\A ici'; "
                                  "white-space: pre; }",
    "contrast 1.8:1": ".lead { color: #c0c4c8; }",
    # No stylesheet change: left to the line breaker, a table cell of the demo starts
    # with "Générale-" alone (careerdocs lays such a cell out again, turned off here).
    "which would fit on it whole": "/* as it is */",
}


@pytest.mark.slow
@pytest.mark.parametrize("expected", BROKEN)
def test_the_layout_check_fails_on_a_broken_stylesheet(project_dir: Path, expected: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # careerdocs lays out again, without hyphens, a paragraph with three hyphenated lines
    # in a row or a line holding only the start of a word: the check must see them when
    # that is not done.
    monkeypatch.setattr(printer, "over_hyphenated", lambda _document: frozenset())
    if expected == "a booklet needs one":  # the notes make up for any page
        monkeypatch.setattr(guide_kind, "plan_filler", lambda *_a, **_k: guide_kind.Filler(
            0, 0, 0))
    else:  # one layout shows what the stylesheet breaks (the others plan notes, for time)
        lay_out_once(monkeypatch)
    edit(project_dir, "templates/default/guide.css", "/* Back cover. */",
         f"{BROKEN[expected]}\n/* Back cover. */")
    build(Project.at(project_dir), BuildOptions(campuses=("demo-nord",), languages=("fr",),
                                                documents=("guide",)))
    report = check_pdf(project_dir / "build/demo-nord/fr/guide-pm-vs-po.pdf", "A4",
                       project=project_dir)
    assert any(expected.replace("text outside", "outside") in p for p in report.problems), \
        report.problems


@pytest.mark.slow
def test_three_hyphenated_lines_in_a_row_are_laid_out_again(
        project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lay_out_once(monkeypatch)  # done within each layout
    edit(project_dir, "templates/default/guide.css", "/* Back cover. */",
         f"{BROKEN['lines in a row end in a hyphen']}\n/* Back cover. */")
    build(Project.at(project_dir), BuildOptions(campuses=("demo-nord",), languages=("fr",),
                                                documents=("guide",)))
    report = check_pdf(project_dir / "build/demo-nord/fr/guide-pm-vs-po.pdf", "A4")
    assert not [p for p in report.problems if "in a row" in p], report.problems
    assert sum(report.hyphens.values()) > 10  # the narrow paragraph is still hyphenated


BROKEN_BREAKS = {  # style sheets that break a rule at a page break of the demo guide
    ("fr", "<p> broken with 1 line(s) before"): ".facts-row, .fact { break-inside: auto "
    "!important; } .fact p { orphans: 1 !important; widows: 1 !important; } "
    ".facts { margin-top: 60mm !important; }",  # the PM's boxes pushed across the page's foot
    ("en", "a list broken with 2 item(s) before the break and 1 after"):
        "li { break-before: auto !important; orphans: 1 !important; widows: 1 !important; } "
        # "What they share" pushed past the foot of page 5
        ".shared { margin-top: 75mm !important; break-inside: auto !important; }",
    ("fr", "a table broken with 1 row(s) before"):
        ".compare tbody tr:nth-child(2) { break-before: page !important; }",
    ("fr", "a heading with 0 line(s) after it"):
        ".intro-box h2 + p { break-before: page !important; }",
}


@pytest.mark.slow
@pytest.mark.parametrize("lang,expected", BROKEN_BREAKS)
def test_the_break_check_fails_on_a_broken_stylesheet(project_dir: Path, lang: str,
                                                      expected: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    if "list" not in expected:  # where the list breaks is the last layout's (the notes')
        lay_out_once(monkeypatch)  # one layout shows it, for time
    edit(project_dir, "templates/default/guide.css", "/* Back cover. */",
         f"{BROKEN_BREAKS[lang, expected]}\n/* Back cover. */")
    with captured_layouts() as written:
        build(Project.at(project_dir), BuildOptions(campuses=("demo-nord",), languages=(lang,),
                                                    documents=("guide",)))
    problems = break_problems(written[-1])
    assert any(expected in problem for problem in problems), problems
