"""The one private attribute of WeasyPrint careerdocs reads (``generator/render/boxes.py``):
this fails on the day a WeasyPrint release moves the page boxes elsewhere."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from weasyprint import HTML
from weasyprint.formatting_structure.boxes import LineBox, PageBox, TextBox

from generator.render.boxes import page_box


def test_a_laid_out_page_gives_its_boxes_lines_and_margins() -> None:
    document = HTML(string="<style>@page { size: A6; margin: 20mm }</style>"
                           "<p>Product Owner</p>").render()
    box = page_box(document.pages[0])
    assert isinstance(box, PageBox)
    assert round(box.margin_top / 96 * 25.4) == 20
    lines = [b for b in box.descendants() if isinstance(b, LineBox)]
    texts = [b.text for line in lines for b in line.descendants() if isinstance(b, TextBox)]
    assert texts == ["Product Owner"]


def test_a_page_without_boxes_says_which_weasyprint_to_install() -> None:
    with pytest.raises(RuntimeError, match="install WeasyPrint 70, the release careerdocs "
                                           "is tested with"):
        page_box(SimpleNamespace(height=10))
