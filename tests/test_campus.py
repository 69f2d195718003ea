"""Per-campus customization: scaffold, brand tokens, overrides, bad campus input, sandbox."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import RGBColor

from helpers import SUD_GUIDE, build_fails, edit, lay_out_once, line_of, run_cli, snapshot
from pdfread import fill_colours, page_texts, text_of

NORD, SUD = "#1d3557", "#2a6f4e"


def build(project: Path, *args: str) -> None:
    result = run_cli("build", "--project", str(project), *args)
    assert result.exit_code == 0, result.output


@pytest.mark.slow  # several PDFs in several languages
def test_scaffolded_campus_builds_at_once_in_both_languages(
        project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lay_out_once(monkeypatch)  # the texts, not the layout, for time
    result = run_cli("campus", "new", "lyon", "--name", "Campus de Lyon",
                     "--project", str(project_dir))
    assert result.exit_code == 0, result.output
    assert (project_dir / "templates/campuses/lyon/README.md").is_file()
    yaml_text = (project_dir / "content/campuses/lyon.yaml").read_text()
    assert "# The postal address" in yaml_text and "paper: A4" in yaml_text
    build(project_dir, "--campus", "lyon")
    for lang in ("fr", "en"):
        pdf = project_dir / f"build/lyon/{lang}/guide-pm-vs-po.pdf"
        assert "Campus de Lyon" in text_of(pdf)
        assert (project_dir / f"build/lyon/{lang}/handout-po.docx").is_file()
    assert "lyon" in run_cli("list", "--project", str(project_dir)).output


@pytest.mark.parametrize("ident,name,message", [
    ("demo-nord", "Nord", "campus 'demo-nord' already exists"),
    ("Campus Lyon", "Lyon", "use only lowercase letters, digits and dashes"),
    ("lyon", " ", "give the campus a name"),
])
def test_scaffold_refuses(project_dir: Path, ident: str, name: str, message: str) -> None:
    result = run_cli("campus", "new", ident, "--name", name, "--project", str(project_dir))
    assert result.exit_code == 1 and message in result.output


def test_each_campus_pdf_paints_its_own_colours(demo_build: Path) -> None:
    nord = fill_colours(demo_build / "demo-nord/fr/guide-pm-vs-po.pdf")
    sud = fill_colours(demo_build / "demo-sud/fr/guide-pm-vs-po.pdf")
    assert NORD in nord and SUD not in nord
    assert SUD in sud and NORD not in sud
    one_pager = fill_colours(demo_build / "demo-sud/en/comparison-pm-vs-po.pdf")
    assert SUD in one_pager and NORD not in one_pager


def test_each_campus_docx_headings_take_its_colour(demo_build: Path) -> None:
    for campus, colour in (("demo-nord", NORD), ("demo-sud", SUD)):
        document = Document(str(demo_build / campus / "en/handout-po.docx"))
        expected = RGBColor.from_string(colour[1:].upper())
        for style in ("Heading 1", "Heading 2"):
            assert document.styles[style].font.color.rgb == expected
        # the title on a band of the campus colour
        band = document.styles["Title"].element.find(f"{qn('w:pPr')}/{qn('w:shd')}")
        assert band.get(qn("w:fill")) == colour[1:].upper()
        theme = next(part for part in document.part.package.iter_parts()
                     if str(part.partname).startswith("/word/theme/"))
        assert colour[1:].upper().encode() in theme.blob
        # LibreOffice reads the colour values of the table style, not the theme.
        table_style = document.styles["Light Grid Accent 1"].element.xml
        assert f'w:color="{colour[1:].upper()}"' in table_style
        assert 'w:color="4F81BD"' not in table_style
        assert f'w:fill="{colour[1:].upper()}"' in document.styles["Brochure Table"].element.xml
    sud = Document(str(demo_build / "demo-sud/en/handout-po.docx"))
    assert sud.styles["Heading 1"].font.name == "Noto Serif"
    assert sud.styles["Normal"].font.name == "Lato"


def test_campus_prints_its_roles_handouts_and_its_guides(demo_build: Path) -> None:
    assert sorted(p.name for p in (demo_build / "demo-sud/fr").glob("handout-*")) == [
        "handout-po.docx"]
    # The guide prints the roles its own file lists, whichever campus prints it.
    guide = text_of(demo_build / "demo-sud/fr/guide-pm-vs-po.pdf")
    assert "Le garant de la réussite d’un produit" in guide
    assert sorted(p.name for p in (demo_build / "demo-sud/fr").glob("guide-*")) == [
        "guide-pm-vs-po.pdf"]


@pytest.mark.slow  # several PDFs in several languages
def test_one_block_override_changes_that_block_only(project_dir: Path) -> None:
    build(project_dir, "--campus", "demo-nord", "--lang", "en", "--doc", "guide")
    pdf = project_dir / "build/demo-nord/en/guide-pm-vs-po.pdf"
    default_bytes, default_pages = pdf.read_bytes(), page_texts(pdf)
    override = project_dir / "templates/campuses/demo-nord/guide.html"
    override.parent.mkdir(parents=True)
    override.write_text('{% extends "!default/guide.html" %}\n'
                        '{% block back_cover %}<section class="back-cover">'
                        '<p class="back-cta">See you soon in the North!</p></section>'
                        '{% endblock %}\n')
    build(project_dir, "--campus", "demo-nord", "--lang", "en", "--doc", "guide")
    pages = page_texts(pdf)
    assert pages[:-1] == default_pages[:-1]
    assert pages[-1] != default_pages[-1] and "See you soon in the North!" in pages[-1]
    shutil.rmtree(override.parent)
    build(project_dir, "--campus", "demo-nord", "--lang", "en", "--doc", "guide")
    assert pdf.read_bytes() == default_bytes


@pytest.mark.slow  # several PDFs in several languages
def test_partial_override_and_school_theme_are_looked_up_in_order(
        project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lay_out_once(monkeypatch)  # which template, not the layout
    theme = project_dir / "templates/house/partials"
    theme.mkdir(parents=True)
    campus_html = (project_dir / "templates/default/partials/campus.html").read_text()
    (theme / "campus.html").write_text(campus_html.replace("<h1>", "<h1>HOUSE THEME "))
    edit(project_dir, "content/school.yaml", "languages: [fr, en]",
         "languages: [fr, en]\ntheme: house")
    campus_dir = project_dir / "templates/campuses/demo-sud/partials"
    campus_dir.mkdir(parents=True)
    (campus_dir / "campus.html").write_text(campus_html.replace("<h1>", "<h1>SUD ONLY "))
    build(project_dir, "--lang", "en", "--doc", "guide")
    nord = text_of(project_dir / "build/demo-nord/en/guide-pm-vs-po.pdf")
    sud = text_of(project_dir / "build/demo-sud/en/guide-pm-vs-po.pdf")
    assert "HOUSE THEME Demo Campus North" in nord and "SUD ONLY" not in nord
    assert "SUD ONLY Demo Campus South" in sud and "HOUSE THEME" not in sud


def test_missing_theme_folder(built_project: Path) -> None:
    edit(built_project, "content/school.yaml", "languages: [fr, en]",
         "languages: [fr, en]\ntheme: nowhere")
    build_fails(built_project, "content/school.yaml:6:8: theme: no theme 'nowhere' in templates/ "
                "(available: bold, classic, default)")


def test_bad_campus_inputs_name_file_and_line(built_project: Path) -> None:
    path = "content/campuses/demo-sud.yaml"
    edit(built_project, path, "roles: [po]", "roles: [po, cto]")
    edit(built_project, path, "headings: noto-serif", "headings: comic")
    edit(built_project, path, "paper: A5", "paper: Letter")
    build_fails(built_project,
                f"{path}:{line_of(built_project, path, 'roles: [po, cto]')}:13: roles.2: "
                "unknown role 'cto'",
                f"{path}:{line_of(built_project, path, 'headings: comic')}:15: "
                "brand.fonts.headings: no font 'comic' in templates/fonts/",
                "brand.paper: must be one of: 'A4' or 'A5'")


def test_too_large_logo(built_project: Path) -> None:
    big = built_project / "content/images/huge.svg"
    big.write_text("<svg xmlns='http://www.w3.org/2000/svg'>" + " " * 2_100_000 + "</svg>")
    edit(built_project, "content/campuses/demo-sud.yaml", "images/demo-sud.svg", "images/huge.svg")
    build_fails(built_project, "brand.logo: the logo is too large (2.1 MB, at most 2 MB)")


def test_override_with_syntax_error_names_the_campus_file(built_project: Path) -> None:
    override = built_project / "templates/campuses/demo-sud/guide.html"
    edit(built_project, "templates/campuses/demo-sud/guide.html",
         "{% block cover %}", "{% block cover %}{% if %}")
    line = line_of(built_project, "templates/campuses/demo-sud/guide.html", "{% if %}")
    before = snapshot(built_project)
    result = run_cli("validate", "--project", str(built_project))
    assert result.exit_code == 1
    assert f"templates/campuses/demo-sud/guide.html:{line}: template syntax" in result.output
    assert snapshot(built_project) == before
    build_fails(built_project, f"templates/campuses/demo-sud/guide.html:{line}:",
                narrow=SUD_GUIDE)
    assert override.is_file()


@pytest.mark.parametrize("attempt,message", [
    ('{% include "../../../../etc/hostname" %}', "template file not found"),
    ('{% include "/etc/hostname" %}', "template file not found"),
    ("{{ doc.__class__.__init__.__globals__ }}", "not allowed in a template"),
    ("{{ doc.campus.logo.__class__.__subclasses__() }}", "not allowed in a template"),
    ('<img src="https://example.org/tracker.png">', "only files of the project"),
    ('<img src="file:///etc/hostname">', "only files inside templates/ and content/"),
])
def test_campus_template_stays_in_its_sandbox(built_project: Path, attempt: str,
                                              message: str) -> None:
    edit(built_project, "templates/campuses/demo-sud/guide.html",
         '<p class="sud-subtitle">', f'{attempt}<p class="sud-subtitle">')
    output = build_fails(built_project, message, narrow=SUD_GUIDE)
    if "PDF printer" not in output:
        assert "templates/campuses/demo-sud/guide.html:" in output


def test_campus_template_cannot_link_outside(built_project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("the secret")
    partials = built_project / "templates/campuses/demo-sud/partials"
    partials.mkdir()
    (partials / "campus.html").symlink_to(secret)
    output = build_fails(built_project, "templates/", "links to a file outside templates/",
                         narrow=SUD_GUIDE)
    assert "the secret" not in output
