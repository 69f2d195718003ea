"""Print guides for a print shop's press: PDF/X-4 in CMYK through its ICC profile, read
back with pypdf (tests/pressread.py) as a preflight would."""

from __future__ import annotations

import base64
import io
import shutil
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageCms
from test_photos import add_photo, write_photo
from test_profiles import guide
from weasyprint import HTML

from generator import BuildOptions, Project, build
from generator.render.finishing import finish_print
from generator.render.press import DEFAULT_ICC, Inks, Press, profile_problem

from conftest import copy_project
from helpers import run_cli
from pressread import preflight

SHOP = "print:\n  icc: images/print-shop.icc\n  condition: FOGRA39L\n  ink_limit: {limit}\n"
# The same build makes an A5 booklet of the A4 guide, for a printer that takes A4 only.
A4_BOOKLET = "booklet:\n  sheet: A4\n"


SHOP_ICC = Path(__file__).parent / "data" / "press-260-maxblack.icc"  # not the default
PRIMARY = (0x1D / 255, 0x35 / 255, 0x57 / 255)  # demo-nord's


def _with_print_shop(project: Path, limit: int) -> None:
    shutil.copy(SHOP_ICC, project / "content" / "images" / "print-shop.icc")
    campus = project / "content" / "campuses" / "demo-nord.yaml"
    campus.write_text(campus.read_text(encoding="utf-8") + SHOP.format(limit=limit)
                      + A4_BOOKLET, encoding="utf-8")


def _fill_colours(path: Path) -> set[tuple[float, ...]]:
    """Every CMYK fill colour of the pages, as written."""
    with pikepdf.open(path) as pdf:
        return {tuple(float(v) for v in instruction.operands) for page in pdf.pages
                for instruction in pikepdf.parse_content_stream(page)
                if str(instruction.operator) == "k"}


def _embedded_profile(path: Path) -> bytes:
    with pikepdf.open(path) as pdf:
        return bytes(pdf.Root.OutputIntents[0].DestOutputProfile.read_bytes())


@pytest.mark.slow
@pytest.mark.parametrize("campus,lang", [("demo-nord", "fr"), ("demo-sud", "en")])
def test_the_demo_print_guides_are_pdfx4_in_cmyk(profiles_build: Path, campus: str,
                                                  lang: str) -> None:
    """Without a print shop's profile: coated paper (FOGRA39), 300 % of ink at most."""
    path = guide(profiles_build, campus, lang, "print")
    found = preflight(path)
    assert found.problems(ink_limit=300, condition="FOGRA39") == [], path
    assert found.spaces == {"/DeviceCMYK"} and found.trapped == "False"
    assert _embedded_profile(path) == DEFAULT_ICC.read_bytes()


@pytest.mark.slow
def test_the_preflight_sees_a_screen_guide_is_not_for_a_press(profiles_build: Path) -> None:
    """The checks above can fail: the screen guide is RGB PDF/A with links."""
    problems = " | ".join(preflight(guide(profiles_build, "demo-nord", "fr")).problems(
        ink_limit=300, condition="FOGRA39"))
    for expected in ("PDF version 1.7", "not PDF/X-4", "GTS_PDFA1",
                     "colour spaces other than CMYK: ['/DeviceRGB']", "link annotations"):
        assert expected in problems, problems


