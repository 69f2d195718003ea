"""The one door to WeasyPrint's laid-out boxes.

WeasyPrint's public API gives a layout's pages (their size, links, anchors) but not the
tree of boxes the layout checks read (blocks, lines, their positions); its ``Page``
keeps that tree in the private attribute ``_page_box``. Every reader goes through
:func:`page_box`, and ``tests/test_boxes.py`` fails on the day WeasyPrint moves it.
"""

from __future__ import annotations

from typing import Any


def page_box(page: Any) -> Any:
    """The root box of a laid-out WeasyPrint page (a ``PageBox``: margins, children)."""
    box = getattr(page, "_page_box", None)
    if box is None:
        raise RuntimeError("careerdocs cannot measure the pages this WeasyPrint release "
                           "lays out: install WeasyPrint 70, the release careerdocs is "
                           "tested with, and build again")
    return box
