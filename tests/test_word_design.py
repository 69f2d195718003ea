"""The Word files as the brochure's siblings: its typographic rules (hyphenation, keeps),
its table design in the campus's colours, one body size, the one-pager's foot, and the
contrast of every text as LibreOffice prints it. Each check is also seen failing."""

from __future__ import annotations

import importlib.util
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle

from generator import BuildOptions, Project, build
from generator.render.docx.oxml import NO_LANGUAGE
from generator.render.docx.typography import HEADINGS, NEVER_HYPHENATED
from generator.resolve import colours
from generator.resolve.colours import BrandColours, contrast

from helpers import edit, run_cli
from officeread import libreoffice_to_pdf
from typographycheck import body_size, chars_of, contrast_problems, hyphen_problems, lines_of

PRIMARY = {"demo-nord": "#1d3557", "demo-sud": "#2a6f4e"}  # the campus files' colours
ACCENT = {"demo-nord": "#e76f51", "demo-sud": "#f2b134"}
# The styles of running text: they all print at the one body size.
BODY_STYLES = ("Normal", "Subtitle", "List Bullet", "List Number", "Contact", "Quote")
ZONE_TWIPS = (280, 1200)  # 12 % of a one-pager's role column up to an A4 handout's width


def demo_docx(demo_build: Path) -> list[Path]:
    return sorted(demo_build.rglob("*.docx"))


def typography_problems(document: DocxDocument) -> list[str]:
    """What breaks the PDFs' typographic rules in a Word file's settings and styles."""
    settings = document.settings.element
    problems = []
    if settings.find(qn("w:autoHyphenation")) is None:
        problems.append("no automatic hyphenation")
    limit = settings.find(qn("w:consecutiveHyphenLimit"))
    if limit is None or limit.get(qn("w:val")) != "2":
        problems.append("consecutive hyphenated lines not limited to 2")
    zone = settings.find(qn("w:hyphenationZone"))
    if zone is None or not ZONE_TWIPS[0] <= int(zone.get(qn("w:val"))) <= ZONE_TWIPS[1]:
        problems.append("no hyphenation zone of about 12 % of the measure")
    styles = document.styles
    for name in NEVER_HYPHENATED:
        if name in styles and styles[name].element.find(
                f"{qn('w:pPr')}/{qn('w:suppressAutoHyphens')}") is None:
            problems.append(f"{name} may be hyphenated")
    for name in HEADINGS:
        if name in styles and styles[name].element.find(
                f"{qn('w:pPr')}/{qn('w:keepNext')}") is None:
            problems.append(f"{name} does not keep with the next paragraph")
    return problems


def test_word_files_follow_the_typographic_rules(demo_build: Path) -> None:
    found = {path.relative_to(demo_build).as_posix(): typography_problems(Document(str(path)))
             for path in demo_docx(demo_build)}
    assert found == {name: [] for name in found}
    document = Document(str(demo_build / "demo-nord/fr/handout-po.docx"))
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    assert title.text.replace("\u00a0", " ") == "Product Owner"


def test_the_typography_check_can_fail(demo_build: Path) -> None:
    document = Document(str(demo_build / "demo-nord/fr/comparison-pm-vs-po.docx"))
    settings = document.settings.element
    settings.remove(settings.find(qn("w:consecutiveHyphenLimit")))
    heading = document.styles["Heading 1"].element.find(qn("w:pPr"))
    heading.remove(heading.find(qn("w:suppressAutoHyphens")))
    assert typography_problems(document) == ["consecutive hyphenated lines not limited to 2",
                                             "Heading 1 may be hyphenated"]


def test_lists_keep_their_items_together(demo_build: Path) -> None:
    document = Document(str(demo_build / "demo-nord/fr/handout-po.docx"))
    missions = [p for p in document.paragraphs if p.style.name == "List Number"][:5]
    keeps = [p.paragraph_format.keep_with_next for p in missions]
    assert keeps == [True, True, True, True, None]  # a short list: on one page
    assert all(p.paragraph_format.keep_together for p in missions)


def header_row(document: DocxDocument) -> tuple[str, str]:
    """The table style's header row: its ground and its text colour (#rrggbb)."""
    style = document.styles[document.tables[0].style.name].element
    first = next(p for p in style.findall(qn("w:tblStylePr"))
                 if p.get(qn("w:type")) == "firstRow")
    fill = first.find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill"))
    text = first.find(f"{qn('w:rPr')}/{qn('w:color')}").get(qn("w:val"))
    return f"#{fill}".lower(), f"#{text}".lower()


