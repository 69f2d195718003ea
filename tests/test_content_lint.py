"""`validate` checks what printing would find: characters the fonts lack, brand colours
that do not read, catalogue words missing, texts too long for where they go."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from generator.resolve.colours import LIGHT_GROUND, contrast
from generator.resolve.markup import inline_tokens, to_html
from generator.resolve.typography import NNBSP, typographer

from helpers import build_fails, edit, line_of, run_cli, snapshot
from pdfread import fill_colours, text_of

PO = "content/roles/po.yaml"
HOOK_FR = "    Le rôle clé des méthodologies agiles"


def _validate_fails(project: Path, *expected: str) -> str:
    before = snapshot(project) if (project / "build").exists() else {}
    result = run_cli("validate", "--project", str(project))
    assert result.exit_code == 1, result.output
    for fragment in expected:
        assert fragment in result.output, result.output
    assert (snapshot(project) if before else {}) == before
    return result.output


def test_a_character_no_font_has_is_found_by_validate(built_project: Path) -> None:
    edit(built_project, PO, HOOK_FR, "    🚀 Le rôle clé des méthodologies agiles")
    line = line_of(built_project, PO, "  fr: >-")  # the hook's French text
    expected = (f"{PO}:{line}:7: hook.fr: the character '🚀' (U+1F680, rocket) is not in "
                "the font Lato nor in Noto Serif: it cannot be printed")
    _validate_fails(built_project, expected)
    build_fails(built_project, expected)  # and no handout was written either


def test_arabic_or_hebrew_text_is_refused_not_printed_in_a_system_font(
        built_project: Path) -> None:
    edit(built_project, PO, "  fr: Product Owner\n", "  fr: Product Owner مالك المنتج\n")
    _validate_fails(built_project, f"{PO}:4:7: title.fr: the character 'ك' (U+0643, arabic "
                                   "letter kaf) is not in the font Lato")


def test_low_contrast_brand_colours_are_reported_and_printed_darker(demo_build: Path) -> None:
    result = run_cli("validate", "--project", str(Path(__file__).parent.parent))
    assert result.exit_code == 0
    assert ("content/campuses/demo-sud.yaml:15:11: brand.accent: #f2b134 on white reaches only "
            "1.9:1 (small text needs 4.5:1): small accent text (kickers) are printed in a "
            "darker shade, #8f681f") in result.output
    assert ("brand.accent: white text on #f2b134 would reach only 1.9:1: text on this colour "
            "is printed dark instead") in result.output
    painted = fill_colours(demo_build / "demo-sud/fr/guide-pm-vs-po.pdf")
    assert "#8f681f" in painted and contrast("#8f681f", LIGHT_GROUND) >= 4.5  # boxes too
    assert "#111827" in painted  # dark text on the yellow badges


def test_a_campus_template_colour_that_does_not_read_is_named(project_dir: Path) -> None:
    """A campus override writes its own colours: validate judges them against their
    ground (the demo's own override reads, so validate says nothing of it)."""
    template = "templates/campuses/demo-sud/guide.html"
    clean = run_cli("validate", "--project", str(project_dir))
    assert clean.exit_code == 0 and template not in clean.output, clean.output
    edit(project_dir, template, ".cover-sud .sud-subtitle { font-size: 11pt;",
         ".cover-sud .sud-subtitle { color: var(--primary); font-size: 11pt;")
    edit(project_dir, template, ".cover-sud .sud-title { font-size: 24pt; line-height: 1.12; "
         "color: var(--primary-on-accent);", ".cover-sud .sud-title { font-size: 24pt; "
         "line-height: 1.12; color: var(--primary);")
    line = line_of(project_dir, template, ".cover-sud .sud-subtitle { color")
    result = run_cli("validate", "--project", str(project_dir))
    assert result.exit_code == 0
    assert (f"{template}:{line}:3: .cover-sud .sud-subtitle: text var(--primary) on its ground "
            "reaches only 3.2:1 for campus demo-sud (#2a6f4e on #f2b134; at least 4.5:1)"
            ) in result.output
    assert ".sud-title:" not in result.output  # 24 pt: large text, 3:1 is enough


def test_a_word_missing_from_a_catalogue_is_found(project_dir: Path) -> None:
    catalogue = "templates/locales/fr/LC_MESSAGES/messages.po"
    edit(project_dir, catalogue, 'msgid "Address"\nmsgstr "Adresse"\n\n', "")
    line = line_of(project_dir, "templates/default/partials/campus.html", "'Address'")
    output = _validate_fails(project_dir, f'{catalogue}: "Address" (used in '
                                          f"templates/default/partials/campus.html:{line}) is not"
                                          " in this catalogue: run careerdocs i18n extract")
    assert "1 problem found" in output
    compiled = run_cli("i18n", "compile", "--project", str(project_dir))
    assert compiled.exit_code == 1 and '"Address" (used in' in compiled.output
    lenient = run_cli("validate", "--project", str(project_dir), "--allow-missing")
    assert lenient.exit_code == 0 and "the English words are printed instead" in lenient.output


@pytest.mark.slow  # prints a one-pager
def test_the_adhoc_title_is_translated(project_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "pm-po.pdf"
    result = run_cli("compare", "pm", "po", "--project", str(project_dir), "--lang", "fr",
                     "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "Product Manager · Product Owner, côte à côte" in text_of(target)


def test_texts_too_long_for_their_place_are_refused(project_dir: Path) -> None:
    edit(project_dir, PO, "short_title:\n  fr: PO\n", "short_title:\n  fr: PRODOWNER\n")
    edit(project_dir, "content/guides/pm-vs-po.yaml", 'fr: "Product Manager vs Product Owner',
         'fr: "' + "Un titre bien trop long pour une couverture " * 3 + 'Product Manager')
    _validate_fails(project_dir,
                    f"{PO}:7:7: short_title.fr: at most 6 characters, so that it fits in the round "
                    "badge (e.g. PO, DEVOPS): 'PRODOWNER' has 9",
                    "content/guides/pm-vs-po.yaml:5:7: title.fr: at most 100 characters, so that "
                    "it fits on the cover")


def test_old_brochure_fields_say_where_they_moved(project_dir: Path) -> None:
    school = project_dir / "content/school.yaml"
    school.write_text(school.read_text() + "brochure:\n  title:\n    fr: Titre\n    en: Title\n")
    edit(project_dir, "content/campuses/demo-nord.yaml", "documents: [guide,",
         "documents: [brochure,")
    output = _validate_fails(
        project_dir, "content/school.yaml:", "brochure: the brochure's title and subtitle have "
        "moved to a guide file: create content/guides/<id>.yaml",
        "documents.1: unknown kind of document 'brochure' (choose from: guide, handout, "
        "comparison, web; write guide (one PDF per file of content/guides/))")
    assert "unknown field" not in output


@pytest.mark.slow  # several guides or one-pagers printed
def test_a_six_letter_badge_prints_whole(project_dir: Path) -> None:
    edit(project_dir, PO, "short_title:\n  fr: PO\n  en: PO\n",
         "short_title:\n  fr: DEVOPS\n  en: DEVOPS\n")
    result = run_cli("build", "--project", str(project_dir), "--campus", "demo-sud",
                     "--lang", "fr", "--doc", "guide")
    assert result.exit_code == 0, result.output
    pages = PdfReader(project_dir / "build/demo-sud/fr/guide-pm-vs-po.pdf").pages
    assert sum(page.extract_text().count("DEVOPS") for page in pages) >= 3  # cover, role, table


def test_addresses_are_never_touched_by_typography() -> None:
    french = typographer("fr")
    text = "Voir https://example.org/metiers?id=3&lang=fr ou écrire à a.b@example.org ?"
    assert french(text) == ("Voir https://example.org/metiers?id=3&lang=fr ou écrire à "
                            f"a.b@example.org{NNBSP}?")
    html = to_html("Le Product Owner : https://example.org/x?y=1.", names=("Product Owner",))
    assert html == ('Le <span class="name">Product Owner</span> : '
                    '<span class="url">https://example.org/x?y=1</span>.')


@pytest.mark.slow  # prints several documents
def test_links_codes_and_other_names_are_printed(project_dir: Path) -> None:
    role = project_dir / PO
    role.write_text(role.read_text() + (
        "also_known_as:\n  - fr: Responsable produit agile\n    en: Agile product lead\n"
        "links:\n  - label:\n      fr: Fiche métier\n      en: Job profile\n"
        "    url: https://example.org/fiches/po\n"
        "codes:\n  rome: M1803\n"))
    result = run_cli("build", "--project", str(project_dir), "--campus", "demo-nord",
                     "--lang", "fr", "--doc", "guide", "--doc", "handout", "--role", "po")
    assert result.exit_code == 0, result.output
    guide = project_dir / "build/demo-nord/fr/guide-pm-vs-po.pdf"
    text = text_of(guide).replace("\u00a0", " ")
    for words in ("Aussi appelé : Responsable produit agile", "Pour aller plus loin",
                  "Fiche métier", "https://example.org/fiches/po", "Code ROME : M1803"):
        assert words in text, words
    uris = [str(annotation.get_object()["/A"].get("/URI")) for page in PdfReader(guide).pages
            for annotation in page.get("/Annots") or [] if "/A" in annotation.get_object()]
    assert "https://example.org/fiches/po" in uris
    handout = Document(str(project_dir / "build/demo-nord/fr/handout-po.docx"))
    words = " ".join(p.text for p in handout.paragraphs).replace("\u00a0", " ")
    assert "Responsable produit agile" in words and "Code ROME : M1803" in words
    relations = [r.target_ref for r in handout.part.rels.values() if r.is_external]
    assert "https://example.org/fiches/po" in relations


@pytest.mark.parametrize("tag", ["anglais", "xx", "qq", "en-ZZ", "und", "fr-XY"])
def test_a_foreign_word_marked_with_no_language_is_found(project_dir: Path, tag: str) -> None:
    edit(project_dir, "content/roles/po.yaml", "[backlog]{lang=en} produit.",
         f"[backlog]{{lang={tag}}} produit.")
    line = line_of(project_dir, "content/roles/po.yaml", f"{{lang={tag}}}")
    _validate_fails(project_dir, f"content/roles/po.yaml:{line}:",
                    f"'{{lang={tag}}}' is not a language")


@pytest.mark.parametrize("tag", ["en", "en-GB", "es", "de-AT", "la"])
def test_real_languages_are_kept(tag: str) -> None:
    assert f'<span lang="{tag}">backlog</span>' in str(to_html(f"[backlog]{{lang={tag}}}"))


def test_a_made_up_language_is_not_written_into_a_document() -> None:
    assert "lang" not in str(to_html("[backlog]{lang=xx}"))
    assert all("lang" not in token.attrs for token in inline_tokens("[backlog]{lang=xx}")
               if token.type == "span_open")
