"""Hostile or broken templates, catalogues, images and Word reference documents."""

from __future__ import annotations

import importlib
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from hostile import refused

from helpers import edit, line_of, run_cli

COVER = "templates/default/partials/cover.html"
ANCHOR = '<div class="cover-top">'
NARROW = ["--campus", "demo-nord", "--lang", "fr"]
FR = "templates/locales/fr/LC_MESSAGES/messages.po"
REFERENCE = "templates/default/reference.docx"


def _inject(project: Path, text: str) -> int:
    edit(project, COVER, ANCHOR, f"{ANCHOR}{text}")
    return line_of(project, COVER, ANCHOR)


@pytest.mark.slow  # many variants: make test runs them all
@pytest.mark.parametrize("text,message", [
    ("{{ 1/0 }}", "template error: ZeroDivisionError"),
    ("{% for i in range(10**9) %}{% endfor %}", "range() in a template gives at most 10,000"),
    ("{{ 'x' * 10**9 }}", "a template cannot repeat text or lists that many times"),
    ("{{ 2 ** 100000 }}", "a power of 100000 is too large for a template"),
    ("{% set s = 'x' * 9000 %}{{ s ~ s ~ s }}{{ (s + s) * 8 }}", "a template cannot"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "calls itself without end"),
    ("{{ doc.campus.name.__class__.__mro__ }}", "not allowed in a template"),
    ("{{ cycler.__init__.__globals__ }}", "not allowed in a template"),
    ("{{ doc.nothing }}", "unknown name in template"),
])
def test_template_code_that_fails_or_runs_away(built_project: Path, text: str,
                                              message: str) -> None:
    line = _inject(built_project, text)
    for command in (["validate"], ["build", *NARROW]):
        refused(built_project, command, f"{COVER}:{line}: ", message)


@pytest.mark.slow  # prints a guide, or waits for a time limit
def test_a_template_loop_of_100_million_steps_stops(built_project: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.import_module("generator.pipeline.check"), "CHECK_SECONDS", 2)
    _inject(built_project, "{% for i in range(10000) %}{% for j in range(10000) %}"
                           "{% endfor %}{% endfor %}")
    refused(built_project, ["build", *NARROW], "the templates took more than 2 seconds to fill "
                                               "in: one of them loops without end")


@pytest.mark.slow  # prints a guide, or waits for a time limit
def test_a_document_that_takes_too_long_to_print(built_project: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # A limit no guide can meet, however warm the process (fonts loaded, caches): with 1 s,
    # a process that had printed guides before laid this one out in time.
    monkeypatch.setattr(importlib.import_module("generator.pipeline.runner"), "RENDER_SECONDS",
                        0.05)
    _inject(built_project, "<div style='height: 500000mm'></div>" * 4)
    refused(built_project, ["build", *NARROW, "--doc", "guide"],
            "demo-nord/fr/guide-pm-vs-po.pdf: the guide 'pm-vs-po'", "took more than 0.05 seconds")


@pytest.mark.slow  # prints a guide, or waits for a time limit
def test_a_template_nesting_elements_hundreds_deep(built_project: Path) -> None:
    """Found before printing (validate too), at the template that makes the page; it was
    found by the printer, and blamed on the guide's content file."""
    _inject(built_project, "<span>" * 400 + "x" + "</span>" * 400)
    for command in (["validate"], ["build", *NARROW, "--doc", "guide"]):
        refused(built_project, command, "templates/default/guide.html: the page this "
                                        "template makes puts elements inside elements 404 "
                                        "levels deep (at most 100)")


def test_a_template_that_is_not_utf8(built_project: Path) -> None:
    path = built_project / COVER
    path.write_bytes(path.read_bytes().replace(b"<section", "<é".encode("latin-1") + b"<section"))
    refused(built_project, ["build", *NARROW], "templates/", "is not UTF-8 text")


def test_a_translation_with_a_placeholder_the_english_lacks(built_project: Path) -> None:
    edit(built_project, FR, 'msgstr "À propos de %(school)s"', 'msgstr "À propos de %(ecole)s"')
    line = line_of(built_project, FR, 'msgid "About %(school)s"')
    refused(built_project, ["build", *NARROW], f'{FR}:{line}: the translation of "About '
                                               '%(school)s" uses %(ecole)s')


def test_a_catalogue_that_is_not_a_catalogue(built_project: Path) -> None:
    (built_project / FR).write_text('msgid "a"\nmsgstr "b\nmsgid\n')
    refused(built_project, ["validate"], f"{FR}: cannot read the catalogue")


def test_a_catalogue_linking_outside(built_project: Path, tmp_path: Path) -> None:
    (tmp_path / "fr.po").write_text((built_project / FR).read_text())
    (built_project / FR).unlink()
    (built_project / FR).symlink_to(tmp_path / "fr.po")
    refused(built_project, ["build", *NARROW], f"{FR}: this is a link to a file outside the "
                                               "project folder")


def test_a_reference_document_without_a_style(built_project: Path) -> None:
    from docx import Document

    document = Document(str(built_project / REFERENCE))
    title = document.styles["Title"]
    title.element.getparent().remove(title.element)
    document.save(str(built_project / REFERENCE))
    refused(built_project, ["build", *NARROW], f"{REFERENCE}: it lacks the Word style(s) Title")


def test_a_reference_document_that_unzips_to_gigabytes(built_project: Path) -> None:
    bomb = built_project / REFERENCE
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 60_000_000)
    refused(built_project, ["build", *NARROW], f"{REFERENCE}: this Word document unzips to 60 MB")