@pytest.mark.parametrize("campus", ["demo-nord", "demo-sud"])
@pytest.mark.parametrize("name", ["handout-po.docx", "comparison-pm-vs-po.docx"])
def test_table_header_row_in_the_campus_colour(demo_build: Path, campus: str,
                                               name: str) -> None:
    document = Document(str(demo_build / campus / "fr" / name))
    ground, text = header_row(document)
    assert ground == PRIMARY[campus]
    assert text == BrandColours.of(PRIMARY[campus], ACCENT[campus]).on_primary
    assert contrast(ground, text) >= 4.5
    borders = document.styles[document.tables[0].style.name].element.find(
        f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    assert {b.tag.split("}")[1] for b in borders if b.get(qn("w:val")) == "single"} == {
        "bottom", "insideH"}  # thin rules between rows, no grid


def _size(style: BaseStyle | None) -> float | None:
    """A style's type size, from the styles it is based on when it sets none."""
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return None


def body_sizes(document: DocxDocument) -> set[float | None]:
    """The type sizes of the paragraphs of running text (table cells included)."""
    cells = [p for table in document.tables for row in table.rows for cell in row.cells
             for p in cell.paragraphs]
    paragraphs = [p for p in [*document.paragraphs, *cells] if p.style.name in BODY_STYLES]
    sizes = {run.font.size.pt if run.font.size else _size(p.style)
             for p in paragraphs for run in p.runs}
    return sizes | {_size(p.style) for p in paragraphs if p.text}


@pytest.mark.parametrize("campus", ["demo-nord", "demo-sud"])
def test_one_body_size_for_every_block(demo_build: Path, campus: str) -> None:
    document = Document(str(demo_build / campus / "fr" / "handout-po.docx"))
    assert body_sizes(document) == {10.5}
    address = [p for p in document.paragraphs if p.style.name == "Contact"]
    assert address and "Contact" in {p.style.name for p in document.paragraphs}


def test_the_body_size_check_can_fail(demo_build: Path) -> None:
    document = Document(str(demo_build / "demo-nord" / "fr" / "handout-po.docx"))
    document.styles["Contact"].font.size = document.styles["Title"].font.size
    assert len(body_sizes(document)) == 2


def footer_text(path: Path) -> str:
    section = Document(str(path)).sections[0]
    return " ".join(p.text for p in section.footer.paragraphs)


def test_one_pager_foot_has_the_campus_and_the_fictional_notice(demo_build: Path) -> None:
    foot = footer_text(demo_build / "demo-nord/fr/comparison-pm-vs-po.docx")
    for expected in ("Rejoignez HETIC", "Campus Démo Nord", "1 rue de l’Exemple",
                     "contact@nord.example", "https://nord.example",
                     "Campus de démonstration fictif"):
        assert expected in foot.replace("\u00a0", " "), expected
    document = Document(str(demo_build / "demo-nord/fr/comparison-pm-vs-po.docx"))
    action = document.sections[0].footer.paragraphs[0]
    assert action.style.name == "Call to Action"
    assert action.style.font.bold and not action.style.font.italic
    assert f"#{action.style.font.color.rgb}".lower() == PRIMARY["demo-nord"]


@pytest.mark.slow  # prints a one-pager
def test_a_real_campus_one_pager_has_no_fictional_notice(project_dir: Path) -> None:
    edit(project_dir, "content/campuses/demo-nord.yaml", "fictional: true", "fictional: false")
    result = run_cli("build", "--project", str(project_dir), "--doc", "comparison",
                     "--campus", "demo-nord", "--lang", "fr")
    assert result.exit_code == 0, result.output
    foot = footer_text(project_dir / "build/demo-nord/fr/comparison-pm-vs-po.docx")
    assert "contact@nord.example" in foot and "1 rue de l’Exemple" in foot
    assert "fictif" not in foot


def contrast_report(pdfs: list[Path]) -> Iterator[tuple[str, float, list[str]]]:
    """Each PDF's lowest contrast and the runs under WCAG AA, page by page."""
    for pdf in pdfs:
        document = pdfium.PdfDocument(pdf)
        lowest, problems = 21.0, []
        for number in range(len(document)):
            low, found = contrast_problems(document[number])
            lowest = min(lowest, low)
            problems += [f"page {number + 1}: {problem}" for problem in found]
        yield pdf.name, lowest, problems


def test_every_text_reads_on_its_ground_in_libreoffice(libreoffice_pdfs: Path) -> None:
    pdfs = sorted(libreoffice_pdfs.rglob("*.pdf"))
    assert len(pdfs) == 10
    for name, lowest, problems in contrast_report(pdfs):
        assert problems == [], name
        assert lowest >= 4.5, name


@pytest.mark.slow
@pytest.mark.libreoffice
def test_the_contrast_check_can_fail(project_dir: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A text colour that does not read on the primary colour is caught."""
    monkeypatch.setattr(colours, "text_on", lambda ground: "#5a6b85")  # grey on navy
    out = tmp_path / "out"
    build(Project.at(project_dir), BuildOptions(output_dir=out, campuses=("demo-nord",),
                                                languages=("fr",), documents=("handout",),
                                                kind_options={"roles": ("po",)}))
    (pdf,) = libreoffice_to_pdf([out / "demo-nord/fr/handout-po.docx"], tmp_path / "lo",
                                tmp_path / "scratch")
    ((_name, lowest, problems),) = contrast_report([pdf])
    assert lowest < 3 and any("Repères" in problem for problem in problems)
    shutil.rmtree(out)


# A job title and a web address long enough for LibreOffice to hyphenate them in the
# A5 column of demo-sud's handout, in running text among other long words; the address
# has no hyphen of its own, so that a hyphen at a line end inside it is a hyphenation.
LONG_TITLE = "Responsable communication institutionnelle"
ADDRESS = "www.example.org/communicationinstitutionnelle"
LEAD = ("Dans", "les", "grandes", "entreprises", "internationales", "et", "les",
        "administrations", "publiques")


def title_in_running_text(project: Path, out: Path) -> Path:
    """demo-sud's handout of the PO (A5), its summary a long paragraph that names the PM,
    retitled LONG_TITLE, and ADDRESS at every place of its lines."""
    edit(project, "content/roles/pm.yaml", "  fr: Product Manager\n", f"  fr: {LONG_TITLE}\n")
    sentences = " ".join(f"{' '.join(LEAD[:count])}, le {LONG_TITLE} publie sur {ADDRESS} "
                         "les fonctionnalités du Product Owner." for count in range(1, 11))
    edit(project, "content/roles/po.yaml", "    Le Product Owner, ou PO, est l'interface",
         f"    {sentences} Voir [le site de l'école](https://www.example.org). Le Product "
         "Owner, ou PO, est l'interface")
    build(Project.at(project), BuildOptions(output_dir=out, campuses=("demo-sud",),
                                            languages=("fr",), documents=("handout",),
                                            kind_options={"roles": ("po",)}))
    return out / "demo-sud/fr/handout-po.docx"


def kept_whole(run: object) -> bool:
    """Whether a python-docx run is never hyphenated: no language, out of proofing."""
    properties = run._r.rPr  # type: ignore[attr-defined]
    language = None if properties is None else properties.find(qn("w:lang"))
    return bool(properties is not None and properties.find(qn("w:noProof")) is not None
                and language is not None and language.get(qn("w:val")) == NO_LANGUAGE)


@pytest.mark.slow
@pytest.mark.libreoffice
def test_job_titles_and_addresses_are_never_hyphenated(project_dir: Path,
                                                       tmp_path: Path) -> None:
    docx = title_in_running_text(project_dir, tmp_path / "out")
    summary = next(p for p in Document(str(docx)).paragraphs if LONG_TITLE in p.text)
    whole = {run.text for run in summary.runs if kept_whole(run)}
    assert whole == {LONG_TITLE, "Product Owner", "PO", ADDRESS}
    assert not any(kept_whole(run) for run in summary.runs if run.text not in whole)
    assert [kept_whole(run) for link in summary.hyperlinks for run in link.runs] == [True]
    (pdf,) = libreoffice_to_pdf([docx], tmp_path / "lo", tmp_path / "scratch")
    document = pdfium.PdfDocument(pdf)
    pages = [chars_of(document[number]) for number in range(len(document))]
    body = body_size(pages)
    found = [hyphen_problems(chars, body, (LONG_TITLE, ADDRESS)) for chars in pages]
    assert [problem for _count, problems in found for problem in problems
            if "job title" in problem] == []
    assert sum(count for count, _problems in found) >= 3  # the rest still hyphenates
    text = "".join(char.text for chars in pages for char in chars)
    assert "institution" in text  # the title was printed, on the lines it was checked on


def bench_module(name: str) -> object:
    """A script of bench/, imported as a module."""
    path = Path(__file__).resolve().parent.parent / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bench_reads_the_one_pager_footer_from_its_document(
        demo_build: Path, libreoffice_pdfs: Path) -> None:
    """bench/onepager_docx.py measures the free space down to the footer's real top: the
    lines under it are the footer's paragraphs (its call to action, the campus, the
    notice), every other line is above it."""
    bench = bench_module("onepager_docx")
    docx = demo_build / "demo-nord/fr/comparison-pm-vs-po.docx"
    page = pdfium.PdfDocument(libreoffice_pdfs / "demo-nord/fr/comparison-pm-vs-po.pdf")[0]
    lines = lines_of(chars_of(page))
    top = bench.footer_top(lines, docx)  # type: ignore[attr-defined]
    below = [char.text for line in lines if max(char.top for char in line) <= top
             for char in line if char.text.strip()]
    footer = Document(str(docx)).sections[0].footer.paragraphs
    assert Counter(below) == Counter("".join(" ".join(p.text for p in footer).split()))
    assert 0 < bench.free_share(  # type: ignore[attr-defined]
        libreoffice_pdfs / "demo-nord/fr/comparison-pm-vs-po.pdf", docx) < 0.5


def last_page(pdf: Path, docx: Path) -> tuple[int, str, float]:
    """A LibreOffice print's page count, its last page's text (between the margins of the
    DOCX, without spaces) and how far down that text area its last text reaches, as a
    share."""
    section = Document(str(docx)).sections[0]
    top = (section.page_height - section.top_margin) / 12700
    bottom = section.bottom_margin / 12700
    document = pdfium.PdfDocument(pdf)
    page = document[len(document) - 1]
    chars = [char for char in chars_of(page) if char.text.strip() and bottom < char.bottom < top]
    lowest = min(char.bottom for char in chars)
    return len(document), "".join(char.text for char in chars), (top - lowest) / (top - bottom)


@pytest.mark.parametrize("lang,notes,meet", [("fr", "Notes", "Venez nous rencontrer"),
                                              ("en", "Notes", "Come and meet us")])
def test_a_folded_handout_ends_on_its_page_of_notes(demo_build: Path, libreoffice_pdfs: Path,
                                                   lang: str, notes: str, meet: str) -> None:
    """demo-sud's A5 handout is a sheet folded in two: 4 pages, the last its notes, ruled
    lines down to the campus's contact at the foot (not a contact block alone at the top
    of a fourth page); an A4 handout's notes go on where the text ends."""
    docx = demo_build / f"demo-sud/{lang}/handout-po.docx"
    pages, text, reach = last_page(libreoffice_pdfs / f"demo-sud/{lang}/handout-po.pdf", docx)
    assert pages == 4
    assert text.startswith(notes) and meet.replace(" ", "") in text
    assert "bonjour@sud.example" in text
    assert reach > 0.9
    for path, broken in ((docx, True), (demo_build / f"demo-nord/{lang}/handout-po.docx", False)):
        heading = Document(str(path)).tables[-1].rows[0].cells[0].paragraphs[0]  # header row
        assert heading.text == notes
        assert bool(heading.paragraph_format.page_break_before) is broken


