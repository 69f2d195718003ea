"""A print guide made PDF/X-4 in the press's CMYK (with pikepdf; colours by :mod:`.press`).

WeasyPrint paints in sRGB (and Lab, and CMYK when a stylesheet says ``device-cmyk``).
Every place a colour is set is rewritten in CMYK: the colour operators of every page,
form, tiling pattern and Type 3 glyph; gradients (shadings, their functions'
colours); pictures; transparency groups. Soft masks are opacities, not inks: they are
set in grey, their luminance kept. Links and the tag tree are dropped (a printed page
has no links; the screen guide is the accessible one).

The file is then identified as PDF/X-4: version 1.6, the output intent carrying the
profile and its printing condition, the XMP and Info keys ISO 15930-7 asks for (the
document's properties in both), with fixed dates (same input, same bytes).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import pikepdf
from PIL import ImageCms

from .press import Inks, Press, limited

PDFX_NS = "http://www.npes.org/pdfx/ns/id/"
FIXED_DATE = "2000-01-01T00:00:00+00:00"  # as the Word files': same input, same bytes
FIXED_PDF_DATE = "D:20000101000000Z"
CMYK = pikepdf.Name.DeviceCMYK
GREY = pikepdf.Name.DeviceGray


class Unconvertible(ValueError):
    """A colour careerdocs cannot bring to the press's inks (said in plain words)."""


def convert_to_cmyk(pdf: pikepdf.Pdf, press: Press) -> None:
    """Every colour of ``pdf`` in the press's CMYK (see the module's description)."""
    inks = Inks(press)
    _without_links_and_tags(pdf)
    for page in pdf.pages:
        page.contents_coalesce()
    for holder, mask in _painters(pdf):
        _paint_in_cmyk(holder, inks, mask)
        _group_in(holder, GREY if mask else CMYK)
        for shading in _shadings(holder):
            _shading_in(shading, inks, mask)
    _pictures_in_cmyk(pdf, inks)


def _without_links_and_tags(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        for key in ("/Annots", "/StructParents"):
            if key in page.obj:
                del page.obj[key]
    for key in ("/StructTreeRoot", "/MarkInfo"):
        if key in pdf.Root:
            del pdf.Root[key]


def _painters(pdf: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Object, bool]]:
    """Every page, form, tiling pattern, Type 3 glyph and soft mask whose content paints,
    with whether it is (inside) a soft mask."""
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[pikepdf.Object, bool]] = [(page.obj, False) for page in pdf.pages]
    while stack:
        holder, mask = stack.pop()
        if holder.is_indirect and holder.objgen in seen:
            continue
        if holder.is_indirect:
            seen.add(holder.objgen)
        yield holder, mask
        stack += [(child, mask or child_mask) for child, child_mask in _children(holder)]


def _children(holder: pikepdf.Object) -> Iterator[tuple[pikepdf.Object, bool]]:
    resources = holder.get("/Resources", pikepdf.Dictionary())
    for kind in ("/XObject", "/Pattern"):
        for item in resources.get(kind, pikepdf.Dictionary()).values():
            if isinstance(item, pikepdf.Stream) and item.get("/Subtype") != "/Image":
                yield item, False
    for state in resources.get("/ExtGState", pikepdf.Dictionary()).values():
        mask = state.get("/SMask")
        if isinstance(mask, pikepdf.Dictionary) and "/G" in mask:
            if "/BC" in mask:
                del mask["/BC"]  # the backdrop: black by default, as it is
            yield mask.G, True
    for font in resources.get("/Font", pikepdf.Dictionary()).values():
        if font.get("/Subtype") == "/Type3":
            yield from ((glyph, False) for glyph in
                        font.get("/CharProcs", pikepdf.Dictionary()).values())


