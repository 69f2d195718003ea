"""Print guides for a print shop's press: PDF/X-4 in CMYK through its ICC profile, read
back with pypdf (tests/pressread.py) as a preflight would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageCms
from test_photos import add_photo, write_photo
from test_profiles import guide

from generator import BuildOptions, Project, build
from generator.render.press import DEFAULT_ICC, Inks, Press

from conftest import copy_project
from helpers import run_cli
from pressread import preflight

SHOP = "print:\n  icc: images/print-shop.icc\n  condition: FOGRA39L\n  ink_limit: {limit}\n"
# The same build makes an A5 booklet of the A4 guide, for a printer that takes A4 only.
A4_BOOKLET = "booklet:\n  sheet: A4\n"


def _with_print_shop(project: Path, limit: int) -> None:
    shutil.copy(DEFAULT_ICC, project / "content" / "images" / "print-shop.icc")
    campus = project / "content" / "campuses" / "demo-nord.yaml"
    campus.write_text(campus.read_text(encoding="utf-8") + SHOP.format(limit=limit)
                      + A4_BOOKLET, encoding="utf-8")


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
                                            documents=("guide",), profiles=("print", "booklet"),
                                            output_dir=tmp_path / "out"))
    booklet = pdfium.PdfDocument(guide(tmp_path / "out", "demo-nord", "en", "booklet"))
    assert [round(v / 72 * 25.4) for v in booklet[0].get_size()] == [297, 210]  # A4 sheets
    path = guide(tmp_path / "out", "demo-nord", "en", "print")
    found = preflight(path)
    assert found.problems(ink_limit=240, condition="FOGRA39L") == []
    assert 230 < found.max_ink <= 240.5  # the dark blues reach the limit, and stop there
    assert _embedded_profile(path) == (project / "content/images/print-shop.icc").read_bytes()
    with pikepdf.open(path) as pdf:
        pictures = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)
                    and obj.get("/Subtype") == "/Image" and obj.get("/Width") == 1200]
        assert [str(p.ColorSpace) for p in pictures] == ["/DeviceCMYK"]
    # A new profile from the shop (here its creator field changed) makes the guide again.
    profile = project / "content/images/print-shop.icc"
    profile.write_bytes(profile.read_bytes()[:80] + b"shop" + profile.read_bytes()[84:])
    build(Project.at(project), BuildOptions(campuses=("demo-nord",), languages=("en",),
                                            documents=("guide",), profiles=("print",),
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