def test_a_reference_document_linking_outside(built_project: Path, tmp_path: Path) -> None:
    (tmp_path / "ref.docx").write_bytes((built_project / REFERENCE).read_bytes())
    campus = built_project / "templates/campuses/demo-nord"
    campus.mkdir(parents=True)
    (campus / "reference.docx").symlink_to(tmp_path / "ref.docx")
    refused(built_project, ["build", *NARROW], "templates/campuses/demo-nord/reference.docx: "
                                               "this is a link to a file outside the project")


@pytest.mark.slow  # prints a guide, or waits for a time limit
def test_an_svg_logo_with_a_picture_inside_prints(built_project: Path) -> None:
    from PIL import Image

    images = built_project / "content/images"
    Image.new("RGB", (40, 40), "#e76f51").save(images / "dot.png")
    (images / "nested.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="120" height="120"><rect width="120" height="120" fill="#1d3557"/>'
        '<image xlink:href="dot.png" x="40" y="40" width="40" height="40"/></svg>')
    edit(built_project, "content/campuses/demo-nord.yaml", "images/demo-nord.svg",
         "images/nested.svg")
    result = run_cli("build", "--project", str(built_project), *NARROW, "--doc", "guide")
    assert result.exit_code == 0, result.output


def test_a_font_linking_outside_is_not_used(built_project: Path, tmp_path: Path) -> None:
    fonts = built_project / "templates/fonts"
    shutil.copytree(fonts / "lato", tmp_path / "outside")
    (fonts / "elsewhere").symlink_to(tmp_path / "outside")
    edit(built_project, "content/campuses/demo-nord.yaml", "  logo: images/demo-nord.svg\n",
         "  logo: images/demo-nord.svg\n  fonts:\n    body: elsewhere\n")
    refused(built_project, ["build", *NARROW], "content/campuses/demo-nord.yaml:",
            "brand.fonts.body: no font 'elsewhere' in templates/fonts/")


@pytest.mark.slow  # four refused commands
@pytest.mark.parametrize("folder", ["templates", "content"])
@pytest.mark.parametrize("command", [["validate"], ["build", "--campus", "demo-nord"]])
def test_a_project_folder_linked_elsewhere(built_project: Path, tmp_path: Path, folder: str,
                                           command: list[str]) -> None:
    """Before, templates/ as a link gave a message per file, each blaming a font or a
    catalogue ("no font 'lato' in templates/fonts/"); now one message names the link."""
    elsewhere = tmp_path / f"shared-{folder}"
    (built_project / folder).rename(elsewhere)
    (built_project / folder).symlink_to(elsewhere)
    output = refused(built_project, command, f"{folder}: this folder is a link to "
                                             f"{elsewhere}, outside the project folder")
    assert output.count("outside the project") == 1, output


def _layered_uses(layers: int, copies: int) -> str:
    """A few kilobytes of SVG whose <use> elements copy the layer below ``copies`` times:
    copies ** layers shapes once drawn."""
    groups = ['<g id="l0"><rect width="1" height="1"/></g>']
    groups += [f'<g id="l{n}">' + f'<use href="#l{n - 1}"/>' * copies + "</g>"
               for n in range(1, layers + 1)]
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><defs>'
            + "".join(groups) + f'</defs><use href="#l{layers}"/></svg>')