class _Painter:
    """Rewrites one content stream's colour operators, following its colour spaces."""

    def __init__(self, holder: pikepdf.Object, inks: Inks, mask: bool):
        self.inks, self.mask = inks, mask
        resources = holder.get("/Resources", pikepdf.Dictionary())
        self.spaces = resources.get("/ColorSpace", pikepdf.Dictionary())
        self.current = {"fill": "/DeviceGray", "stroke": "/DeviceGray"}

    def rewrite(self, operands: list[Any], name: str) -> tuple[list[Any], str]:
        side = "fill" if name.islower() else "stroke"
        lower = name.lower()
        if lower in ("rg", "g", "k"):
            space = {"rg": "/DeviceRGB", "g": "/DeviceGray", "k": "/DeviceCMYK"}[lower]
            return self._colour(space, [float(v) for v in operands], side)
        if lower == "cs":
            return self._space(operands[0], side)
        if lower in ("sc", "scn") and not any(isinstance(v, pikepdf.Name) for v in operands):
            return self._colour(self.current[side], [float(v) for v in operands], side)
        return operands, name

    def _space(self, name: pikepdf.Name, side: str) -> tuple[list[Any], str]:
        family = _family(self.spaces.get(name, name))
        self.current[side] = family
        operator = "cs" if side == "fill" else "CS"
        if family in ("/DeviceRGB", "/DeviceGray", "/DeviceCMYK", "/Lab"):
            return [GREY if self.mask else CMYK], operator
        if family == "/Pattern":
            return [name], operator
        raise Unconvertible(f"a colour space careerdocs cannot print in CMYK ({family})")

    def _colour(self, space: str, values: list[float], side: str) -> tuple[list[Any], str]:
        self.current[side] = space
        grey = side == "fill"
        if self.mask:
            return [_luminance(space, values)], "g" if grey else "G"
        if space == "/DeviceRGB":
            cmyk = self.inks.colour(tuple(values))
        elif space == "/DeviceGray":
            cmyk = self.inks.grey(values[0])
        elif space == "/Lab":
            cmyk = self.inks.lab(tuple(values))
        elif space == "/DeviceCMYK":
            cmyk = limited(tuple(values), self.inks.press.ink_limit)
        else:
            raise Unconvertible(f"a colour careerdocs cannot print in CMYK ({space})")
        return [*cmyk], "k" if grey else "K"


def _luminance(space: str, values: list[float]) -> float:
    """The grey an opacity mask's colour stands for (its luminance)."""
    if space == "/DeviceRGB":
        red, green, blue = values
        return round(0.2126 * red + 0.7152 * green + 0.0722 * blue, 4)
    if space == "/DeviceCMYK":
        return round(max(0.0, 1 - min(1.0, values[3] + max(values[:3]))), 4)
    if space == "/Lab":
        return round(values[0] / 100, 4)
    return values[0]


def _paint_in_cmyk(holder: pikepdf.Object, inks: Inks, mask: bool) -> None:
    painter = _Painter(holder, inks, mask)
    instructions: list[Any] = []
    for instruction in pikepdf.parse_content_stream(holder):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            raise Unconvertible("a picture drawn inline, which careerdocs cannot convert")
        operands, operator = painter.rewrite(list(instruction.operands),
                                             str(instruction.operator))
        instructions.append((operands, pikepdf.Operator(operator)))
    stream = holder.Contents if "/Contents" in holder else holder
    stream.write(pikepdf.unparse_content_stream(instructions))


def _group_in(holder: pikepdf.Object, space: pikepdf.Name) -> None:
    """A transparency group blends in the press's inks; a mask's, in grey."""
    group = holder.get("/Group")
    if isinstance(group, pikepdf.Dictionary) and "/CS" in group:
        group.CS = space


def _shadings(holder: pikepdf.Object) -> Iterator[pikepdf.Object]:
    """The gradients a page or form draws: with ``sh``, or as shading patterns."""
    resources = holder.get("/Resources", pikepdf.Dictionary())
    yield from resources.get("/Shading", pikepdf.Dictionary()).values()
    for pattern in resources.get("/Pattern", pikepdf.Dictionary()).values():
        if pattern.get("/PatternType") == 2 and "/Shading" in pattern:
            yield pattern.Shading


def _shading_in(shading: pikepdf.Object, inks: Inks, mask: bool) -> None:
    """A gradient in CMYK (or grey in a mask): the colours of its function converted."""
    space = _family(shading.get("/ColorSpace"))
    if space in ("/DeviceCMYK", "/DeviceGray") and not mask:
        return
    if "/Function" not in shading or isinstance(shading.Function, pikepdf.Array):
        raise Unconvertible("a gradient careerdocs cannot print in CMYK (no single function)")
    convert = _colour_converter(space, inks, mask)
    _function_in(shading.Function, convert)
    shading.ColorSpace = GREY if mask else CMYK
    if "/Background" in shading:
        shading.Background = pikepdf.Array(convert([float(v) for v in shading.Background]))


def _colour_converter(space: str, inks: Inks, mask: bool) -> Any:
    def convert(values: list[float]) -> list[float]:
        if mask:
            return [_luminance(space, values)]
        if space == "/DeviceRGB":
            return list(inks.colour(tuple(values)))
        if space == "/DeviceGray":
            return list(inks.grey(values[0]))
        if space == "/Lab":
            return list(inks.lab(tuple(values)))
        if space == "/DeviceCMYK":
            return list(limited(tuple(values), inks.press.ink_limit))
        raise Unconvertible(f"a gradient careerdocs cannot print in CMYK ({space})")
    return convert