@pytest.mark.slow
@pytest.mark.libreoffice
def test_a_long_contact_still_ends_on_the_page_of_notes(project_dir: Path,
                                                        tmp_path: Path) -> None:
    """The ruled lines leave room for a contact block of any height: here three address
    lines, a phone, a website and three open days."""
    edit(project_dir, "content/campuses/demo-sud.yaml", "  - 99999 Fictiville\n",
         "  - 99999 Fictiville\n  - Bâtiment B, troisième étage, porte de gauche\n")
    edit(project_dir, "content/campuses/demo-sud.yaml", "  email: bonjour@sud.example\n",
         "  email: bonjour@sud.example\n  phone: +33 1 23 45 67 89\n"
         "  website: https://sud.example/un-chemin-assez-long/vers-la-page-du-campus\n")
    edit(project_dir, "content/campuses/demo-sud.yaml", "open_days: [2027-02-06]",
         "open_days: [2027-02-06, 2027-03-13, 2027-04-10]")
    out = tmp_path / "out"
    build(Project.at(project_dir), BuildOptions(output_dir=out, campuses=("demo-sud",),
                                                languages=("fr",), documents=("handout",),
                                                kind_options={"roles": ("po",)}))
    docx = out / "demo-sud/fr/handout-po.docx"
    (pdf,) = libreoffice_to_pdf([docx], tmp_path / "lo", tmp_path / "scratch")
    pages, text, reach = last_page(pdf, docx)
    assert pages == 4 and text.startswith("Notes") and "10avril2027" in text
    assert reach > 0.85


