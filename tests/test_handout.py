"""DOCX handouts, reopened with python-docx and converted by LibreOffice headless."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import RGBColor

from generator.render.docx.reference import build_reference
from generator.resolve.viewmodel import NOTE_LINE_MM

from helpers import edit, run_cli
from pdfread import fonts_of, page_texts, text_of

ROLES = ("pm", "po")
HEADINGS = {
    "en": ["Missions", "Key skills", "Working methods", "Career path", "In class",
           "Come and meet us"],
    "fr": ["Missions", "Compétences clés", "Méthodes de travail", "Évolution de carrière",
           "En classe", "Venez nous rencontrer"],
}
MISSION = {"en": "Create and manage the product backlog.",
           "fr": "Créer et gérer le backlog produit."}


def handout(demo_build: Path, campus: str, lang: str, role: str) -> Path:
    return demo_build / campus / lang / f"handout-{role}.docx"


def paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in Document(str(path)).paragraphs]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_headings_use_heading_styles_in_order(demo_build: Path, lang: str) -> None:
    found = paragraphs(handout(demo_build, "demo-nord", lang, "po"))
    assert found[0] == ("Kicker", {"fr": "Fiche métier", "en": "Career profile"}[lang])
    assert found[1][0] == "Title" and found[1][1].replace("\u00a0", " ") == "Product Owner"
    assert [text for style, text in found if style == "Heading 1"] == HEADINGS[lang]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_text_is_in_the_right_language(demo_build: Path, lang: str) -> None:
    other = "en" if lang == "fr" else "fr"
    texts = [text for _, text in paragraphs(handout(demo_build, "demo-sud", lang, "po"))]
    assert MISSION[lang] in texts and MISSION[other] not in texts


def test_lists_are_word_lists(demo_build: Path) -> None:
    styles = dict((text, style) for style, text in
                  paragraphs(handout(demo_build, "demo-nord", "en", "po")))
    assert styles["Create and manage the product backlog."] == "List Number"
    assert styles["A command of agile principles."] == "List Bullet"
    assert styles["Agile methods."] == "List Bullet"


def test_key_facts_table_has_a_header_row(demo_build: Path) -> None:
    document = Document(str(handout(demo_build, "demo-nord", "fr", "pm")))
    table = document.tables[0]
    assert table.style.name == "Brochure Table"
    first = table.rows[0]
    assert [cell.text for cell in first.cells] == ["Repères", "En bref"]
    assert first._tr.trPr.find(qn("w:tblHeader")) is not None
    labels = [row.cells[0].text for row in table.rows[1:]]
    # the career path has its own section: not printed twice
    assert labels == ["Formation", "Accès au métier", "Métiers proches", "Salaire"]


def test_header_names_campus_and_footer_has_page_field(demo_build: Path) -> None:
    section = Document(str(handout(demo_build, "demo-sud", "en", "po"))).sections[0]
    assert "Demo Campus South" in section.header.paragraphs[0].text
    assert section.header.part.related_parts, "the logo picture is missing"
    footer = section.footer.paragraphs[0]._p
    fields = footer.findall(qn("w:fldSimple"))
    assert [field.get(qn("w:instr")) for field in fields] == ["PAGE"]


def test_bold_is_a_style_not_direct_formatting(demo_build: Path) -> None:
    document = Document(str(handout(demo_build, "demo-nord", "fr", "pm")))
    cells = [cell for table in document.tables for row in table.rows for cell in row.cells]
    every_paragraph = document.paragraphs + [p for cell in cells for p in cell.paragraphs]
    runs = [run for paragraph in every_paragraph for run in paragraph.runs]
    assert any(run.style.name == "Strong" and run.text == "Bac+5" for run in runs)
    # Runs carry a style, and for job titles and addresses their language and proofing
    # (never hyphenated): nothing that changes how they look.
    unseen = {qn("w:rStyle"), qn("w:noProof"), qn("w:lang")}
    for run in runs:
        properties = run._r.rPr
        if properties is not None:
            assert {child.tag for child in properties} <= unseen, run.text
    assert any(run.text == "Product Owner" and run._r.rPr is not None for run in runs)


def test_markdown_link_becomes_a_hyperlink(project_dir: Path) -> None:
    edit(project_dir, "content/roles/po.yaml", "    en: Agile methods.",
         "    en: Agile methods, see [the Scrum Guide](https://scrumguides.org).")
    result = run_cli("build", "--project", str(project_dir), "--doc", "handout",
                     "--campus", "demo-nord", "--lang", "en", "--role", "po")
    assert result.exit_code == 0, result.output
    document = Document(str(project_dir / "build/demo-nord/en/handout-po.docx"))
    links = [link for link in document.element.body.iter(qn("w:hyperlink"))
             if "Scrum" in "".join(t.text for t in link.iter(qn("w:t")))]
    assert len(links) == 1
    relation = document.part.rels[links[0].get(qn("r:id"))]
    assert relation.is_external and relation.target_ref == "https://scrumguides.org"
    assert "".join(t.text for t in links[0].iter(qn("w:t"))) == "the Scrum Guide"


def test_role_option_narrows_the_handouts(project_dir: Path) -> None:
    result = run_cli("build", "--project", str(project_dir), "--doc", "handout", "--role", "pm")
    assert result.exit_code == 0, result.output
    built = sorted(p.name for p in (project_dir / "build").rglob("*.docx"))
    assert built == ["handout-pm.docx"] * 2  # demo-sud does not print the PM


def test_campus_reference_docx_restyles_headings(project_dir: Path) -> None:
    campus_dir = project_dir / "templates/campuses/demo-nord"
    campus_dir.mkdir(parents=True)
    (campus_dir / "reference.docx").write_bytes(build_reference(RGBColor(0xC0, 0x00, 0x00)))
    result = run_cli("build", "--project", str(project_dir), "--doc", "handout", "--role", "po",
                     "--lang", "fr")
    assert result.exit_code == 0, result.output
    nord = Document(str(project_dir / "build/demo-nord/fr/handout-po.docx"))
    sud = Document(str(project_dir / "build/demo-sud/fr/handout-po.docx"))
    assert nord.styles["Heading 1"].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    # Without a reference.docx of its own, a campus's headings take its brand colour.
    assert sud.styles["Heading 1"].font.color.rgb == RGBColor(0x2A, 0x6F, 0x4E)


def test_control_character_in_a_role_is_a_content_error(project_dir: Path) -> None:
    edit(project_dir, "content/roles/po.yaml", "    en: Agile methods.",
         '    en: "Agile\\x0b methods."')
    result = run_cli("build", "--project", str(project_dir), "--doc", "handout")
    assert result.exit_code == 1
    assert "content/roles/po.yaml:" in result.output and "control character" in result.output


@pytest.mark.parametrize("campus,role,pages", [
    ("demo-nord", "pm", 2), ("demo-nord", "po", 2),  # two A4 pages
    ("demo-sud", "po", 4),  # demo-sud prints on A5
])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_libreoffice_opens_each_handout(libreoffice_pdfs: Path, campus: str, role: str,
                                        pages: int, lang: str) -> None:
    pdf = libreoffice_pdfs / campus / lang / f"handout-{role}.pdf"
    assert len(page_texts(pdf)) <= pages
    # The Word styles name the campus fonts, and LibreOffice prints with them.
    fonts = " ".join(fonts_of(pdf))
    assert "Lato" in fonts and ("NotoSerif" in fonts) == (campus == "demo-sud")
    text = text_of(pdf)
    for heading in HEADINGS[lang]:
        assert heading in text
    if role == "po":
        assert MISSION[lang] in text


def test_a5_campus_handouts_are_a5(demo_build: Path) -> None:
    section = Document(str(handout(demo_build, "demo-sud", "fr", "po"))).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (148, 210)


def test_header_row_is_bold_as_the_table_style_says(demo_build: Path) -> None:
    """Normal must not switch bold off, or the table style's bold header row is lost."""
    document = Document(str(handout(demo_build, "demo-nord", "fr", "pm")))
    normal = document.styles["Normal"].element
    assert normal.find(f"{qn('w:rPr')}/{qn('w:b')}") is None
    table_style = document.styles["Brochure Table"].element
    first_row = next(p for p in table_style.findall(qn("w:tblStylePr"))
                     if p.get(qn("w:type")) == "firstRow")
    assert first_row.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None


