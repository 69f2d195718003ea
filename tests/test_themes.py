"""Themes: folders of templates/ a campus picks with ``brand: theme:``. Each theme passes
every check the default passes (layout, fill, hyphens, titles, contrast, breaks), on A4
and A5, which shows the rules live in the shared layer; and each looks like itself,
which shows the campus's choice reached the pages.

The demo's South campus prints in the classic theme (A5); this module builds the bold
theme on both papers and the classic one on A4."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from generator import BuildOptions, Project, build

from breakcheck import break_problems, captured_layouts
from conformance import conformance_failures
from conftest import copy_project
from helpers import build_fails, edit
from layoutcheck import check_pdf
from readingorder import out_of_order

# campus (a copy of a demo campus), paper, theme
THEMED = {"demo-nord": ("A4", "bold"), "demo-sud": ("A5", "bold"), "demo-ouest": ("A4", "classic")}
NORD = {"primary": "#1e3557", "accent": "#e8704f"}  # demo-nord.yaml's brand colours


def _themed_project(root: Path) -> Path:
    """The demo project with its campuses in other themes (the South campus without its
    own cover, so that its theme's cover is printed), and a West campus: the North's
    content in the classic theme."""
    project = copy_project(root)
    shutil.rmtree(project / "templates/campuses")
    nord = (project / "content/campuses/demo-nord.yaml").read_text()
    (project / "content/campuses/demo-ouest.yaml").write_text(nord)
    for campus, (_paper, theme) in THEMED.items():
        path = project / "content/campuses" / f"{campus}.yaml"
        text = re.sub(r"\n  theme: .*", "", path.read_text())
        path.write_text(text.replace("\n  logo:", f"\n  theme: {theme}\n  logo:", 1))
    return project


@pytest.fixture(scope="module")
def themed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    """The themed project built (guides, in French), and each guide's last layout."""
    project = _themed_project(tmp_path_factory.mktemp("themed"))
    with captured_layouts() as written:
        build(Project.at(project), BuildOptions(languages=("fr",), documents=("guide",)))
    return project, written


def guide(project: Path, campus: str) -> Path:
    return project / "build" / campus / "fr/guide-pm-vs-po.pdf"


@pytest.mark.parametrize("campus", sorted(THEMED))
def test_each_theme_passes_the_layout_check(themed: tuple[Path, list], campus: str) -> None:
    project, _layouts = themed
    paper, theme = THEMED[campus]
    report = check_pdf(guide(project, campus), paper, project=project, lang="fr")
    problems = report.problems + conformance_failures(guide(project, campus)) \
        + out_of_order(guide(project, campus))
    assert not problems, f"theme {theme} on {paper}:\n" + "\n".join(problems)


def test_each_theme_keeps_blocks_together_at_page_breaks(themed: tuple[Path, list]) -> None:
    """The break check of the demo guides, on the themed guides' last layouts."""
    documents = themed[1]
    assert len(documents) == len(THEMED)
    for document in documents:
        assert not break_problems(document), break_problems(document)


def pixel(pdf: Path, page: int, x: float, y: float) -> tuple[int, int, int]:
    """The colour at (x, y), fractions of the page's width and height from the top left."""
    document = pdfium.PdfDocument(str(pdf))
    bitmap = document[page % len(document)].render(scale=0.5).to_pil().convert("RGB")
    return bitmap.getpixel((int(x * bitmap.width), int(y * bitmap.height)))


def hex_of(rgb: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{channel:02x}" for channel in rgb)


def near(rgb: tuple[int, int, int], colour: str) -> bool:
    target = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return all(abs(a - b) <= 6 for a, b in zip(rgb, target, strict=True))


def test_each_theme_prints_its_own_covers(themed: tuple[Path, list], demo_build: Path) -> None:
    """Where each theme puts its colours, read from the printed covers: the default's
    primary ground with an accent strip; the bold cover's accent block under the title
    and its accent back cover; the classic theme's white covers (demo-sud's override
    makes both yellow)."""
    project = themed[0]
    default = demo_build / "demo-nord/fr/guide-pm-vs-po.pdf"
    assert near(pixel(default, 0, 0.4, 0.8), NORD["primary"])
    assert near(pixel(default, 0, 0.97, 0.8), NORD["accent"])
    bold = guide(project, "demo-nord")
    assert near(pixel(bold, 0, 0.4, 0.2), NORD["primary"])
    assert near(pixel(bold, 0, 0.4, 0.85), NORD["accent"]), hex_of(pixel(bold, 0, 0.4, 0.85))
    assert near(pixel(bold, -1, 0.5, 0.1), NORD["accent"])
    classic = guide(project, "demo-ouest")
    for page in (0, -1):
        assert near(pixel(classic, page, 0.5, 0.45), "#ffffff")
        assert near(pixel(classic, page, 0.5, 0.0), "#ffffff")  # outside the frame
    sud = demo_build / "demo-sud/fr/guide-pm-vs-po.pdf"  # classic, on A5, with its override:
    for page in (0, -1):  # its yellow on both covers
        assert near(pixel(sud, page, 0.5, 0.45), "#f2b134"), hex_of(pixel(sud, page, 0.5, 0.45))


def test_a_theme_that_does_not_exist_is_named_with_the_themes_there_are(
        built_project: Path) -> None:
    edit(built_project, "content/campuses/demo-sud.yaml", "theme: classic", "theme: fancy")
    build_fails(built_project, "content/campuses/demo-sud.yaml:21:10: brand.theme: no theme "
                "'fancy' in templates/ (available: bold, classic, default)")