@pytest.mark.slow  # a build of its own
def test_a_print_shops_profile_ink_limit_and_sheet_with_a_photo(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _with_print_shop(project, limit=240)
    write_photo(project / "content" / "images" / "atelier.jpg", 1200, 800)
    add_photo(project, "campuses/demo-nord.yaml", "images/atelier.jpg")
    build(Project.at(project), BuildOptions(campuses=("demo-nord",), languages=("en",),
                                            documents=("guide",),
                                            kind_options={"profiles": ("print", "booklet")},
                                            output_dir=tmp_path / "out"))
    booklet = pdfium.PdfDocument(guide(tmp_path / "out", "demo-nord", "en", "booklet"))
    assert [round(v / 72 * 25.4) for v in booklet[0].get_size()] == [297, 210]  # A4 sheets
    path = guide(tmp_path / "out", "demo-nord", "en", "print")
    found = preflight(path)
    assert found.problems(ink_limit=240, condition="FOGRA39L") == []
    assert 230 < found.max_ink <= 240.5  # the dark blues reach the limit, and stop there
    assert _embedded_profile(path) == (project / "content/images/print-shop.icc").read_bytes()
    # The primary colour went through the shop's profile, not the default one.
    shop, default = (Inks(Press(icc, ink_limit=240)).colour(PRIMARY)
                     for icc in (SHOP_ICC.read_bytes(), DEFAULT_ICC.read_bytes()))
    assert shop != default and shop in _fill_colours(path), (shop, default)
    with pikepdf.open(path) as pdf:
        pictures = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)
                    and obj.get("/Subtype") == "/Image" and obj.get("/Width") == 1200]
        assert [str(p.ColorSpace) for p in pictures] == ["/DeviceCMYK"]
    # A new profile from the shop (here its creator field changed) makes the guide again.
    profile = project / "content/images/print-shop.icc"
    profile.write_bytes(profile.read_bytes()[:80] + b"shop" + profile.read_bytes()[84:])
    build(Project.at(project), BuildOptions(campuses=("demo-nord",), languages=("en",),
                                            documents=("guide",),
                                            kind_options={"profiles": ("print",)},
                                            output_dir=tmp_path / "out"))
    assert _embedded_profile(path) == profile.read_bytes()


@pytest.mark.slow  # validate reads the campus files
def test_a_profile_that_is_not_a_cmyk_press_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    images = project / "content" / "images"
    (images / "screen.icc").write_bytes(
        ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    (images / "notes.icc").write_bytes(b"not a profile at all")
    for campus, name in (("demo-nord", "screen.icc"), ("demo-sud", "notes.icc")):
        path = project / "content" / "campuses" / f"{campus}.yaml"
        path.write_text(path.read_text(encoding="utf-8")
                        + f"print:\n  icc: images/{name}\n  condition: FOGRA39\n",
                        encoding="utf-8")
    result = run_cli("validate", "--project", str(project))
    assert result.exit_code == 1, result.output
    assert ("content/campuses/demo-nord.yaml:20:8: print.icc: content/images/screen.icc is an "
            "ICC profile of RGB colours, not of a CMYK press") in result.output, result.output
    assert "demo-sud.yaml:" in result.output
    assert "content/images/notes.icc is not an ICC colour profile" in result.output


def test_greys_print_on_the_black_plate_alone() -> None:
    inks = Inks(Press.default())
    assert inks.colour((0.0, 0.0, 0.0)) == (0.0, 0.0, 0.0, 1.0)
    assert inks.colour((1.0, 1.0, 1.0)) == (0.0, 0.0, 0.0, 0.0)
    lighter, darker = inks.colour((0.7, 0.7, 0.7)), inks.colour((0.3, 0.3, 0.3))
    assert lighter[:3] == darker[:3] == (0.0, 0.0, 0.0)
    assert 0.2 < lighter[3] < darker[3] < 0.95, (lighter, darker)


@pytest.mark.parametrize("limit", [300, 220])
def test_colours_and_pixels_stay_under_the_ink_limit(limit: int) -> None:
    inks = Inks(Press.default(limit))
    navy = inks.colour((0.05, 0.05, 0.25))
    assert sum(navy) <= limit / 100 + 1e-6 and navy[3] > 0.5, navy
    picture = inks.picture(Image.new("RGB", (4, 4), (10, 10, 60)))
    pixel = picture.getpixel((0, 0))
    assert picture.mode == "CMYK" and sum(pixel) <= limit * 255 / 100 + 2, pixel  # type: ignore[arg-type]


def _picture(mode: str, colour: object, kind: str) -> str:
    """A small picture as a data address."""
    output = io.BytesIO()
    Image.new(mode, (60, 40), colour).save(output, kind)  # type: ignore[arg-type]
    return f"data:image/{kind.lower()};base64," + base64.b64encode(output.getvalue()).decode()


SVG_MASK = ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><mask id="m">'
            '<rect width="200" height="200" fill="#808080"/></mask>'
            '<rect width="200" height="200" fill="black" mask="url(#m)"/></svg>')