def _function_in(function: pikepdf.Object, convert: Any) -> None:
    """An exponential function's two colours, or a stitching one's parts, converted."""
    kind = int(function.FunctionType)
    if kind == 2:
        for key, default in (("/C0", [0.0]), ("/C1", [1.0])):
            values = [float(v) for v in function.get(key, default)]
            function[key] = pikepdf.Array(convert(values))
    elif kind == 3:
        for part in function.Functions:
            _function_in(part, convert)
    else:
        raise Unconvertible(f"a gradient careerdocs cannot print in CMYK (function type {kind})")


def _pictures_in_cmyk(pdf: pikepdf.Pdf, inks: Inks) -> None:
    """Every RGB, palette or CMYK picture in the press's CMYK under the ink limit,
    written losslessly (compressed with Flate when the file is saved: a JPEG written
    again would lose detail, and CMYK JPEGs are read inverted by some RIPs)."""
    masks = {obj.SMask.objgen for obj in pdf.objects if isinstance(obj, pikepdf.Stream)
             and isinstance(obj.get("/SMask"), pikepdf.Stream)}
    for obj in pdf.objects:
        if not (isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"):
            continue
        if obj.objgen in masks or obj.get("/ImageMask") is True:
            continue  # an opacity or a stencil: no colour of its own
        if _family(obj.get("/ColorSpace")) == "/DeviceGray":
            continue  # prints on the black plate
        picture = inks.picture(pikepdf.PdfImage(obj).as_pil_image())
        obj.write(picture.tobytes())
        obj.ColorSpace, obj.BitsPerComponent = CMYK, 8
        for key in ("/DecodeParms", "/Decode"):
            if key in obj:
                del obj[key]


def _family(space: object) -> str:
    """The family of a colour space: /DeviceRGB, /Lab, /Indexed…; ICC-based ones by
    their number of components."""
    if isinstance(space, pikepdf.Array) and len(space):
        if str(space[0]) == "/ICCBased":
            return {1: "/DeviceGray", 3: "/DeviceRGB", 4: "/DeviceCMYK"}[int(space[1].N)]
        if str(space[0]) == "/CalRGB":
            return "/DeviceRGB"
        return str(space[0])
    return str(space) if space is not None else "/DeviceGray"


def identify_pdfx(pdf: pikepdf.Pdf, press: Press) -> None:
    """Declare PDF/X-4: the output intent, the Info keys and the XMP properties."""
    profile = pikepdf.Stream(pdf, press.icc)
    profile.N = 4
    pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(press.condition),
        RegistryName=pikepdf.String("http://www.color.org"),
        Info=pikepdf.String(_description(press.icc)), DestOutputProfile=profile)])
    _pdfx_metadata(pdf)  # from the Info the printer wrote, before the keys XMP has not
    for key, value in (("/CreationDate", pikepdf.String(FIXED_PDF_DATE)),
                       ("/ModDate", pikepdf.String(FIXED_PDF_DATE)),
                       ("/Trapped", pikepdf.Name("/False")),
                       ("/GTS_PDFXVersion", pikepdf.String("PDF/X-4"))):
        pdf.docinfo[key] = value


def _description(icc: bytes) -> str:
    from io import BytesIO

    return ImageCms.ImageCmsProfile(BytesIO(icc)).profile.profile_description or "CMYK"


def _pdfx_metadata(pdf: pikepdf.Pdf) -> None:
    """The XMP: the Info properties (title, author, subject, keywords, creator,
    producer), PDF/X identification, fixed dates and document identifiers."""
    identifier = bytes(pdf.trailer.ID[0]) if "/ID" in pdf.trailer else \
        str(pdf.docinfo.get("/Title", "")).encode()
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp.load_from_docinfo(pdf.docinfo)
        xmp.register_xml_namespace(PDFX_NS, "pdfxid")
        xmp["xmp:CreateDate"] = xmp["xmp:ModifyDate"] = xmp["xmp:MetadataDate"] = FIXED_DATE
        xmp["pdf:Trapped"] = "False"
        xmp["pdfxid:GTS_PDFXVersion"] = "PDF/X-4"
        xmp["xmpMM:RenditionClass"] = "default"
        xmp["xmpMM:VersionID"] = "1"
        xmp["xmpMM:DocumentID"] = xmp["xmpMM:InstanceID"] = "uuid:" + _uuid(identifier)


def _uuid(identifier: bytes) -> str:
    text = hashlib.sha256(identifier).hexdigest()[:32]
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
