"""The finishing of printed PDFs by profile (see :mod:`generator.render.profiles`), with
pikepdf (qpdf): deterministic, and only imported when a PDF is written.
"""

from __future__ import annotations

import binascii
from dataclasses import dataclass
from io import BytesIO

import pikepdf

from .pdfx import convert_to_cmyk, identify_pdfx
from .press import Press
from .profiles import BLEED_MM

MM = 72 / 25.4
PDFX_VERSION = "1.6"  # PDF/X-4 is PDF 1.6 (WeasyPrint writes it so: see profiles)
SLUG_MM = 10.0  # room around the bleed for the crop marks
MARK_OFFSET_MM, MARK_LENGTH_MM = BLEED_MM + 1, 5.0  # marks start 1 mm beyond the bleed
MARK_WIDTH_PT = 0.25
PDFUA_NS = "http://www.aiim.org/pdfua/ns/id/"
# PDF/A allows in its XMP only the properties of its own schemas and of those the file
# declares: the PDF/UA identification (pdfuaid:part) is declared as an extension schema.
PDFUA_EXTENSION = b"""<rdf:Description rdf:about=""
  xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
  xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
  xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
 <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
  <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
  <pdfaSchema:namespaceURI>%s</pdfaSchema:namespaceURI>
  <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
  <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
   <pdfaProperty:name>part</pdfaProperty:name>
   <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
   <pdfaProperty:category>internal</pdfaProperty:category>
   <pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
  </rdf:li></rdf:Seq></pdfaSchema:property>
 </rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
""" % PDFUA_NS.encode()
# A stream whose data ends in CR, written before qpdf's LF and "endstream", reads to a
# PDF/A validator as a stream one byte shorter than its /Length says (CR LF being an
# end of line): PDF/A-3 6.1.7.1 makes it a failure. (Real "endstream" keywords are
# preceded by LF alone.)
CR_BEFORE_ENDSTREAM = b"\r\nendstream"


def _save(pdf: pikepdf.Pdf, version: str = "") -> bytes:
    """The PDF's bytes, the same for the same input; with what PDF/A asks of streams and
    pictures (see :func:`_no_stream_ends_in_cr`, :func:`_no_interpolation`)."""
    _no_interpolation(pdf)
    data = _saved(pdf, pikepdf.ObjectStreamMode.generate, version=version)
    if CR_BEFORE_ENDSTREAM not in data:
        return data
    # A stream ending in CR (qpdf compresses some as it saves): written again so that it
    # does not; then, if an object stream qpdf makes ends in CR, none are made.
    with pikepdf.open(BytesIO(data)) as again:
        _no_stream_ends_in_cr(again)
        data = _saved(again, pikepdf.ObjectStreamMode.generate, True, version)
        if CR_BEFORE_ENDSTREAM in data:
            data = _saved(again, pikepdf.ObjectStreamMode.disable, True, version)
    return data



def _saved(pdf: pikepdf.Pdf, objects: pikepdf.ObjectStreamMode, keep: bool = False,
           version: str = "") -> bytes:
    """``keep``: streams written as they are, all compressed already (else qpdf would
    decode an ASCIIHex encoding and compress the stream again, as it was). ``version``:
    the PDF version to write, when a standard sets it."""
    output = BytesIO()
    pdf.save(output, deterministic_id=True, compress_streams=not keep, object_stream_mode=objects,
             stream_decode_level=pikepdf.StreamDecodeLevel.none if keep else None,
             min_version=version)
    return output.getvalue()


def _no_stream_ends_in_cr(pdf: pikepdf.Pdf) -> None:
    """Give each stream whose data ends in CR an ASCIIHex encoding over its own (its data
    then ends in ">"): compressing it anew would not do, a zlib stream ends with the
    checksum of what it holds. Rare: one stream in a few files, made twice as large."""
    for stream in pdf.objects:
        if not isinstance(stream, pikepdf.Stream) or not stream.read_raw_bytes().endswith(b"\r"):
            continue
        filters = _as_list(stream.get("/Filter"))
        parameters = _as_list(stream.get("/DecodeParms")) or [None] * len(filters)
        stream.write(binascii.hexlify(stream.read_raw_bytes()) + b">",
                     filter=pikepdf.Array([pikepdf.Name.ASCIIHexDecode, *filters]),
                     decode_parms=pikepdf.Array([None, *parameters]) if any(parameters) else None,
                     type_check=False)


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def _no_interpolation(pdf: pikepdf.Pdf) -> None:
    """Pictures without /Interpolate true, which PDF/A forbids (viewers smooth pictures
    anyway; WeasyPrint asks for it for pictures drawn at ``image-rendering: auto``)."""
    for stream in pdf.objects:
        if isinstance(stream, pikepdf.Stream) and stream.get("/Subtype") == pikepdf.Name.Image \
                and stream.get("/Interpolate") is not None:
            stream.Interpolate = False


