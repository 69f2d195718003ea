"""A print PDF read back with pypdf (not with the pikepdf code that wrote it): what a
print shop's preflight looks at for PDF/X-4 in CMYK.

No outside PDF/X validator installs from the registries this project reaches (veraPDF
and page-validation check PDF/A and PDF/UA only), so these are the preflight's own
checks, read from the file: the version, the PDF/X identification, the output intent,
the page boxes, the fonts, every colour space painted with and the total ink of every
colour and every pixel.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageChops, ImageMath
from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NameObject

from pdfread import fonts_of

# Operators that choose a colour or a colour space, and the space each one implies.
IMPLIED = {"rg": "/DeviceRGB", "RG": "/DeviceRGB", "g": "/DeviceGray", "G": "/DeviceGray",
           "k": "/DeviceCMYK", "K": "/DeviceCMYK"}


@dataclass
class Preflight:
    """What a preflight finds in a print PDF."""

    version: str = ""
    pdfx: str = ""  # the XMP's pdfxid:GTS_PDFXVersion
    trapped: str = ""
    intents: list[tuple[str, str, int]] = field(default_factory=list)  # (S, condition, N)
    boxes: list[str] = field(default_factory=list)  # problems with a page's boxes
    spaces: set[str] = field(default_factory=set)  # every colour space painted with
    max_ink: float = 0.0  # percent, vector colours and pixels alike
    unembedded: list[str] = field(default_factory=list)
    links: int = 0  # annotations anywhere in the file, and actions
    identified: bool = False  # a trailer /ID, and the XMP's document id
    info_trapped: str = ""

    def problems(self, ink_limit: int, condition: str) -> list[str]:
        found = []
        if self.version != "1.6":
            found.append(f"PDF version {self.version}, PDF/X-4 is 1.6")
        if self.pdfx != "PDF/X-4":
            found.append(f"identified as {self.pdfx or 'nothing'}, not PDF/X-4")
        if self.intents != [("/GTS_PDFX", condition, 4)]:
            found.append(f"output intents {self.intents}")
        found += self.boxes
        # A pattern paints with the colours of its own content, read like a page.
        if not_cmyk := self.spaces - {"/DeviceCMYK", "/DeviceGray", "/Pattern"}:
            found.append(f"colour spaces other than CMYK: {sorted(not_cmyk)}")
        if self.max_ink > ink_limit + 0.5:
            found.append(f"total ink {self.max_ink:.1f} % over {ink_limit} %")
        if self.unembedded:
            found.append(f"fonts not embedded: {self.unembedded}")
        if self.links:
            found.append(f"{self.links} link annotations or actions in the file")
        if not self.identified:
            found.append("no document identifier (trailer /ID and xmpMM:DocumentID)")
        if self.trapped != "False" or self.info_trapped != "/False":
            found.append(f"Trapped {self.trapped!r} in XMP, {self.info_trapped!r} in Info")
        return found


def preflight(path: Path) -> Preflight:
    reader = PdfReader(path)
    found = Preflight(version=path.read_bytes()[5:8].decode())
    xmp = reader.trailer["/Root"].get("/Metadata")
    text = xmp.get_object().get_data().decode() if xmp is not None else ""
    found.pdfx = _xmp_value(text, "pdfxid:GTS_PDFXVersion")
    found.trapped = _xmp_value(text, "pdf:Trapped")
    for intent in reader.trailer["/Root"].get("/OutputIntents", []):
        intent = intent.get_object()
        profile = intent["/DestOutputProfile"].get_object()
        found.intents.append((str(intent["/S"]), str(intent.get("/OutputConditionIdentifier")),
                              int(profile["/N"])))
    found.info_trapped = str((reader.trailer.get("/Info") or {}).get("/Trapped", ""))
    found.identified = "/ID" in reader.trailer and bool(_xmp_value(text, "xmpMM:DocumentID"))
    found.links = _annotations_and_actions(reader)
    for number, page in enumerate(reader.pages, 1):
        found.boxes += _box_problems(number, page)
        group = page.get("/Group")
        if group is not None and "/CS" in group.get_object():
            found.spaces.add(_family(group.get_object()["/CS"]))
        _read_painting(page.get_contents(), page.get("/Resources"), reader, found, set())
    found.unembedded = [name for name, embedded in fonts_of(path).items() if not embedded]
    return found


def _annotations_and_actions(reader: PdfReader) -> int:
    """Annotations and actions anywhere in the file, on a page or not (a tag tree can
    hold links that no page shows)."""
    count = 0
    for number in range(1, _highest_object(reader)):
        try:
            item = reader.get_object(number)
        except Exception:  # noqa: BLE001 - a free object number: nothing there
            continue
        if isinstance(item, DictionaryObject) and (
                item.get("/Type") == "/Annot" or "/URI" in item or item.get("/S") == "/URI"):
            count += 1
    return count


def _highest_object(reader: PdfReader) -> int:
    return int(reader.trailer.get("/Size", 0))


def _xmp_value(text: str, name: str) -> str:
    match = re.search(rf"<{name}[^>]*>([^<]*)</{name}>|{name}=\"([^\"]*)\"", text)
    return next((group for group in match.groups() if group), "") if match else ""


def _box_problems(number: int, page: DictionaryObject) -> list[str]:
    boxes = {name: [float(v) for v in page[name]] for name in ("/MediaBox", "/BleedBox",
                                                               "/TrimBox") if name in page}
    if len(boxes) < 3:
        return [f"page {number}: only {sorted(boxes)}"]
    inside = all(_within(boxes[inner], boxes[outer]) for inner, outer in
                 (("/TrimBox", "/BleedBox"), ("/BleedBox", "/MediaBox")))
    return [] if inside else [f"page {number}: boxes not nested {boxes}"]


def _within(inner: list[float], outer: list[float]) -> bool:
    return (inner[0] >= outer[0] - 0.01 and inner[1] >= outer[1] - 0.01
            and inner[2] <= outer[2] + 0.01 and inner[3] <= outer[3] + 0.01)


def _read_painting(contents: object, resources: object, reader: PdfReader, found: Preflight,
                   seen: set[int]) -> None:
    """Colour spaces and inks of a content stream, its forms, patterns and pictures."""
    resources = resources.get_object() if resources is not None else DictionaryObject()
    if contents is not None:
        current = {"fill": "/DeviceGray", "stroke": "/DeviceGray"}
        for operands, operator in ContentStream(contents, reader).operations:
            _read_operator(operator.decode(), operands, resources, found, current)
    for kind in ("/XObject", "/Pattern"):
        for reference in (resources.get(kind) or DictionaryObject()).values():
            if id(reference.get_object()) in seen:
                continue
            seen.add(id(reference.get_object()))
            _read_object(reference.get_object(), reader, found, seen)
    for shading in (resources.get("/Shading") or DictionaryObject()).values():
        found.spaces.add(_family(shading.get_object().get("/ColorSpace")))
    for state in (resources.get("/ExtGState") or DictionaryObject()).values():
        mask = state.get_object().get("/SMask")
        if isinstance(mask, DictionaryObject) and "/G" in mask:
            _read_object(mask["/G"].get_object(), reader, found, seen)
    for font in (resources.get("/Font") or DictionaryObject()).values():
        font = font.get_object()
        for glyph in (font.get("/CharProcs") or DictionaryObject()).values():
            _read_painting(glyph.get_object(), font.get("/Resources"), reader, found, seen)


def _read_object(item: DictionaryObject, reader: PdfReader, found: Preflight,
                 seen: set[int]) -> None:
    if item.get("/Subtype") == "/Image":
        found.spaces.add(_family(item.get("/ColorSpace")))
        if _family(item.get("/ColorSpace")) == "/DeviceCMYK":
            found.max_ink = max(found.max_ink, _picture_ink(item))
        return
    group = item.get("/Group")
    if group is not None and "/CS" in group.get_object():
        found.spaces.add(_family(group.get_object()["/CS"]))
    if "/Shading" in item:
        found.spaces.add(_family(item["/Shading"].get_object().get("/ColorSpace")))
    _read_painting(item, item.get("/Resources"), reader, found, seen)


def _read_operator(name: str, operands: list, resources: DictionaryObject,
                   found: Preflight, current: dict[str, str]) -> None:
    side = "fill" if name.islower() else "stroke"
    if name in IMPLIED:
        found.spaces.add(IMPLIED[name])
        current[side] = IMPLIED[name]
        if name in ("k", "K"):
            found.max_ink = max(found.max_ink, 100 * sum(float(v) for v in operands))
    elif name in ("cs", "CS"):
        spaces = resources.get("/ColorSpace") or DictionaryObject()
        space = operands[0]
        current[side] = _family(spaces.get(space, space))
        found.spaces.add(current[side])
    elif name in ("sc", "scn", "SC", "SCN") and current[side] == "/DeviceCMYK":
        found.max_ink = max(found.max_ink, 100 * sum(float(v) for v in operands[:4]))


def _family(space: object) -> str:
    space = space.get_object() if hasattr(space, "get_object") else space
    if isinstance(space, ArrayObject):
        if space[0] == "/ICCBased":
            return {1: "/DeviceGray", 3: "/ICCBased RGB", 4: "/ICCBased CMYK"}[
                int(space[1].get_object()["/N"])]
        return str(space[0])
    return str(space) if isinstance(space, NameObject) else "none"


def _picture_ink(item: DictionaryObject) -> float:
    """The highest total ink of a CMYK picture's pixels, in percent."""
    width, height = int(item["/Width"]), int(item["/Height"])
    filters = item.get("/Filter")
    if filters == "/DCTDecode" or (isinstance(filters, ArrayObject) and "/DCTDecode" in filters):
        image = Image.open(io.BytesIO(item.get_data()))  # a JPEG, Adobe's inverted CMYK read
        if item.get("/Decode") is not None and float(item["/Decode"][0]) == 1:
            image = ImageChops.invert(image)
    else:
        image = Image.frombytes("CMYK", (width, height), item.get_data())
    c, m, y, k = image.split()
    total = ImageMath.lambda_eval(lambda e: e["c"] + e["m"] + e["y"] + e["k"],
                                  c=c, m=m, y=y, k=k)
    return float(total.getextrema()[1]) * 100 / 255
