"""Pictures: QR codes read back from a render of the printed page, icons of the
comparison's dimensions, each a figure with its text in the tag tree, and the career map
of each handout, a picture with its text in Word."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from urllib.parse import unquote

import cairosvg
import pikepdf
import pypdfium2 as pdfium
import pytest
import zxingcpp
from docx import Document
from PIL import Image
from test_profiles import structure

from generator import BuildOptions, Project, build
from generator.render.templating import SVG_DATA, qr_code

from helpers import edit
from pdfread import page_texts

GUIDE = "build/demo-nord/fr/guide-pm-vs-po.pdf"
NORD_FR = BuildOptions(campuses=("demo-nord",), languages=("fr",), documents=("guide",))


def codes_by_page(pdf: Path) -> dict[int, list[str]]:
    """The QR codes a scanner reads on each page (1-based), rendered at 300 dpi."""
    document = pdfium.PdfDocument(pdf)
    found = {}
    for index in range(len(document)):
        image = document[index].render(scale=300 / 72).to_pil()
        texts = [code.text for code in zxingcpp.read_barcodes(image)
                 if code.format == zxingcpp.BarcodeFormat.QRCode]
        if texts:
            found[index + 1] = texts
    return found


def test_a_qr_code_reads_back_as_its_address() -> None:
    """The picture the templates print, read by a scanner (quick: no guide printed)."""
    address = "https://nord.example/portes-ouvertes?source=brochure&lang=fr"
    svg = unquote(qr_code(address, "#1d3557").removeprefix(SVG_DATA))
    image = Image.open(BytesIO(cairosvg.svg2png(bytestring=svg.encode(), output_width=400)))
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [address]


@pytest.mark.slow  # prints a guide
def test_the_campus_page_and_the_back_cover_carry_a_qr_code_of_the_website(
        one_good_build: Path) -> None:
    pdf = one_good_build / GUIDE
    texts = page_texts(pdf)
    codes = codes_by_page(pdf)
    campus_page = next(n for n, text in enumerate(texts, 1) if "00000 Villexemple" in text)
    assert codes == {campus_page: ["https://nord.example"],
                     len(texts): ["https://nord.example"]}
    for page in codes:  # the address is printed beside the code, for those who type
        assert "Visitez notre site https://nord.example" in texts[page - 1]


@pytest.mark.slow  # prints a guide
def test_an_open_day_sign_up_page_takes_the_place_of_the_website(project_dir: Path) -> None:
    sign_up = "https://nord.example/portes-ouvertes?source=brochure"
    edit(project_dir, "content/campuses/demo-nord.yaml", "  website: https://nord.example",
         f"  website: https://nord.example\n  registration: {sign_up}")
    build(Project.at(project_dir), NORD_FR)
    pdf = project_dir / GUIDE
    codes = codes_by_page(pdf)
    assert len(codes) == 2 and all(found == [sign_up] for found in codes.values())
    assert all("Inscrivez-vous à une journée portes ouvertes" in page_texts(pdf)[n - 1]
               for n in codes)


def test_no_address_no_code(demo_build: Path) -> None:
    """Demo Campus South gives no website: its guide has no QR code, and no empty frame."""
    pdf = demo_build / "demo-sud/fr/guide-pm-vs-po.pdf"
    assert codes_by_page(pdf) == {}
    assert not any("Visitez notre site" in text for text in page_texts(pdf))


@pytest.mark.slow  # prints a guide
def test_each_dimension_has_its_icon_as_a_figure_with_its_name(one_good_build: Path) -> None:
    with pikepdf.open(one_good_build / GUIDE) as pdf:
        alts = [str(e.get("/Alt", "")) for e in structure(pdf) if str(e.S) == "/Figure"]
    dimensions = ["Vision", "Priorités", "Interlocuteurs", "Livrables", "Méthodes", "Formation",
                  "Évolution de carrière"]
    assert [alt for alt in alts if alt in dimensions] == dimensions
    assert "Code QR vers https://nord.example" in alts


@pytest.mark.slow  # prints a guide
def test_a_campus_draws_its_own_icon(one_good_build: Path, project_dir: Path) -> None:
    """An icon of the campus's folder replaces the bundled one, in the campus's colour:
    a filled square instead of a telescope's lines."""
    before = ink_pixels(one_good_build / GUIDE)
    icons = project_dir / "templates/campuses/demo-nord/icons"
    icons.mkdir(parents=True)
    (icons / "vision.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        '<rect width="24" height="24" fill="currentColor"/></svg>')
    build(Project.at(project_dir), NORD_FR)
    assert ink_pixels(project_dir / GUIDE) > before + 300  # a 4.4 mm square, at 144 dpi


def ink_pixels(pdf: Path) -> int:
    """Pixels of demo-nord's primary colour on the page of the comparison's table."""
    page = next(i for i, text in enumerate(page_texts(pdf)) if "Vision" in text)
    image = pdfium.PdfDocument(pdf)[page].render(scale=2).to_pil().convert("RGB")
    colours = {colour: count for count, colour in image.getcolors(maxcolors=1 << 24)}
    return colours.get((0x1D, 0x35, 0x57), 0)


def test_a_handout_shows_where_its_role_leads(project_dir: Path) -> None:
    """The PO's handout: the PO, an arrow, the PM (the source article: a Product Owner
    usually becomes a Product Manager), as a picture saying so in words."""
    build(Project.at(project_dir), BuildOptions(campuses=("demo-sud",), documents=("handout",)))
    for lang, words in (("fr", "Après Product Owner, on devient souvent Product Manager."),
                        ("en", "Product Owner usually moves on to Product Manager.")):
        document = Document(str(project_dir / f"build/demo-sud/{lang}/handout-po.docx"))
        pictures = document.inline_shapes
        assert len(pictures) == 1 and pictures[0]._inline.docPr.get("descr") == words
        assert pictures[0].width.mm > 100  # the width of the text, not a thumbnail


@pytest.mark.slow  # a build of its own
def test_a_role_that_leads_nowhere_has_no_map(project_dir: Path) -> None:
    edit(project_dir, "content/roles/po.yaml", "moves_on_to: [pm]", "moves_on_to: []")
    build(Project.at(project_dir), BuildOptions(campuses=("demo-sud",), documents=("handout",),
                                                languages=("fr",)))
    assert not Document(str(project_dir / "build/demo-sud/fr/handout-po.docx")).inline_shapes


@pytest.mark.slow  # prints a guide
def test_the_guide_maps_where_each_role_leads(one_good_build: Path) -> None:
    """Before the comparison (in the room the first role left on the contents' page, or
    after the roles): the demo's one move, as a figure saying it."""
    with pikepdf.open(one_good_build / GUIDE) as pdf:
        alts = [str(e.get("/Alt", "")) for e in structure(pdf) if str(e.S) == "/Figure"]
    assert "Après Product Owner, on devient souvent Product Manager." in alts
    text = "\n".join(page_texts(one_good_build / GUIDE))
    assert text.count("Où mène chaque métier") == 2  # in the contents, and its heading
    assert text.rindex("Où mène chaque métier") < text.rindex(
        "Product Manager et Product Owner, côte à côte")