def finish_screen(data: bytes) -> bytes:
    """Identify the PDF/A-3a file as PDF/UA-1 too, and give every table header cell
    its scope, which PDF/UA requires."""
    with pikepdf.open(BytesIO(data)) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp.register_xml_namespace(PDFUA_NS, "pdfuaid")
            xmp["pdfuaid:part"] = "1"
        _declare_pdfua_schema(pdf)
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is not None:
            _scope_headers(tree.get("/K"), None)
        return _save(pdf)


def _declare_pdfua_schema(pdf: pikepdf.Pdf) -> None:
    """Add the PDF/UA extension schema to the file's XMP packet."""
    xmp = pdf.Root.Metadata.read_bytes()
    if b"pdfaExtension:schemas" in xmp:
        return
    end = xmp.rindex(b"</rdf:RDF>")
    pdf.Root.Metadata.write(xmp[:end] + PDFUA_EXTENSION + xmp[end:])


def _scope_headers(node: object, parent_role: str | None) -> None:
    """Header cells in a table head are column headers; others are row headers."""
    if isinstance(node, pikepdf.Array):
        for child in node:
            _scope_headers(child, parent_role)
        return
    if not isinstance(node, pikepdf.Dictionary):
        return
    role = str(node.get("/S", ""))
    if role == "/TH":
        scope = pikepdf.Name.Column if parent_role == "/THead" else pikepdf.Name.Row
        attributes = node.get("/A")  # WeasyPrint's, with the cell's ColSpan and RowSpan
        if not isinstance(attributes, pikepdf.Dictionary):
            attributes = node.A = pikepdf.Dictionary(O=pikepdf.Name.Table)
        attributes.Scope = scope
    kids = node.get("/K")
    if kids is not None:
        _scope_headers(kids, role if role != "/TR" else parent_role)


def finish_print(data: bytes, press: Press) -> bytes:
    """PDF/X-4 in the press's CMYK (see :mod:`.press`), with a slug and crop marks
    around each page's bleed."""
    with pikepdf.open(BytesIO(data)) as pdf:
        convert_to_cmyk(pdf, press)
        for page in pdf.pages:
            _add_crop_marks(pdf, page)
        identify_pdfx(pdf, press)
        return _save(pdf, version=PDFX_VERSION)


