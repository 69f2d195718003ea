"""Screen PDFs conform to PDF/A-3a and PDF/UA-1 as an outside validator reads them
(tests/conformance.py), and the validator catches a file that does not."""

from __future__ import annotations

import random
import zlib
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest

from generator.render import finishing

from conformance import conformance_failures

DEMO_PDFS = [f"{campus}/{lang}/{name}" for campus in ("demo-nord", "demo-sud")
             for lang in ("fr", "en") for name in ("guide-pm-vs-po.pdf", "comparison-pm-vs-po.pdf")]


@pytest.mark.parametrize("name", DEMO_PDFS)
def test_demo_screen_pdfs_pass_the_validator(demo_build: Path, name: str) -> None:
    assert not conformance_failures(demo_build / name)


def test_the_validator_names_an_undeclared_pdf_ua_identification(
        demo_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without its extension schema, the PDF/UA identification breaks PDF/A."""
    monkeypatch.setattr(finishing, "_declare_pdfua_schema", lambda _pdf: None)
    with pikepdf.open(demo_build / DEMO_PDFS[0]) as pdf:
        del pdf.Root.Metadata
        with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
            xmp["pdfaid:part"], xmp["pdfaid:conformance"] = "3", "A"
        data = BytesIO()
        pdf.save(data)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(finishing.finish_screen(data.getvalue()))
    failures = conformance_failures(broken)
    assert any("PDFA3A-XMP-PROPERTY-DEFINITION-001" in failure for failure in failures), failures


def _data_whose_stream_ends_in_cr() -> bytes:
    """A content stream whose zlib encoding ends in CR (the checksum's last byte)."""
    rng = random.Random(7)
    for _attempt in range(100_000):  # one in 256 does
        words = " ".join(rng.choice(("q", "Q", "n", "0 0 m")) for _ in range(rng.randrange(1, 40)))
        if zlib.compress(data := words.encode() + b"\n").endswith(b"\r"):
            return data
    raise AssertionError("no such stream found")


def test_a_stream_ending_in_cr_is_written_so_that_its_length_reads_right(tmp_path: Path) -> None:
    """Before "endstream", CR then LF reads as an end of line: the validator would find
    the stream one byte shorter than its /Length. careerdocs writes such a stream so that
    it ends otherwise, and what it holds stays the same."""
    data = _data_whose_stream_ends_in_cr()
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].Contents = pikepdf.Stream(pdf, zlib.compress(data))
    pdf.pages[0].Contents.Filter = pikepdf.Name.FlateDecode
    naive = BytesIO()
    pdf.save(naive, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    assert finishing.CR_BEFORE_ENDSTREAM in naive.getvalue()  # the case is real
    written = finishing._save(pdf)
    assert finishing.CR_BEFORE_ENDSTREAM not in written
    with pikepdf.open(BytesIO(written)) as again:
        assert again.pages[0].Contents.read_bytes() == data
