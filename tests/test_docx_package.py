"""The Word package around the text: valid XML, language tags, embedded fonts, and parts
that tell the truth (application, author, no leftovers of python-docx's template)."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from lxml import etree

from generator.render.docx.fonts import embeddable_font, obfuscate

from helpers import edit, line_of, run_cli
from officeread import schema_errors
from pdfread import fonts_of

REPO = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def demo_docx(demo_build: Path) -> list[Path]:
    files = sorted(demo_build.rglob("*.docx"))
    assert len(files) == 10, files
    return files


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def test_every_demo_docx_is_valid_ecma_376(demo_build: Path) -> None:
    problems = {path.relative_to(demo_build).as_posix(): schema_errors(path)
                for path in demo_docx(demo_build)}
    assert problems == {name: [] for name in problems}


@pytest.mark.slow  # loads the validator's schemas
def test_the_validator_refuses_a_colour_with_a_colour_attribute(tmp_path: Path) -> None:
    """The test above can fail: the bug of old (w:color w:color="…") is caught."""
    reference = REPO / "templates" / "default" / "reference.docx"
    assert schema_errors(reference) == []
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(reference) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/styles.xml":
                data, count = re.subn(rb'(<w:color w:val="[0-9A-F]{6}")', rb'\1 w:color="1D3557"',
                                      data, count=1)
                assert count == 1
            target.writestr(item, data)
    assert any("'color' attribute is not declared" in error for error in schema_errors(broken))


@pytest.mark.parametrize("lang,locale", [("fr", "fr-FR"), ("en", "en-GB")])
def test_text_is_tagged_with_the_document_language(demo_build: Path, lang: str,
                                                   locale: str) -> None:
    for path in (demo_build / "demo-nord" / lang).glob("*.docx"):
        document = Document(str(path))
        languages = {element.get(qn("w:val"))
                     for element in document.styles.element.iter(qn("w:lang"))}
        assert languages == {locale}, path
        defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        assert defaults is not None and defaults.get(qn("w:val")) == locale
        theme_language = document.settings.element.find(qn("w:themeFontLang"))
        assert theme_language.get(qn("w:val")) == locale
        assert document.core_properties.language == locale


@pytest.mark.slow  # builds Word files
def test_school_can_choose_the_country_of_a_language(project_dir: Path) -> None:
    edit(project_dir, "content/school.yaml", "languages: [fr, en]",
         "languages: [fr, en]\nlocales: {fr: fr-BE}")
    result = run_cli("build", "--project", str(project_dir), "--campus", "demo-nord",
                     "--doc", "handout", "--role", "po")
    assert result.exit_code == 0, result.output
    for lang, locale in (("fr", "fr-BE"), ("en", "en-GB")):
        styles = part(project_dir / "build" / "demo-nord" / lang / "handout-po.docx",
                      "word/styles.xml")
        assert set(re.findall(r'<w:lang w:val="([^"]+)"', styles)) == {locale}


@pytest.mark.parametrize("value,message", [
    ("{fr: en-GB}", "not a variety of the language 'fr'"),
    ("{fr: fr-XX}", "not a locale careerdocs knows"),
])
def test_a_wrong_locale_is_named(project_dir: Path, value: str, message: str) -> None:
    edit(project_dir, "content/school.yaml", "languages: [fr, en]",
         f"languages: [fr, en]\nlocales: {value}")
    result = run_cli("validate", "--project", str(project_dir))
    assert result.exit_code == 1
    line = line_of(project_dir, "content/school.yaml", "locales:")
    assert f"content/school.yaml:{line}:" in result.output and message in result.output


def test_package_parts_are_our_own(demo_build: Path) -> None:
    for path in demo_docx(demo_build):
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
        assert not {name for name in names if "thumbnail" in name or "stylesWithEffects" in name
                    or name.startswith("customXml/")}, path
        app = part(path, "docProps/app.xml")
        assert "<Application>careerdocs</Application>" in app
        assert "<Company>HETIC</Company>" in app
        assert not re.search(r"<(Pages|Words|Characters|Lines|Paragraphs|Template)>", app)
        settings = part(path, "word/settings.xml")
        assert re.findall(r'w:name="compatibilityMode"[^>]*w:val="(\d+)"', settings) == ["15"]
        assert "savePreviewPicture" not in settings
        core = Document(str(path)).core_properties
        assert core.author == core.last_modified_by == "HETIC"
        assert core.last_printed is None


def embedded_fonts(path: Path) -> dict[str, set[str]]:
    """Family → styles embedded, read back from the parts (de-obfuscated with the key the
    font table gives) with fontTools."""
    document = Document(str(path))
    table_part = next(rel.target_part for rel in document.part.rels.values()
                      if rel.reltype.endswith("/fontTable"))
    table = etree.fromstring(table_part.blob)
    found: dict[str, set[str]] = {}
    for font in table.findall(f"{W}font"):
        for embed in font:
            if not embed.tag.startswith(f"{W}embed"):
                continue
            blob = table_part.related_parts[embed.get(qn("r:id"))].blob
            names = TTFont(io.BytesIO(obfuscate(blob, embed.get(qn("w:fontKey")))))["name"]
            assert names.getDebugName(1) == font.get(qn("w:name"))
            found.setdefault(font.get(qn("w:name")), set()).add(embed.tag.removeprefix(
                f"{W}embed"))
    return found


def test_campus_fonts_are_embedded(demo_build: Path) -> None:
    styles = {"Regular", "Bold", "Italic", "BoldItalic"}
    nord = embedded_fonts(demo_build / "demo-nord" / "fr" / "handout-po.docx")
    sud = embedded_fonts(demo_build / "demo-sud" / "fr" / "handout-po.docx")
    assert nord == {"Lato": styles}
    assert sud == {"Lato": styles, "Noto Serif": styles}
    settings = part(demo_build / "demo-sud" / "fr" / "handout-po.docx", "word/settings.xml")
    assert "<w:embedTrueTypeFonts/>" in settings
    theme = part(demo_build / "demo-sud" / "fr" / "handout-po.docx", "word/theme/theme1.xml")
    assert re.search(r'<a:majorFont>\s*<a:latin typeface="Noto Serif"', theme)
    assert re.search(r'<a:minorFont>\s*<a:latin typeface="Lato"', theme)


def test_libreoffice_prints_with_the_embedded_fonts(libreoffice_pdfs: Path) -> None:
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    assert "Lato" not in listed and "Noto Serif" not in listed, \
        "this check needs a machine without Lato and Noto Serif installed"
    for pdf in sorted(libreoffice_pdfs.rglob("*.pdf")):
        fonts = " ".join(fonts_of(pdf))
        assert "Lato" in fonts, (pdf, fonts)
        assert ("NotoSerif" in fonts) == ("demo-sud" in pdf.parts), (pdf, fonts)


def test_a_foreign_word_is_tagged_in_its_language(demo_build: Path) -> None:
    """po.yaml marks "[backlog]{lang=en}" in French: that run is English, the rest French."""
    document = Document(str(demo_build / "demo-nord" / "fr" / "handout-po.docx"))
    mission = next(p for p in document.paragraphs if p.text.startswith("Créer et gérer le"))
    tagged = {run.text: run._r.find(f"{W}rPr/{W}lang") for run in mission.runs}
    assert tagged["backlog"] is not None and tagged["backlog"].get(qn("w:val")) == "en-GB"
    assert all(lang is None for text, lang in tagged.items() if text != "backlog")


@pytest.mark.slow  # makes a font subset twice
def test_font_subsets_are_the_same_from_the_cache_or_not(tmp_path: Path) -> None:
    """Same input, same bytes: a subset made now equals the cached one; a damaged cache
    file is made again, never embedded."""
    font = REPO / "templates" / "fonts" / "lato" / "Lato-Bold.ttf"
    fresh = embeddable_font(font, None)
    cache = tmp_path / "cache"
    assert embeddable_font(font, cache) == fresh
    (cached,) = cache.iterdir()
    assert embeddable_font(font, cache) == fresh  # read back from the cache
    cached.write_bytes(cached.read_bytes()[:-100])  # a write cut short
    assert embeddable_font(font, cache) == fresh
    assert TTFont(io.BytesIO(fresh))["name"].getDebugName(1) == "Lato"
    kept = set(TTFont(io.BytesIO(fresh)).getBestCmap())
    assert {ord(c) for c in "àâçéèêëîïôœùûüÿ€«»’–—…"} <= kept
