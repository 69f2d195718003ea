"""The three ways a guide leaves careerdocs: for screens, for a print shop, for the
school's own duplex printer.

- ``screen`` (``guide-ID.pdf``): PDF/A-3a, the archival PDF whose "a" level means
  tagged and accessible, also identified as PDF/UA-1; table header cells get the
  scope (column or row) WeasyPrint leaves out.
- ``print`` (``guide-ID.print.pdf``): PDF/X-4 in the print shop's CMYK, laid out
  with 3 mm of bleed (the templates extend the covers' colour into it); the sheet is
  then made larger by a slug where crop marks are drawn, outside the bleed, at the
  trim lines.
- ``booklet`` (``guide-ID.booklet.pdf``): the pages imposed two-up on the next
  paper size (A5 on A4, A4 on A3), in saddle-stitch order, for duplex printing
  flipped on the short edge: fold the stack, staple in the fold.

WeasyPrint writes the PDF; pikepdf (qpdf) reworks it, deterministically.
"""

from __future__ import annotations

PROFILES = ("screen", "print", "booklet")
SUFFIXES = {"screen": ".pdf", "print": ".print.pdf", "booklet": ".booklet.pdf"}
# What WeasyPrint is asked to write for each profile, before finishing (the print guide
# is made PDF/X-4 in CMYK afterwards, see :mod:`.press`).
WRITE_OPTIONS: dict[str, dict[str, str]] = {"screen": {"pdf_variant": "pdf/a-3a"},
                                            "print": {"pdf_version": "1.6"}, "booklet": {}}
BLEED_MM = 3.0


def layout_of(profile: str) -> str:
    """The layout a profile's pages come from: the booklet imposes the screen pages."""
    return "print" if profile == "print" else "screen"


def profile_of(file_name: str) -> str:
    """``guide-x.print.pdf`` → ``print``."""
    return next((name for name, suffix in SUFFIXES.items() if name != "screen"
                 and file_name.endswith(suffix)), "screen")