@pytest.mark.parametrize("drawing,said", [
    (_layered_uses(9, 10), "the logo draws too many shapes (20,000 or more once the copies "
                           "its <use> elements make are counted, at most 20,000)"),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><g id="a">'
     '<use href="#a"/></g></svg>', "the logo draws too many shapes"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
     'width="9" height="9"><image xlink:href="file:///etc/hostname" width="9" height="9"/>'
     '</svg>', "the logo shows 'file:///etc/hostname', which careerdocs does not load"),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><image '
     'href="gone.png" width="9" height="9"/></svg>',
     "the logo shows 'gone.png', which is not a file of content/")])
def test_svg_logos_that_cost_without_bound_or_load_elsewhere(built_project: Path,
                                                            drawing: str, said: str) -> None:
    """Before, the layered <use> logo made the build run until it was killed, and a
    picture the logo could not load was blamed on the guide's template."""
    (built_project / "content/images/bomb.svg").write_text(drawing)
    edit(built_project, "content/campuses/demo-nord.yaml", "images/demo-nord.svg",
         "images/bomb.svg")
    commands = [["validate"], ["build", *NARROW]] if "<use" in drawing else [["validate"]]
    for command in commands:  # build runs validate's checks first: once is enough for links
        refused(built_project, command, "content/campuses/demo-nord.yaml:17:", said)


def _campus_guide(project: Path, campus: str, body: str) -> None:
    folder = project / "templates/campuses" / campus
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "guide.html").write_text('{% extends "!default/guide.html" %}\n'
                                       "{% block cover %}" + body + "{% endblock %}\n")


@pytest.mark.slow  # validate, then a build, of two broken campuses
def test_two_campuses_templates_nested_too_deeply_are_both_named(built_project: Path) -> None:
    """Before, the 3,000 nested conditions were blamed on "templates/…/guide.html" as "a
    macro calls itself", and the 5,000 nested elements (which only the printer trips on)
    on the guide's content file, once the other campus was mended."""
    _campus_guide(built_project, "demo-nord", "{% if true %}" * 3000 + "x"
                  + "{% endif %}" * 3000)
    _campus_guide(built_project, "demo-sud", "<div>" * 5000 + "x" + "</div>" * 5000)
    for command in (["validate"], ["build", "--doc", "guide"]):
        refused(built_project, command,
                "templates/campuses/demo-nord/guide.html: blocks, conditions or loops are "
                "nested hundreds of levels deep",
                "templates/campuses/demo-sud/guide.html: the page this template makes puts "
                "elements inside elements 5,002 levels deep (at most 100)")


def test_a_campus_template_that_is_not_utf8_is_named(built_project: Path) -> None:
    folder = built_project / "templates/campuses/demo-nord"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "guide.html").write_bytes('{% extends "!default/guide.html" %}\n{# café #}\n'
                                        .encode("latin-1"))
    refused(built_project, ["validate"], "templates/campuses/demo-nord/guide.html: this file "
                                         "is not UTF-8 text (invalid continuation byte)")


@pytest.mark.slow  # lays out 300 pages
def test_a_template_that_makes_ten_thousand_pages_stops_at_the_limit(built_project: Path) -> None:
    """Before, it ran into the 120-second limit (blamed on the guide's content file) or
    until it was killed; now laying it out stops at page 301, naming the template."""
    _campus_guide(built_project, "demo-sud", '{% for i in range(10000) %}<p style="break-after:'
                  ' page">{{ i }}</p>{% endfor %}')
    start = time.monotonic()
    refused(built_project, ["build", "--campus", "demo-sud", "--lang", "fr", "--doc", "guide"],
            "templates/campuses/demo-sud/guide.html: the guide 'pm-vs-po' would have more "
            "than 300 pages (laying it out stopped at page 301)")
    assert time.monotonic() - start < 40


@pytest.mark.parametrize("href,said", [
    ("https://tracker.example/pixel.png", "which careerdocs does not load"),
    ("../../templates/default/guide.css", "must be a file of content/"),
    ("//cdn.example/logo.png", "must be a file of content/"),
    ("data:image/png;base64,iVBORw0KGgo=", None), ("dot%20one.png", None)])
def test_pictures_inside_an_svg_logo(tmp_path: Path, href: str, said: str | None) -> None:
    """Which pictures an SVG logo may show (the check validate runs, without a build)."""
    from PIL import Image

    from generator.load.content import _svg_problem

    images = tmp_path / "content/images"
    images.mkdir(parents=True)
    Image.new("RGB", (4, 4)).save(images / "dot one.png")
    drawing = (f'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><image '
               f'href="{href}" width="9" height="9"/></svg>').encode()
    problem = _svg_problem(images / "logo.svg", drawing, "logo", tmp_path / "content")
    assert (problem is None) if said is None else (problem is not None and said in problem), \
        problem
