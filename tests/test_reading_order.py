"""Text in reading order (tests/readingorder.py): on every page of the demo's screen PDFs,
the themes' guides (test_themes.py) and the generated guides (test_layout.py), the text
comes in the order of the tag tree, as ``pdftotext -raw`` reads it; and the check fails
on a stylesheet whose list bullets are positioned, painted after the text around them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator import BuildOptions, Project, build

from helpers import edit, lay_out_once
from readingorder import out_of_order

DEMO_PDFS = [f"{campus}/{lang}/{name}" for campus in ("demo-nord", "demo-sud")
             for lang in ("fr", "en") for name in ("guide-pm-vs-po.pdf", "comparison-pm-vs-po.pdf")]


@pytest.mark.parametrize("name", DEMO_PDFS)
def test_demo_pdfs_read_in_the_order_of_their_tags(demo_build: Path, name: str) -> None:
    assert not out_of_order(demo_build / name)


def test_pdftotext_reads_a_role_s_missions_after_their_heading(demo_build: Path) -> None:
    """What copy and paste gives: the missions' heading, then the missions, then the
    skills' heading (not every heading of the page first)."""
    text = subprocess.run(["pdftotext", "-raw", "-f", "4", "-l", "4",
                           str(demo_build / "demo-nord/fr/guide-pm-vs-po.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    missions, backlog = text.index("Missions"), text.index("Créer et gérer le backlog")
    assert missions < backlog < text.index("SAVOIR-FAIRE")


@pytest.mark.slow  # builds a guide
def test_the_check_fails_on_positioned_bullets(project_dir: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    lay_out_once(monkeypatch)  # one layout shows it, for time
    edit(project_dir, "templates/default/guide.css", "/* Back cover. */",
         "li { position: relative; } li::before { position: absolute; left: 0; top: 0.55em; "
         "margin: 0; }\n/* Back cover. */")
    build(Project.at(project_dir), BuildOptions(campuses=("demo-nord",), languages=("fr",),
                                                documents=("guide",)))
    problems = out_of_order(project_dir / "build/demo-nord/fr/guide-pm-vs-po.pdf")
    assert any("page 4: the text of tag" in problem for problem in problems), problems
