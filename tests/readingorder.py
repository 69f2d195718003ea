"""Text in reading order: on each page of a tagged PDF, the marked contents come in the
content stream (what copy and paste, search engines and ``pdftotext -raw`` read) in the
order of the tag tree (what a screen reader reads), read with pikepdf."""

from __future__ import annotations

from pathlib import Path

import pikepdf

TEXT_SHOWING = ("Tj", "TJ", "'", '"')


def out_of_order(path: Path) -> list[str]:
    """The pages whose text the content stream gives in another order than the tag tree,
    with the first tag out of place: none when every page reads in the tree's order."""
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        tree: dict[int, list[int]] = {number: [] for number in pages.values()}
        _walk(pdf.Root.StructTreeRoot.K, None, pages, tree)
        problems = []
        for number, page in enumerate(pdf.pages, start=1):
            tagged = set(tree[number])
            drawn = [mcid for mcid in _drawn(page) if mcid in tagged]
            shown = set(drawn)  # the tags of pictures and empty boxes are not compared
            read = [mcid for mcid in tree[number] if mcid in shown]
            if drawn != read:
                at = next(i for i, (a, b) in enumerate(zip(drawn, read, strict=True)) if a != b)
                problems.append(f"{path.name}: page {number}: the text of tag {at + 1} of "
                                f"{len(drawn)} comes out of the tag tree's order")
        return problems


def _walk(node: object, page: object, pages: dict[tuple[int, int], int],
          tree: dict[int, list[int]]) -> None:
    """The marked-content ids of the tag tree, depth first, per page number."""
    if isinstance(node, pikepdf.Array):
        for child in node:
            _walk(child, page, pages, tree)
    elif isinstance(node, int):
        if page is not None and page in pages:
            tree[pages[page]].append(int(node))
    elif isinstance(node, pikepdf.Dictionary):
        page = node.Pg.objgen if "/Pg" in node else page
        if node.get("/Type") == "/MCR":
            _walk(int(node.MCID), page, pages, tree)
        elif "/K" in node:
            _walk(node.K, page, pages, tree)


def _drawn(page: pikepdf.Page) -> list[int]:
    """The marked-content ids of a page that show text, in the order its content stream
    draws them (a picture's, which has no text to read, may be drawn in another pass)."""
    found, open_ids = [], []
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in ("BDC", "BMC"):
            properties = operands[1] if len(operands) == 2 else None
            open_ids.append(int(properties.MCID) if isinstance(properties, pikepdf.Dictionary)
                            and "/MCID" in properties else None)
        elif name == "EMC" and open_ids:
            open_ids.pop()
        elif name in TEXT_SHOWING and open_ids and open_ids[-1] is not None \
                and open_ids[-1] not in found[-1:]:
            found.append(open_ids[-1])
    return found
