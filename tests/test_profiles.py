"""Output profiles, read back from the PDFs: screen (PDF/A-3a and PDF/UA-1), print (bleed,
trim and crop marks; its colours in tests/test_press.py) and booklet (saddle-stitch
imposition)."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from PIL import Image
from weasyprint import HTML

from generator.render.finishing import Imposition, booklet_order, impose_booklet
from generator.render.profiles import profile_of

from conftest import PROFILE_CASES, copy_project
from helpers import edit, run_cli
from pdfread import fonts_of

BLEED_PT = 3 * 72 / 25.4  # 8.504 pt
PRIMARY = {"demo-nord": (0x1D, 0x35, 0x57), "demo-sud": (0x2A, 0x6F, 0x4E)}
WHITE = (255, 255, 255)
# The ground each cover shows at its edges (front, back): the North's primary colour
# (default theme); the South's own yellow cover, and the classic theme's white back.
EDGES = {"demo-nord": (PRIMARY["demo-nord"], PRIMARY["demo-nord"]),
         "demo-sud": ((0xF2, 0xB1, 0x34), (0xF2, 0xB1, 0x34))}  # its override: both yellow
CASES = PROFILE_CASES


def guide(folder: Path, campus: str, lang: str, profile: str = "") -> Path:
    suffix = f".{profile}.pdf" if profile else ".pdf"
    return folder / campus / lang / f"guide-pm-vs-po{suffix}"


def boxes(path: Path) -> list[dict[str, list[float]]]:
    with pikepdf.open(path) as pdf:
        return [{name: [float(v) for v in page.obj[f"/{name}"]]
                 for name in ("MediaBox", "BleedBox", "TrimBox")} for page in pdf.pages]


@pytest.mark.slow
@pytest.mark.parametrize("campus,lang,paper", CASES)
def test_print_has_bleed_trim_and_the_screen_page_count(profiles_build: Path, campus: str,
                                                        lang: str, paper: str) -> None:
    found = boxes(guide(profiles_build, campus, lang, "print"))
    assert len(found) == len(pdfium.PdfDocument(guide(profiles_build, campus, lang)))
    width, height = {"A4": (595.28, 841.89), "A5": (419.53, 595.28)}[paper]
    for page in found:
        trim, bleed, media = page["TrimBox"], page["BleedBox"], page["MediaBox"]
        assert trim[2] - trim[0] == pytest.approx(width, abs=0.1)
        assert trim[3] - trim[1] == pytest.approx(height, abs=0.1)
        for side in (0, 1):
            assert trim[side] - bleed[side] == pytest.approx(BLEED_PT, abs=0.01)
            assert bleed[side + 2] - trim[side + 2] == pytest.approx(BLEED_PT, abs=0.01)
            assert media[side] < bleed[side] - 20 and media[side + 2] > bleed[side + 2] + 20


def pixel(bitmap: pdfium.PdfBitmap, page: pdfium.PdfPage, x: float, y: float,
          scale: float) -> tuple[int, int, int]:
    """The colour at PDF point (x, y) of a page rendered at ``scale``."""
    left, _bottom, _right, top = page.get_mediabox()
    image = bitmap.to_pil().convert("RGB")
    return image.getpixel((int((x - left) * scale), int((top - y) * scale)))


def edge_points(trim: tuple[float, float, float, float]) -> list[tuple[float, float, float, float]]:
    """Points along the four trim edges: (x, y, outward x step, outward y step)."""
    left, bottom, right, top = trim
    points = []
    for share in (0.05, 0.3, 0.5, 0.7, 0.95):
        x, y = left + share * (right - left), bottom + share * (top - bottom)
        points += [(left, y, -1, 0), (right, y, 1, 0), (x, bottom, 0, -1), (x, top, 0, 1)]
    return points


@pytest.mark.slow
@pytest.mark.parametrize("campus,lang,paper", CASES)
def test_cover_colour_reaches_the_bleed_edge(profiles_build: Path, campus: str, lang: str,
                                             paper: str) -> None:
    """On both covers, the bleed continues what is printed at the trim edge, all around:
    trimming a little off or on never shows a sliver of another colour."""
    document = pdfium.PdfDocument(guide(profiles_build, campus, lang, "print"))
    scale = 2.0
    for side, index in enumerate((0, len(document) - 1)):  # front and back covers
        page = document[index]
        bitmap = page.render(scale=scale)
        colours = set()
        for x, y, dx, dy in edge_points(page.get_trimbox()):
            inside = pixel(bitmap, page, x - 3 * dx, y - 3 * dy, scale)
            bleed = pixel(bitmap, page, x + (BLEED_PT - 1.5) * dx, y + (BLEED_PT - 1.5) * dy,
                          scale)
            assert max(abs(a - b) for a, b in zip(inside, bleed, strict=True)) <= 3, \
                (index, x, y, inside, bleed)
            colours.add(bleed)
        ground = EDGES[campus][side]
        assert any(_near(ground, colour) for colour in colours), (ground, colours)
        assert WHITE not in colours or ground == WHITE, colours
        left, _bottom, _right, top = page.get_bleedbox()
        assert pixel(bitmap, page, left - 4, top / 2, scale) == (255, 255, 255)  # the slug


def _near(screen: tuple[int, ...], printed: tuple[int, ...]) -> bool:
    """The colour of the screen guide, as pdfium shows it once in CMYK: pdfium draws
    CMYK without the press profile, a few steps off per channel."""
    return max(abs(a - b) for a, b in zip(screen, printed, strict=True)) <= 16


def marks(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    return [obj.get_bounds() for obj in page.get_objects()
            if obj.type == raw.FPDF_PAGEOBJ_PATH]


@pytest.mark.slow
def test_crop_marks_lie_outside_the_bleed(profiles_build: Path) -> None:
    document = pdfium.PdfDocument(guide(profiles_build, "demo-nord", "fr", "print"))
    for page in document:
        left, bottom, right, top = page.get_bleedbox()
        outside = [box for box in marks(page)
                   if box[2] <= left or box[0] >= right or box[3] <= bottom or box[1] >= top]
        assert len(outside) == 8  # two at each corner
        trim = page.get_trimbox()
        # each mark lies on a trim line's extension
        for x1, y1, x2, y2 in outside:
            vertical = x2 - x1 < 1
            at = (x1 + x2) / 2 if vertical else (y1 + y2) / 2
            lines = (trim[0], trim[2]) if vertical else (trim[1], trim[3])
            assert min(abs(at - line) for line in lines) < 0.5


def squeeze(text: str) -> str:
    """The characters of a text without white space and pdfium's marks of hyphenation
    points: its whole-page and bounded readings differ in those only."""
    return re.sub(r"[\s\x02\ufffe\xad]+", "", text)


def half_texts(path: Path) -> list[tuple[str, str]]:
    """The text of the left and right halves of each sheet side."""
    halves = []
    for page in pdfium.PdfDocument(path):
        width, height = page.get_size()
        text = page.get_textpage()
        halves.append(tuple(squeeze(text.get_text_bounded(x, 0, x + width / 2, height))
                            for x in (0, width / 2)))
    return halves


def page_texts(path: Path) -> list[str]:
    return [squeeze(page.get_textpage().get_text_range()) for page in pdfium.PdfDocument(path)]


@pytest.mark.slow
@pytest.mark.parametrize("campus,lang,paper", CASES)
def test_booklet_of_the_demo_guide(profiles_build: Path, campus: str, lang: str,
                                   paper: str) -> None:
    originals = page_texts(guide(profiles_build, campus, lang))
    booklet = guide(profiles_build, campus, lang, "booklet")
    sheet = pdfium.PdfDocument(booklet)[0].get_size()
    assert [round(v / 72 * 25.4) for v in sheet] == {"A4": [420, 297], "A5": [297, 210]}[paper]
    assert len(originals) % 4 == 0 and len(pdfium.PdfDocument(booklet)) == len(originals) // 2
    expected = [(originals[left - 1], originals[right - 1])
                for left, right in booklet_order(len(originals))]
    assert half_texts(booklet) == expected


def numbered_pages(count: int) -> bytes:
    html = "".join(f'<p style="break-after: page">Page {n}</p>' for n in range(1, count + 1))
    return HTML(string=f"<style>@page {{ size: A5 }}</style>{html}").write_pdf()


@pytest.mark.slow  # prints three small PDFs
@pytest.mark.parametrize("count,sides", [
    (8, [("8", "1"), ("2", "7"), ("6", "3"), ("4", "5")]),
    (12, [("12", "1"), ("2", "11"), ("10", "3"), ("4", "9"), ("8", "5"), ("6", "7")]),
    (6, [("", "1"), ("2", ""), ("6", "3"), ("4", "5")]),  # padded with 2 blank pages
])
def test_booklet_order_for_duplex_short_edge(tmp_path: Path, count: int,
                                             sides: list[tuple[str, str]]) -> None:
    """Sheet 1: last and first on the front, second and second-to-last on the back…"""
    booklet = tmp_path / "booklet.pdf"
    booklet.write_bytes(impose_booklet(numbered_pages(count)))
    found = [tuple(text.removeprefix("Page") for text in pair) for pair in half_texts(booklet)]
    assert found == sides


def _dark_pixels(image: Image.Image, box: tuple[float, float, float, float],
                 mm: float) -> int:
    """Pixels darker than light grey in ``box`` (millimetres from the top left)."""
    left, top, right, bottom = (round(v * mm) for v in box)
    return sum(image.crop((left, top, right, bottom)).convert("L").histogram()[:200])


@pytest.mark.slow  # prints a small PDF and renders its sheets
@pytest.mark.parametrize("sheet,margin,scale", [(None, 8.0, 0.9238), ("A4", 8.0, 0.6532),
                                                (None, 0.0, 1.0)])
def test_a_booklet_survives_an_office_printers_edge(sheet: str | None, margin: float,
                                                    scale: float) -> None:
    """Pages scaled to leave the margin blank (what an office printer cannot print), fold
    marks at both ends of the fold and centre marks on the outer edges, in the margin;
    an A4 guide on A4 sheets is an A5 booklet. Without a margin: pages to the edge."""
    size = "A4" if sheet == "A4" else "A5"
    html = "".join(f'<p style="break-after: page; margin: 0">Page {n}</p>' for n in range(1, 5))
    data = HTML(string=f"<style>@page {{ size: {size}; margin: 0; background: #888 }}"
                f"</style>{html}").write_pdf()
    page = pdfium.PdfDocument(impose_booklet(data, Imposition(sheet, margin)))[0]
    width_mm, height_mm = (round(v / 72 * 25.4) for v in page.get_size())
    assert (width_mm, height_mm) == (297, 210)
    mm = 4.0  # pixels per millimetre
    image = page.render(scale=mm * 25.4 / 72).to_pil()
    band = 4.8  # what office printers may not print: the marks start beyond it
    edges = [(0, 0, width_mm, band), (0, height_mm - band, width_mm, height_mm),
             (0, 0, band, height_mm), (width_mm - band, 0, width_mm, height_mm)]
    if margin:
        assert sum(_dark_pixels(image, box, mm) for box in edges) == 0
        fold = width_mm / 2
        pages_top = (height_mm - 210 * (scale if size == "A5" else scale * 297 / 210)) / 2
        for top in (pages_top - 3.8, height_mm - pages_top + 0.8):  # in the margin, 1 mm off
            assert _dark_pixels(image, (fold - 0.5, top, fold + 0.5, top + 3.0), mm) > 0
        grey = _dark_pixels(image, (0, 0, width_mm, height_mm), mm) / (image.width * image.height)
        page_mm = (148.5, 210) if size == "A5" else (210, 297)
        expected = 2 * page_mm[0] * page_mm[1] * scale ** 2 / (width_mm * height_mm)
        assert abs(grey - expected) < 0.02, (grey, expected)  # two pages, scaled
    else:
        assert _dark_pixels(image, (0, 0, width_mm, height_mm), mm) >= 0.99 * image.width \
            * image.height


def structure(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element, depth first."""
    elements: list[pikepdf.Dictionary] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            elements.append(node)
            walk(node.get("/K"))

    walk(pdf.Root.StructTreeRoot.K)
    return elements