def test_the_one_pager_s_takeaways_are_boxes_side_by_side(demo_build: Path,
                                                          libreoffice_pdfs: Path) -> None:
    """What the roles share and the link between them, as on the PDF: two boxes side by
    side in the reference document's box style, each on a light ground with a gap of
    white between them, as LibreOffice prints them."""
    docx = Document(str(demo_build / "demo-nord/fr/comparison-pm-vs-po.docx"))
    boxes = docx.tables[-1]
    assert boxes.style is not None and boxes.style.name == "Brochure Box"
    assert [cell.paragraphs[0].text for cell in boxes.rows[0].cells] == [
        "Ce qu’ils ont en commun", "", "Le lien entre les deux métiers"]
    handout = Document(str(demo_build / "demo-nord/fr/handout-po.docx"))
    assert [table.rows[0].cells[0].paragraphs[0].text for table in handout.tables
            if table.style is not None and table.style.name == "Brochure Box"] == ["À retenir"]
    page = pdfium.PdfDocument(libreoffice_pdfs / "demo-nord/fr/comparison-pm-vs-po.pdf")[0]
    text = page.get_textpage()
    found = {words: text.search(words).get_next() for words in ("Ce qu", "Le lien entre")}
    assert all(found.values()), found
    (left, bottom, _r, top), (link_left, link_bottom, _r2, _t) = (
        text.get_charbox(at[0]) for at in found.values())
    width, height = page.get_size()
    assert abs(bottom - link_bottom) < 2 and link_left > width / 2  # side by side
    bitmap = page.render(scale=2).to_pil().convert("RGB")
    middle = height - (top + bottom) / 2

    def colour(x: float) -> tuple[int, int, int]:
        return bitmap.getpixel((int(x * 2), int(middle * 2)))

    white = (255, 255, 255)
    assert colour(left - 3) != white and colour(link_left - 3) != white  # their ground
    # Between them, the gap: a cell's margin (8.5 pt) and half the gap (3 % of the
    # text width) left of the second box's text.
    assert colour(link_left - 8.5 - 0.015 * (width - 2 * 12 * 72 / 25.4)) == white