SVG_GRADIENT = ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><defs>'
                '<linearGradient id="g"><stop offset="0" stop-color="#1d3557"/>'
                '<stop offset="1" stop-color="#e76f51"/></linearGradient></defs>'
                '<rect width="200" height="100" fill="url(#g)"/></svg>')
# What a campus stylesheet or logo may paint, beyond the demo's plain colours.
PAINTED = {
    "css gradient": '<div style="height:30mm;background:linear-gradient(#1d3557,#e76f51)">',
    "gradient with opacity": '<div style="height:30mm;background:linear-gradient('
                             'rgba(29,53,87,1),rgba(231,111,81,0.2))">',
    "radial gradient": '<div style="height:30mm;background:radial-gradient(#f2b134,#2a6f4e)">',
    "svg gradient": f'<img src="data:image/svg+xml;base64,'
                    f'{base64.b64encode(SVG_GRADIENT.encode()).decode()}">',
    "lab and oklch": '<p style="color:lab(40% 50 -30)">Lab</p>'
                     '<p style="color:oklch(50% 0.2 120)">OKLCH</p>',
    "device-cmyk": '<div style="height:20mm;background:device-cmyk(1 1 1 1)"></div>',
    "cmyk jpeg": f'<img src="{_picture("CMYK", (255, 255, 255, 255), "JPEG")}">',
    "png with alpha": f'<img src="{_picture("RGBA", (200, 30, 30, 128), "PNG")}">',
    "palette png": f'<img src="{_picture("P", 7, "PNG")}">',
    "grey png": f'<img src="{_picture("L", 90, "PNG")}">',
    "opacity": '<p style="opacity:0.5;color:#1d3557">Half</p>',
}


@pytest.mark.slow  # eleven small PDFs printed
@pytest.mark.parametrize("case", sorted(PAINTED))
def test_whatever_a_page_paints_goes_to_the_presss_inks(case: str) -> None:
    """Gradients, Lab, CMYK, pictures of every kind: CMYK under the limit, PDF/X-4."""
    html = ("<style>@page { size: A5; bleed: 3mm; margin: 10mm }</style><h1>Title</h1>"
            + PAINTED[case])
    pdf = HTML(string=html).write_pdf(pdf_version="1.6", pdf_identifier=b"0" * 32)
    printed = Path(f"/tmp/careerdocs-press-{case.replace(' ', '-')}.pdf")
    printed.write_bytes(finish_print(pdf, Press.default(280)))
    try:
        assert preflight(printed).problems(ink_limit=280, condition="FOGRA39") == [], case
    finally:
        printed.unlink()


@pytest.mark.slow  # prints a small PDF
def test_an_opacity_mask_keeps_its_opacity() -> None:
    """A mask is an opacity, not an ink: 50 % black prints as a mid grey still."""
    html = ("<style>@page { size: A6; bleed: 3mm; margin: 0 } body { margin: 0 }</style>"
            f'<img style="width:50mm" src="data:image/svg+xml;base64,'
            f'{base64.b64encode(SVG_MASK.encode()).decode()}">')
    pdf = HTML(string=html).write_pdf(pdf_version="1.6", pdf_identifier=b"0" * 32)
    greys = []
    for data in (pdf, finish_print(pdf, Press.default())):
        page = pdfium.PdfDocument(data)[0]
        image = page.render(scale=1).to_pil().convert("L")
        greys.append(image.getpixel((40, 40)))
    screen, printed = greys
    assert 100 < screen < 160 and abs(printed - screen) < 30, greys


@pytest.mark.parametrize("damage", ["cut in half", "no tags", "a lying size", "garbage tags"])
def test_a_damaged_profile_is_refused(damage: str) -> None:
    data = DEFAULT_ICC.read_bytes()
    damaged = {"cut in half": data[:len(data) // 2],
               "no tags": data[:128] + (0).to_bytes(4, "big"),
               "a lying size": (10**9).to_bytes(4, "big") + data[4:],
               "garbage tags": data[:132 + 12 * 12] + bytes(len(data) - 132 - 12 * 12)}[damage]
    assert profile_problem(damaged) is not None, damage
    assert profile_problem(data) is None