@pytest.mark.slow
@pytest.mark.parametrize("campus,lang,paper", CASES)
def test_screen_is_pdf_a_and_pdf_ua(profiles_build: Path, campus: str, lang: str,
                                    paper: str) -> None:
    path = guide(profiles_build, campus, lang)
    with pikepdf.open(path) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode()
        assert re.search(r'pdfaid:part="3"', xmp) and 'pdfaid:conformance="A"' in xmp
        assert re.search(r"pdfuaid:part[^>]*>1<|pdfuaid:part=\"1\"", xmp)
        assert str(pdf.Root.Lang) == lang
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.OutputIntents[0].S) == "/GTS_PDFA1"
        assert str(pdf.docinfo.Title).startswith("Product Manager")
        elements = structure(pdf)
        roles = [str(element.S) for element in elements]
        assert roles[0] == "/Document"
        for role in ("/H1", "/H2", "/L", "/LI", "/Table", "/TH", "/Figure", "/Link"):
            assert role in roles, role
        headers = [e for e in elements if str(e.S) == "/TH"]
        assert {str(e.A.Scope) for e in headers} == {"/Column", "/Row"}
        figures = [e for e in elements if str(e.S) == "/Figure"]
        assert figures and all(str(e.get("/Alt", "")).strip() for e in figures)


