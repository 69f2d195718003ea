"""Do Word one-pagers stay on one page? ``.venv/bin/python bench/onepager_docx.py [SEEDS]``.

Generates SEEDS projects (default 40, the layout tests' generator: 2- and 3-role
comparisons, texts of 1 to 50 words a cell), in portrait and landscape, builds their
one-pagers in French and English, and prints each DOCX in LibreOffice with no
campus font installed (they come from the files). For every one-pager the PDF fits,
it reports the DOCX's page count and how much of its page is left free between the
last line and the footer (as high as the document's footer reaches: its distance from
the foot and its own lines, read from the DOCX): the smallest free share is the safety
margin left for Word's own line breaking. A measurement, not a test
(tests/test_onepager.py checks a few seeds).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from docx import Document
from docx.shared import Length

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from generate import build_fitting, one_pager_project  # noqa: E402
from officeread import libreoffice_to_pdf  # noqa: E402
from typographycheck import Char, chars_of, lines_of  # noqa: E402

SLACK_PT = 2.0  # a line's glyphs may reach this far below the footer distance


def free_share(pdf: Path, docx: Path) -> float:
    """The share of the first page's height left free between the last line of body text
    and the top of the footer (``footer_top``)."""
    page = pdfium.PdfDocument(str(pdf))[0]
    lines = lines_of(chars_of(page))
    top = footer_top(lines, docx)
    body = [min(char.bottom for char in line) for line in lines
            if min(char.bottom for char in line) > top]
    return (min(body) - top) / page.get_height() if body else 1.0


def footer_top(lines: list[list[Char]], docx: Path) -> float:
    """How high the footer of ``docx`` reaches on its printed page, in points from the
    foot: it starts at the section's footer distance and holds the lines, from the foot
    up, that are text of its paragraphs; the page's text never comes lower than the
    section's bottom margin, whatever the footer holds."""
    section = Document(str(docx)).sections[0]
    words = _letters(" ".join(paragraph.text for paragraph in section.footer.paragraphs))
    top = Length(section.footer_distance or 0).pt
    for line in sorted(lines, key=lambda line: min(char.bottom for char in line)):
        if min(char.bottom for char in line) < top - SLACK_PT:
            continue  # below the footer (a page number in the margin, say)
        if _letters("".join(char.text for char in line)) not in words:
            break
        top = max(top, max(char.top for char in line))
    return max(top, Length(section.bottom_margin or 0).pt)


def _letters(text: str) -> str:
    """``text`` without its spaces of every kind, as a PDF's text and Word's compare."""
    return "".join(text.split())


def measure(seeds: int) -> list[tuple[int, str, int, float]]:
    """(seed, file, pages, free share) for every one-pager DOCX the PDF fits."""
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for seed in range(seeds):
            root = Path(scratch) / f"seed-{seed}"
            if not one_pager_project(seed, root):
                continue
            if not build_fitting(root):
                continue
            for folder in sorted((root / "build").glob("*/*")):
                docx = sorted(folder.glob("comparison-*.docx"))
                target = root / "lo" / folder.relative_to(root / "build")
                pdfs = libreoffice_to_pdf(docx, target, root / "lo-profile")
                for path, pdf in zip(docx, pdfs, strict=True):
                    pages = len(pdfium.PdfDocument(str(pdf)))
                    rows.append((seed, path.relative_to(root / "build").as_posix(), pages,
                                 free_share(pdf, path) if pages == 1 else 0.0))
    return rows


def main(seeds: int) -> None:
    rows = measure(seeds)
    for seed, name, pages, free in rows:
        print(f"seed {seed:3d}  {name:45s} {pages} page(s)  {free:5.1%} free")
    ones = [free for _, _, pages, free in rows if pages == 1]
    print(f"\n{len(rows)} one-pagers, {len(ones)} on one page in LibreOffice "
          f"({len(rows) - len(ones)} longer)")
    if ones:
        print(f"free space below the last line: min {min(ones):.1%}, "
              f"median {statistics.median(ones):.1%}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
