"""Languages: typography per language, locale formats, missing translations, a third language."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from docx import Document
from pypdf import PdfReader

from generator.resolve.typography import NBSP, NNBSP, typographer

from helpers import edit, lay_out_once, line_of, run_cli

PO = "content/roles/po.yaml"


def raw_text(pdf: Path) -> str:
    """The PDF's text exactly as extracted: no-break spaces are kept."""
    return "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def docx_text(path: Path) -> str:
    document = Document(str(path))
    cells = [c for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(p.text for p in [*document.paragraphs,
                                      *(p for c in cells for p in c.paragraphs)])


@pytest.mark.parametrize("text,expected", [
    ("Pourquoi ce guide ?", f"Pourquoi ce guide{NNBSP}?"),
    ("Bonjour!", f"Bonjour{NNBSP}!"),
    ("agiles : sprint planning ; revues", f"agiles{NBSP}: sprint planning{NNBSP}; revues"),
    ('le "CEO" de son produit', f"le «{NBSP}CEO{NBSP}» de son produit"),
    ("le « CEO » de", f"le «{NBSP}CEO{NBSP}» de"),
    ("basées sur 70 % de pratique, 45 000 €", f"basées sur 70{NBSP}% de pratique, 45 000{NBSP}€"),
    ("l'évolution d'un PO", "l’évolution d’un PO"),
    ("[le site](https://example.org/a?b=c:d) !", f"[le site](https://example.org/a?b=c:d){NNBSP}!"),
    ("à 14:30", "à 14:30"),
])
def test_french_rules(text: str, expected: str) -> None:
    assert typographer("fr")(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("What is the difference ?", "What is the difference?"),
    ("a product's success", "a product’s success"),
    ('the "CEO" of', "the “CEO” of"),
    ("vs : what", "vs: what"),
])
def test_english_rules(text: str, expected: str) -> None:
    assert typographer("en")(text) == expected


def test_typography_is_idempotent() -> None:
    for lang in ("fr", "en"):
        once = typographer(lang)('Le "CEO" : l\'évolution ? 70 % !')
        assert typographer(lang)(once) == once


def test_french_pdf_has_the_no_break_spaces(demo_build: Path) -> None:
    french = raw_text(demo_build / "demo-nord/fr/guide-pm-vs-po.pdf")
    assert f"Pourquoi ce guide{NNBSP}?" in french
    assert f"quelles différences{NNBSP}?" in french
    assert f"numérique{NNBSP}!" in french
    assert "guide ?" not in french and "différences ?" not in french
    # Noto Serif (demo-sud's headings) has a glyph of its own for the no-break space.
    sud = raw_text(demo_build / "demo-sud/fr/guide-pm-vs-po.pdf")
    assert f"agiles{NBSP}: il représente" in sud


def test_english_pdf_has_english_rules(demo_build: Path) -> None:
    english = raw_text(demo_build / "demo-nord/en/guide-pm-vs-po.pdf")
    assert "what is the difference?" in english and "Why this guide?" in english
    assert NNBSP not in english and NBSP not in english
    assert "product’s success" in english


def test_french_docx_has_the_no_break_spaces(demo_build: Path) -> None:
    french = docx_text(demo_build / "demo-nord/fr/handout-po.docx")
    assert f"Organiser les cérémonies agiles{NBSP}: sprint planning" in french
    assert f"Pourquoi le poste de Product Manager est-il souvent l’évolution de carrière " \
           f"d’un Product Owner{NNBSP}?" in french
    english = docx_text(demo_build / "demo-nord/en/handout-po.docx")
    assert "Run the agile ceremonies: sprint planning" in english
    # no space before punctuation in English (titles bind their last two words, with a
    # no-break space, in every language)
    assert NNBSP not in english and f"{NBSP}:" not in english and f"{NBSP}?" not in english


def test_dates_per_locale(demo_build: Path) -> None:
    assert "samedi 16 janvier 2027" in raw_text(demo_build / "demo-nord/fr/guide-pm-vs-po.pdf")
    assert "Saturday 16 January 2027" in raw_text(demo_build / "demo-nord/en/guide-pm-vs-po.pdf")