def numbered_list_ids(path: Path) -> dict[str, str]:
    """Text of each numbered paragraph → the numbering instance it belongs to."""
    document = Document(str(path))
    style_number = document.styles["List Number"].element.find(
        f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val"))
    found = {}
    for paragraph in document.paragraphs:
        if paragraph.style.name == "List Number":
            own = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
            found[paragraph.text] = own.get(qn("w:val")) if own is not None else style_number
    return found


def test_questions_are_a_numbered_list_of_their_own(demo_build: Path) -> None:
    path = handout(demo_build, "demo-nord", "fr", "pm")
    lists = numbered_list_ids(path)
    missions = lists["Définir la vision du produit sur le long terme."]
    question = next(text for text in lists if text.startswith("Qui définit la vision"))
    assert lists[question] != missions
    numbering = Document(str(path)).part.numbering_part.element
    restarted = numbering.num_having_numId(int(lists[question]))
    start = restarted.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
    assert start is not None and start.get(qn("w:val")) == "1"


def test_notes_are_ruled_lines_not_underscores(demo_build: Path) -> None:
    document = Document(str(handout(demo_build, "demo-sud", "fr", "po")))
    assert not any("___" in p.text for p in document.paragraphs)
    notes = document.tables[-1]
    # their header row is their heading, then the lines
    assert notes.rows[0].cells[0].text == "Notes"
    lines = notes.rows[1:]
    # on A5 the notes fill their page: more than the 6 lines of an A4 handout
    assert len(lines) > 6 and len(notes.columns) == 1
    a4 = Document(str(handout(demo_build, "demo-nord", "fr", "po"))).tables[-1]
    assert len(a4.rows) == 1 + 6
    # the spacing of the brochure's note lines on the campus's paper (A5)
    assert {round(row.height.mm, 1) for row in lines} == {NOTE_LINE_MM["A5"]}
    borders = notes._tbl.tblPr.find(qn("w:tblBorders"))
    ruled = {b.tag.split("}")[1] for b in borders if b.get(qn("w:val")) == "single"}
    assert ruled == {"bottom", "insideH"}


def test_contact_block_with_links_and_fictional_notice(demo_build: Path) -> None:
    document = Document(str(handout(demo_build, "demo-nord", "fr", "po")))
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    assert {"mailto:contact@nord.example", "https://nord.example"} <= targets
    texts = [p.text for p in document.paragraphs]
    assert any(text.startswith("Ce campus de démonstration est fictif") for text in texts)
    assert any(text.startswith("Journées portes ouvertes") and "samedi 16 janvier 2027" in text
               for text in texts)


def test_logo_has_alt_text_and_room_below(demo_build: Path) -> None:
    document = Document(str(handout(demo_build, "demo-nord", "fr", "po")))
    section = document.sections[0]
    pictures = section.header.part.element.findall(".//" + qn("wp:docPr"))
    assert [p.get("descr") for p in pictures] == ["Logo de Campus Démo Nord"]
    logo_height = section.header.part.element.find(".//" + qn("wp:extent")).get("cy")
    assert section.top_margin >= section.header_distance + int(logo_height)


def test_one_pager_headings_have_no_gap(demo_build: Path) -> None:
    document = Document(str(demo_build / "demo-nord" / "fr" / "comparison-pm-vs-po.docx"))
    levels = [0 if p.style.name == "Title" else int(p.style.name.split()[-1])
              for p in document.paragraphs if p.style.name.startswith(("Title", "Heading"))]
    assert levels[0] == 0 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_libreoffice_numbers_questions_from_one(libreoffice_pdfs: Path) -> None:
    text = text_of(libreoffice_pdfs / "demo-nord" / "fr" / "handout-pm.pdf")
    assert "1. Définir la vision" in text and "1. Qui définit la vision" in text