def _add_crop_marks(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """A slug around the page's bleed, with crop marks at the trim lines."""
    trim = [float(v) for v in page.obj.TrimBox]
    media = [float(v) for v in page.obj.MediaBox]
    slug = SLUG_MM * MM
    page.obj.MediaBox = pikepdf.Array([media[0] - slug, media[1] - slug,
                                       media[2] + slug, media[3] + slug])
    # Drawn inside the bleed only: what a template paints past it stays out of the slug.
    left, bottom, right, top = media
    clip = f"q {left:.3f} {bottom:.3f} {right - left:.3f} {top - bottom:.3f} re W n\n"
    page.contents_add(pikepdf.Stream(pdf, clip.encode()), prepend=True)
    page.contents_add(pikepdf.Stream(pdf, b"Q\n" + _marks(trim)))


def _marks(trim: list[float]) -> bytes:
    """Two short lines at each corner, on the trim lines' extensions, outside the bleed."""
    left, bottom, right, top = trim
    offset, length = MARK_OFFSET_MM * MM, MARK_LENGTH_MM * MM
    lines = []
    for x, side in ((left, -1), (right, 1)):
        for y, up in ((bottom, -1), (top, 1)):
            lines.append((x + side * offset, y, x + side * (offset + length), y))
            lines.append((x, y + up * offset, x, y + up * (offset + length)))
    path = "".join(f"{x1:.3f} {y1:.3f} m {x2:.3f} {y2:.3f} l S\n" for x1, y1, x2, y2 in lines)
    # Black ink: the marks print on the black plate, the one every job has.
    return f"q 0 0 0 1 K {MARK_WIDTH_PT} w\n{path}Q\n".encode()


def booklet_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page numbers (1-based) of each sheet side, front then back:
    sheet 1 front is last and first, its back second and second-to-last…"""
    sides = []
    for sheet in range(pages // 4):
        outer, inner = 2 * sheet, 2 * sheet + 1
        sides.append((pages - outer, outer + 1))
        sides.append((inner + 1, pages - inner))
    return sides


# ISO sheets in points, landscape: two A5 pages go on A4, two A4 pages on A3.
SHEETS = {"A4": (841.89, 595.28), "A3": (1190.55, 841.89)}
FOLD_MARK_MM = 2.0  # long, ending 1 mm before the pages: in the margin, outside them
MARK_GAP_MM = 1.0
UNPRINTED_MM = 5.0  # what office printers leave blank at a sheet's edge, at most


@dataclass(frozen=True)
class Imposition:
    """How the school's printer takes the booklet: the sheet (None: the next ISO size up
    from the pages) and the margin left blank all around, which an office printer
    cannot print (the pages are scaled down to leave it, and the marks go in it)."""

    sheet: str | None = None
    margin_mm: float = 8.0


def impose_booklet(data: bytes, imposition: Imposition = Imposition()) -> bytes:
    """Pages two-up on a sheet, meeting at its middle (the fold), in booklet order, inside
    the margin; blank pages are added at the end up to a multiple of 4."""
    with pikepdf.open(BytesIO(data)) as source, pikepdf.new() as output:
        width, height = (float(v) for v in source.pages[0].mediabox[2:])
        sheet_width, sheet_height = _sheet(imposition.sheet, width, height)
        margin = imposition.margin_mm * MM
        # Never enlarged: an A5 guide on A3 sheets is centred at its own size.
        scale = min((sheet_width / 2 - margin) / width, (sheet_height - 2 * margin) / height,
                    1.0)
        shown_width, shown_height = width * scale, height * scale
        forms = [output.copy_foreign(page.as_form_xobject()) for page in source.pages]
        middle, bottom = sheet_width / 2, (sheet_height - shown_height) / 2
        for left, right in booklet_order(len(forms) + (-len(forms) % 4)):
            sheet = output.add_blank_page(page_size=(sheet_width, sheet_height))
            for number, x in ((left, middle - shown_width), (right, middle)):
                if number <= len(forms):
                    _place(output, sheet, forms[number - 1], f"/Page{number}",
                           pikepdf.Rectangle(x, bottom, x + shown_width, bottom + shown_height))
            if margin >= (UNPRINTED_MM + FOLD_MARK_MM + MARK_GAP_MM) * MM:
                sheet.contents_add(pikepdf.Stream(output, _fold_marks(
                    sheet_width, sheet_height, bottom, middle - shown_width)))
        output.Root.Lang = source.Root.get("/Lang", pikepdf.String(""))
        output.docinfo.Title = source.docinfo.get("/Title", pikepdf.String(""))
        return _save(output)


def _sheet(name: str | None, width: float, height: float) -> tuple[float, float]:
    """The sheet asked for, or the first ISO size holding two pages side by side."""
    if name is not None:
        return SHEETS[name]
    return next((sheet for sheet in SHEETS.values()
                 if sheet[0] >= 2 * width - 2 and sheet[1] >= height - 2), (2 * width, height))


def _fold_marks(width: float, height: float, bottom: float, left: float) -> bytes:
    """Fold marks at both ends of the fold and centre marks at the middle of the outer
    edges, in the margin: short lines ending a millimetre before the pages."""
    length, gap = FOLD_MARK_MM * MM, MARK_GAP_MM * MM
    middle, centre = width / 2, height / 2
    lines = [(middle, bottom - gap - length, middle, bottom - gap),
             (middle, height - bottom + gap, middle, height - bottom + gap + length),
             (left - gap - length, centre, left - gap, centre),
             (width - left + gap, centre, width - left + gap + length, centre)]
    path = "".join(f"{x1:.3f} {y1:.3f} m {x2:.3f} {y2:.3f} l S\n" for x1, y1, x2, y2 in lines)
    return f"q 0 G {MARK_WIDTH_PT} w\n{path}Q\n".encode()


def _place(pdf: pikepdf.Pdf, sheet: pikepdf.Page, form: pikepdf.Object, name: str,
           rect: pikepdf.Rectangle) -> None:
    """Draw a page (as a form) in ``rect`` of a sheet, under a fixed resource name: the
    same input gives the same bytes."""
    resource = sheet.add_resource(form, pikepdf.Name.XObject, name=pikepdf.Name(name))
    placement = sheet.calc_form_xobject_placement(form, resource, rect)
    sheet.contents_add(pikepdf.Stream(pdf, b"q\n" + placement + b"\nQ\n"))