@pytest.mark.slow  # several PDFs in several languages
def test_amounts_per_locale_in_pdf_and_docx(project_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    lay_out_once(monkeypatch)  # the texts, not the layout, for time
    edit(project_dir, PO, "salary:\n", """salary:
  ranges:
    - label: {fr: Débutant, en: Entry level}
      minimum: 45000
      maximum: 55000
      source: Test fixture
      year: 2026
""")
    result = run_cli("build", "--project", str(project_dir), "--campus", "demo-nord",
                     "--doc", "guide", "--doc", "handout", "--role", "po")
    assert result.exit_code == 0, result.output
    build = project_dir / "build/demo-nord"
    french = raw_text(build / "fr/guide-pm-vs-po.pdf")
    english = raw_text(build / "en/guide-pm-vs-po.pdf")
    assert f"45{NNBSP}000 € – 55{NNBSP}000 €" in french
    assert "€45,000 – €55,000" in english
    assert f"Débutant{NBSP}: 45{NNBSP}000{NBSP}€ – 55{NNBSP}000{NBSP}€" in docx_text(
        build / "fr/handout-po.docx")
    assert "Entry level: €45,000 – €55,000 (source: Test fixture, 2026)" in docx_text(
        build / "en/handout-po.docx")


def test_missing_translation_is_an_error_with_file_line_and_language(project_dir: Path) -> None:
    edit(project_dir, PO, "    en: Work closely with the development teams.\n", "")
    line = line_of(project_dir, PO, "Collaborer étroitement")
    path = project_dir / "templates/locales/fr/LC_MESSAGES/messages.po"
    text = path.read_text()
    path.write_text(text.replace('msgstr "Compétences clés"', 'msgstr ""'))
    po_line = text.splitlines().index('msgid "Key skills"') + 1
    for command in ("validate", "build"):
        result = run_cli(command, "--project", str(project_dir))
        assert result.exit_code == 1
        assert f"{PO}:{line}:5: missions.3: missing translation: English (en)" in result.output
        assert (f"templates/locales/fr/LC_MESSAGES/messages.po:{po_line}: missing French (fr) "
                'translation of "Key skills"') in result.output
    assert not (project_dir / "build").exists()


def test_allow_missing_builds_and_says_what_was_replaced(project_dir: Path) -> None:
    edit(project_dir, PO, "    en: Work closely with the development teams.\n", "")
    result = run_cli("build", "--project", str(project_dir), "--campus", "demo-nord",
                     "--lang", "en", "--doc", "handout", "--allow-missing")
    assert result.exit_code == 0, result.output
    assert result.output.count("missing translation") == 1  # the colour notes aside
    assert "missions.3: missing translation: English (en) (the French (fr) text is printed " \
           "instead)" in result.output
    handout = docx_text(project_dir / "build/demo-nord/en/handout-po.docx")
    assert "Collaborer étroitement avec les équipes de développement." in handout


def add_spanish(project: Path) -> None:
    """A third language, with content and catalogue work only: no code is touched."""
    for path in sorted((project / "content").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(_with_spanish(data), allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    school = project / "content/school.yaml"
    school.write_text(school.read_text().replace("- fr\n- en\n", "- fr\n- en\n- es\n"))
    result = run_cli("i18n", "update", "--lang", "es", "--project", str(project))
    assert result.exit_code == 0, result.output
    path = project / "templates/locales/es/LC_MESSAGES/messages.po"
    with path.open("rb") as handle:  # the translator's work, done here with Babel
        catalogue = read_po(handle)
    for message in catalogue:
        if message.id:
            message.string = f"{message.id} [es]"
    with path.open("wb") as handle:
        write_po(handle, catalogue)


def _with_spanish(data: object) -> object:
    if isinstance(data, dict) and set(data) == {"fr", "en"}:
        # Short titles (PM, PO) stay as they are: they must fit in a badge.
        short = len(data["fr"]) <= 3
        return {**data, "es": data["fr"] if short else f"[es] {data['fr']}"}
    if isinstance(data, dict):
        return {key: _with_spanish(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_with_spanish(item) for item in data]
    return data


@pytest.mark.slow  # several PDFs in several languages
def test_a_third_language_builds_end_to_end(project_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    lay_out_once(monkeypatch)  # the texts, not the layout, for time
    add_spanish(project_dir)
    result = run_cli("validate", "--project", str(project_dir))
    assert result.exit_code == 0, result.output
    result = run_cli("build", "--project", str(project_dir), "--lang", "es")
    assert result.exit_code == 0, result.output
    out = project_dir / "build/demo-nord/es"
    pdf = PdfReader(out / "guide-pm-vs-po.pdf")
    assert pdf.trailer["/Root"]["/Lang"] == "es"
    text = raw_text(out / "guide-pm-vs-po.pdf")
    assert "[es] Créer et gérer le backlog produit." in text
    assert "Contents [es]" in text and "sábado, 16 de enero de 2027" in text
    assert "Missions [es]" in docx_text(out / "handout-po.docx")
    assert len(PdfReader(out / "comparison-pm-vs-po.pdf").pages) == 1
    assert (project_dir / "build/demo-sud/es/guide-pm-vs-po.pdf").is_file()
