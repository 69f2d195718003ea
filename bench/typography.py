"""The typographic figures of the demo documents: ``.venv/bin/python bench/typography.py``.

Reads every PDF of ``build/`` (run ``make build`` first) with the layout check's
readers (pdfium) and prints, per document: the hyphenated line ends of each page (a
line that ends at the hyphen of a compound word of the content is not counted), the
lowest contrast of any text run against the pixels around it, the problems the
typographic checks find and, for guides, the filled share of each page and the number
of notes pages. A measurement, not a test.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from layoutcheck import check_pdf  # noqa: E402

TYPOGRAPHIC = ("hyphen", "ends on a line of one word", "contrast")


def main() -> None:
    pdfs = sorted(path for path in (ROOT / "build").glob("*/*/*.pdf")
                  if path.name.count(".") == 1)  # screen files, not print or booklet
    if not pdfs:
        sys.exit("No PDF in build/: run make build first.")
    for pdf in pdfs:
        campus, lang = pdf.parent.parent.name, pdf.parent.name
        guide = pdf.name.startswith("guide-")
        paper = "A5" if guide and _is_a5(pdf) else "A4"
        report = check_pdf(pdf, paper, guide=guide, project=ROOT, lang=lang)
        pages = ", ".join(f"p.{page}: {count}" for page, count in report.hyphens.items()
                          if count) or "none"
        problems = [p for p in report.problems if any(word in p for word in TYPOGRAPHIC)]
        print(f"{campus}/{lang}/{pdf.name}: {sum(report.hyphens.values())} hyphenated line "
              f"ends ({pages}); lowest contrast {report.lowest_contrast:.2f}:1; "
              f"{len(problems)} typographic problems")
        if guide:
            fill = " ".join(f"p.{page}: {share:.0%}" for page, share in report.fill.items())
            print(f"    fill per page (covers and notes pages left out): {fill}; "
                  f"{report.notes_pages} page(s) of notes")
        for problem in problems:
            print(f"    {problem}")


def _is_a5(pdf: Path) -> bool:
    from pypdf import PdfReader

    return float(PdfReader(pdf).pages[0].mediabox.width) < 500  # A5 is 420 pt wide


if __name__ == "__main__":
    main()