def _list_marks(document: DocxDocument, style: str) -> set[tuple[str, str, bool, str]]:
    """The first-level mark of every paragraph of ``style``, as Word numbers it: (text,
    colour #rrggbb, bold, font), read from the numbering its paragraph or style names."""
    numbering = document.part.numbering_part.element
    marks = set()
    for paragraph in (p for p in document.paragraphs if p.style.name == style):
        number = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if number is None:
            number = paragraph.style.element.find(
                f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        abstract = numbering.num_having_numId(int(number.get(qn("w:val")))).abstractNumId.val
        definition = next(d for d in numbering.findall(qn("w:abstractNum"))
                          if d.get(qn("w:abstractNumId")) == str(abstract))
        level = definition.find(f"{qn('w:lvl')}[@{qn('w:ilvl')}='0']")
        run = level.find(qn("w:rPr"))
        marks.add((level.find(qn("w:lvlText")).get(qn("w:val")),
                   "#" + run.find(qn("w:color")).get(qn("w:val")).lower(),
                   run.find(qn("w:b")) is not None,
                   run.find(qn("w:rFonts")).get(qn("w:ascii"))))
    return marks


@pytest.mark.parametrize("campus", ["demo-nord", "demo-sud"])
def test_bullets_and_numbers_in_the_campus_colours(demo_build: Path, campus: str) -> None:
    """Before, Word's default: a black bullet of the Symbol font, plain black numbers."""
    document = Document(str(demo_build / campus / "fr" / "handout-po.docx"))
    brand = BrandColours.of(PRIMARY[campus], ACCENT[campus])
    font = document.styles["Normal"].font.name
    assert _list_marks(document, "List Bullet") == {("\u2022", brand.accent_ink, False, font)}
    assert _list_marks(document, "List Number") == {("%1.", brand.primary_ink, True, font)}
    assert contrast(brand.accent_ink, "#ffffff") >= 3  # a mark, not text: 3:1 as a graphic
