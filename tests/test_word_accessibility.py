"""Word files keep Word's accessibility rules (tests/wordaccess.py): on every Word file of
the demo build here, on generated projects in test_layout.py; and each rule is seen
failing on a Word file that breaks it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import RGBColor

from wordaccess import PICTURE, accessibility_problems


def test_every_demo_word_file_keeps_the_accessibility_rules(demo_build: Path) -> None:
    files = sorted(demo_build.rglob("*.docx"))
    assert len(files) == 10  # 2 campuses × 2 languages × (handouts + one-pager)
    problems = [problem for path in files for problem in accessibility_problems(path)]
    assert not problems, "\n".join(problems)


def _no_alternative_text(document: DocxDocument) -> None:
    for picture in document.element.body.iter(PICTURE):
        picture.set("descr", "")


def _no_header_row(document: DocxDocument) -> None:
    header = document.tables[0].rows[0]._tr.trPr.find(qn("w:tblHeader"))
    header.getparent().remove(header)


def _skipped_level(document: DocxDocument) -> None:
    document.add_heading("Annexe", level=1)
    document.add_heading("Détail", level=3)


def _no_title(document: DocxDocument) -> None:
    document.core_properties.title = ""


def _pale_heading(document: DocxDocument) -> None:
    document.styles["Heading 1"].font.color.rgb = RGBColor(0xC0, 0xC4, 0xC8)


BROKEN: dict[str, Callable[[DocxDocument], None]] = {
    "has no alternative text": _no_alternative_text,
    "its first row is not a header row": _no_header_row,
    "skips from level 1 to 3": _skipped_level,
    "no title": _no_title,
    "style 'Heading 1' has text in #c0c4c8 on #ffffff: 1.8:1": _pale_heading,
}


@pytest.mark.parametrize("expected", BROKEN)
def test_each_rule_fails_on_a_word_file_that_breaks_it(demo_build: Path, tmp_path: Path,
                                                      expected: str) -> None:
    document = Document(str(demo_build / "demo-nord/fr/handout-po.docx"))
    BROKEN[expected](document)
    broken = tmp_path / "handout-po.docx"
    document.save(str(broken))
    problems = accessibility_problems(broken)
    assert any(expected in problem for problem in problems), problems
