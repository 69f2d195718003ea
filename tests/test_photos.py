"""Photos of roles and campuses: printed with their credit, described in the PDF's tag tree
and in Word, checked before anything prints (place, format, readability, credit), and
warned about when too coarse for their use (300 pixels per inch for a print shop, 150
for a screen or an office printer). The demo has no photo: these are generated."""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

import pikepdf
import pytest
from docx import Document
from PIL import Image, ImageDraw
from test_profiles import structure

from generator import BuildOptions, Project, build

from helpers import build_fails, edit, run_cli
from layoutcheck import check_pdf
from pdfread import page_texts

ALT = {"fr": "Une équipe devant un tableau de tâches, dans un atelier.",
       "en": "A team in front of a task board, in a workshop."}
CREDIT = "Photo : Jeanne Exemple, CC BY 4.0"


def write_photo(path: Path, width: int, height: int, seed: int = 0) -> None:
    """A photo-like picture: coloured discs on a sky (fixed seed)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (120, 170, 210))
    draw = ImageDraw.Draw(image)
    for _ in range(20):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(20, width // 4)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in "rgb"))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, quality=90)


def add_photo(project: Path, yaml_file: str, file: str, credit: str | None = CREDIT) -> None:
    """Give the role or campus of ``yaml_file`` the photo ``file`` (relative to content/)."""
    lines = ["photo:", f"  file: {file}", "  alt:", f"    fr: {ALT['fr']}",
             f"    en: {ALT['en']}"]
    if credit is not None:
        lines.append(f'  credit: "{credit}"')
    path = project / "content" / yaml_file
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(lines)
                    + "\n", encoding="utf-8")


@pytest.mark.slow  # a build of its own
def test_photos_print_with_their_credit_and_their_description(project_dir: Path) -> None:
    """A sharp role photo and a coarse campus photo: both printed, both described; the
    coarse one warned about for the print guide (300) and the screen guide (150)."""
    write_photo(project_dir / "content/images/atelier.jpg", 2400, 1000)
    write_photo(project_dir / "content/images/campus.jpg", 600, 300, seed=1)
    add_photo(project_dir, "roles/po.yaml", "images/atelier.jpg")
    add_photo(project_dir, "campuses/demo-nord.yaml", "images/campus.jpg", "Photo : campus fictif")
    (project_dir / "content/campuses/demo-nord.yaml").write_text(
        (project_dir / "content/campuses/demo-nord.yaml").read_text() + "profiles: [print]\n")
    result = build(Project.at(project_dir), BuildOptions(
        campuses=("demo-nord",), languages=("fr",), documents=("guide", "handout")))
    guide = project_dir / "build/demo-nord/fr/guide-pm-vs-po.pdf"
    with pikepdf.open(guide) as pdf:
        alts = [str(e.get("/Alt", "")) for e in structure(pdf) if str(e.S) == "/Figure"]
        widths = {int(o.Width) for o in pdf.objects
                  if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"}
    assert alts.count(ALT["fr"]) == 2 and {2400, 600} <= widths
    texts = page_texts(guide)
    assert sum(text.count(CREDIT) for text in texts) == 1
    campus_page = next(text for text in texts if "00000 Villexemple" in text)
    assert "Photo : campus fictif" in campus_page and "Campus Démo Nord" in campus_page
    assert check_pdf(guide, "A4"), "\n".join(check_pdf(guide, "A4").problems)
    coarse = sorted(p.message for p in result.warnings if "campus.jpg" in p.file)
    assert len(coarse) == 2 and not [p for p in result.warnings if "atelier" in p.file]
    assert "prints at 90 pixels per inch in guide-pm-vs-po.print.pdf" in coarse[0]
    assert "shows at 90 pixels per inch in guide-pm-vs-po.pdf, where a screen needs 150" \
        in coarse[1]
    handout = Document(str(project_dir / "build/demo-nord/fr/handout-po.docx"))
    photo = next(s for s in handout.inline_shapes if s._inline.docPr.get("id") == "101")
    assert photo._inline.docPr.get("descr") == ALT["fr"] and photo.width.mm > 150
    assert abs(photo.height / photo.width - 58 / 170) < 0.01  # cropped to the guide's band
    assert CREDIT in [p.text.replace("\xa0", " ") for p in handout.paragraphs]  # typography


def test_every_photo_problem_is_reported_at_once(built_project: Path) -> None:
    """A photo without its credit, one that is missing, one outside content/images/ (by a
    symbolic link), one in a format Word and print shops do not take, a cut file."""
    images = built_project / "content/images"
    add_photo(built_project, "roles/po.yaml", "images/absent.jpg", credit=None)
    os.symlink(built_project / "content/school.yaml", images / "link.jpg")
    add_photo(built_project, "roles/pm.yaml", "images/link.jpg")
    write_photo(images / "campus.gif", 300, 200)
    add_photo(built_project, "campuses/demo-nord.yaml", "images/campus.gif")
    write_photo(images / "cut.jpg", 800, 400)
    (images / "cut.jpg").write_bytes((images / "cut.jpg").read_bytes()[:3000])
    add_photo(built_project, "campuses/demo-sud.yaml", "images/cut.jpg")
    output = build_fails(
        built_project, "photo.credit: field required",
        "photo file not found: content/images/absent.jpg",
        "the photo must be a file inside the content/images/ folder",
        "the photo must be a PNG or JPEG file, not '.gif'",
        "the photo is not a readable image")
    for where in ("roles/po.yaml", "roles/pm.yaml", "campuses/demo-nord.yaml",
                  "campuses/demo-sud.yaml"):
        assert f"content/{where}:" in output


@pytest.mark.slow  # a build of its own
def test_cmyk_and_16_bit_photos_with_odd_names_print_in_srgb(project_dir: Path) -> None:
    """A CMYK JPEG (a print shop's brochure photo) and a 16-bit grey PNG (a scanner's),
    named with #, ? and %: validate accepts them, the screen guide shows them in sRGB and
    8-bit grey (its PDF/A output intent is sRGB), with no hole and no warning. Before,
    the CMYK photo went in as DeviceCMYK, the 16-bit one was a hole blamed on the
    template, and a # cut the file name."""
    rgb = project_dir / "content/images/rgb.jpg"
    write_photo(rgb, 1600, 800)
    Image.open(rgb).convert("CMYK").save(project_dir / "content/images/atelier #1 ?50%.jpg",
                                         quality=92)
    grey = Image.new("I;16", (1200, 600))
    grey.putdata([(x * 53) % 65536 for x in range(1200 * 600)])
    grey.save(project_dir / "content/images/scan%20.png")
    add_photo(project_dir, "roles/po.yaml", "'images/atelier #1 ?50%.jpg'")
    logo = project_dir / "content/images/demo-nord.svg"
    logo.rename(logo.with_name("logo #1 ?%.svg"))  # one the printer cannot load fails the build
    edit(project_dir, "content/campuses/demo-nord.yaml", "logo: images/demo-nord.svg",
         "logo: 'images/logo #1 ?%.svg'")
    add_photo(project_dir, "campuses/demo-nord.yaml", "images/scan%20.png", "Photo : scan")
    validated = run_cli("validate", "--project", str(project_dir))
    assert validated.exit_code == 0, validated.output
    result = build(Project.at(project_dir), BuildOptions(
        campuses=("demo-nord",), languages=("fr",), documents=("guide", "handout"),
        kind_options={"roles": ("po",)}))
    assert not [p for p in result.warnings if "images/" in p.file], result.warnings
    handout = Document(str(project_dir / "build/demo-nord/fr/handout-po.docx"))
    band = next(part for part in handout.part.package.parts
                if part.partname.startswith("/word/media/")
                and part.partname.endswith((".jpeg", ".jpg")))
    with Image.open(io.BytesIO(band.blob)) as picture:  # the CMYK photo, in sRGB
        assert picture.mode == "RGB"
        assert picture.getpixel((5, 5)) == pytest.approx(
            Image.open(rgb).convert("RGB").resize(picture.size).getpixel((5, 5)), abs=40)
    with pikepdf.open(project_dir / "build/demo-nord/fr/guide-pm-vs-po.pdf") as pdf:
        images = {int(o.Width): (str(o.ColorSpace), int(o.BitsPerComponent),
                                 pikepdf.PdfImage(o).as_pil_image())
                  for o in pdf.objects
                  if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"}
    assert images[1600][:2] == ("/DeviceRGB", 8) and images[1200][:2] == ("/DeviceGray", 8)
    # The pixels, decoded as the PDF says: the photo's colours, the scan's greys (before,
    # WeasyPrint embedded the files from disk under the converted ones' colour space).
    shown, original = images[1600][2], Image.open(rgb).convert("RGB")
    assert shown.mode == "RGB" and _mean_difference(shown, original) < 25
    scan = images[1200][2]
    assert scan.getpixel((600, 0)) == pytest.approx((600 * 53) / 257, abs=2)


def _mean_difference(one: Image.Image, other: Image.Image) -> float:
    """The mean difference of two pictures' channels (0–255), at one size."""
    from PIL import ImageChops, ImageStat

    difference = ImageChops.difference(one.resize((160, 80)), other.resize((160, 80)))
    return sum(ImageStat.Stat(difference).mean) / 3