@pytest.mark.slow
def test_profiles_from_the_command_and_the_campus(profiles_build: Path, tmp_path: Path) -> None:
    """The campus asks for booklets, the command for print files: both are made, and
    each has the very bytes of an earlier build (same input, same bytes)."""
    project = copy_project(tmp_path / "project")
    edit(project, "content/campuses/demo-nord.yaml", "documents: [guide, handout, comparison, web]",
         "documents: [guide, handout, comparison, web]\nprofiles: [booklet]")
    narrow = ("--project", str(project), "--campus", "demo-nord", "--lang", "fr", "--doc", "guide")
    result = run_cli("build", *narrow, "--profile", "print")
    assert result.exit_code == 0, result.output
    folder = project / "build" / "demo-nord" / "fr"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["guide-pm-vs-po.booklet.pdf", "guide-pm-vs-po.pdf",
                     "guide-pm-vs-po.print.pdf"]
    assert [profile_of(name) for name in names] == ["booklet", "screen", "print"]
    earlier = profiles_build / "demo-nord" / "fr"
    assert all((folder / name).read_bytes() == (earlier / name).read_bytes() for name in names)


@pytest.mark.slow
def test_a_coarse_logo_is_named_for_the_print_shop(tmp_path: Path) -> None:
    """A 120-pixel logo printed 26 mm wide on the cover is 117 dpi: a warning, not an error."""
    project = copy_project(tmp_path / "project")
    Image.new("RGB", (120, 120), (29, 53, 87)).save(project / "content/images/small.png")
    edit(project, "content/campuses/demo-nord.yaml", "logo: images/demo-nord.svg",
         "logo: images/small.png")
    narrow = ("--project", str(project), "--campus", "demo-nord", "--lang", "fr", "--doc", "guide")
    printed = run_cli("build", *narrow, "--profile", "print")
    assert printed.exit_code == 0, printed.output
    assert re.search(r"content/images/small\.png: this picture prints at 1\d\d pixels per inch "
                     r"in guide-pm-vs-po\.print\.pdf, where a print shop needs 300: use a "
                     r"version at least \d+ pixels wide", printed.output), printed.output
    made = sorted(p.name for p in (project / "build/demo-nord/fr").iterdir())
    assert made == ["guide-pm-vs-po.pdf", "guide-pm-vs-po.print.pdf"]  # no booklet: not asked


@pytest.mark.slow
@pytest.mark.parametrize("campus,lang,paper", CASES)
def test_print_embeds_fonts_and_has_no_transparent_cover(
        profiles_build: Path, campus: str, lang: str, paper: str) -> None:
    """(Its PDF/X-4 identity and colours: tests/test_press.py.)"""
    path = guide(profiles_build, campus, lang, "print")
    fonts = fonts_of(path)
    assert fonts and all(fonts.values()), fonts
    with pikepdf.open(path) as pdf:
        for page in (pdf.pages[0], pdf.pages[-1]):
            states = page.Resources.get("/ExtGState", {})
            for state in states.values():
                assert float(state.get("/CA", 1)) == 1 and float(state.get("/ca", 1)) == 1
                assert "/SMask" not in state or str(state.SMask) == "/None"
