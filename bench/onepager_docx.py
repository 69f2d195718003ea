"""Do Word one-pagers stay on one page? ``.venv/bin/python bench/onepager_docx.py [SEEDS]``.

Generates SEEDS projects (default 40, the layout tests' generator: 2- and 3-role
comparisons, texts of 1 to 50 words a cell), in portrait and landscape, builds their
one-pagers in French and English, and prints each DOCX in LibreOffice with no
campus font installed (they come from the files). For every one-pager the PDF fits,
it reports the DOCX's page count and how much of its page is left free below the
last line: the smallest free share is the safety margin left for Word's own line
breaking. A measurement, not a test (tests/test_onepager.py checks a few seeds).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from generate import build_fitting, one_pager_project  # noqa: E402
from officeread import libreoffice_to_pdf  # noqa: E402


def free_share(pdf: Path) -> float:
    """The share of the first page's height left free under the last line of body
    text (the footer, in the bottom 20 mm, is not body text)."""
    document = pdfium.PdfDocument(str(pdf))
    page = document[0]
    height = page.get_height()
    text = page.get_textpage()
    bottoms = [text.get_charbox(i)[1] for i in range(text.count_chars())
               if text.get_text_range(i, 1).strip()]
    footer_top = 20 / 25.4 * 72
    body = [y for y in bottoms if y > footer_top + 2]
    return (min(body) - footer_top) / height if body else 1.0


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
                                 free_share(pdf) if pages == 1 else 0.0))
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
