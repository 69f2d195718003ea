"""A print guide in the print shop's colours: CMYK through its press profile, PDF/X-4.

WeasyPrint paints in sRGB. Here every colour of every page (text, rules, boxes, the
career map, pictures) is converted to CMYK through the ICC profile of the print
shop's press and paper (LittleCMS, through Pillow), so that what the shop prints is
what careerdocs chose, not what its RIP guesses from RGB:

- vector colours with relative colorimetric rendering and black point compensation;
  neutral greys (black text above all) go on the black plate alone, matching their
  lightness, so small text stays sharp when the plates are slightly off register;
- pictures with perceptual rendering;
- the total ink of every colour and every pixel kept under the campus's limit (ink
  taken from cyan, magenta and yellow, the black kept).

The file is then identified as PDF/X-4: version 1.6, the output intent carrying the
profile and its printing condition, the XMP and Info keys ISO 15930-7 asks for, with
fixed dates (same input, same bytes). Links are dropped: a printed page has none.
"""

from __future__ import annotations

import hashlib
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pikepdf
from PIL import Image, ImageCms, ImageMath

DEFAULT_ICC = Path(__file__).with_name("icc") / "FOGRA39L-coated-300.icc"
DEFAULT_CONDITION = "FOGRA39"
DEFAULT_INK_LIMIT = 300  # percent: what French print shops ask for coated paper
PDFX_NS = "http://www.npes.org/pdfx/ns/id/"
FIXED_DATE = "2000-01-01T00:00:00+00:00"  # as the Word files': same input, same bytes
NEUTRAL = 1 / 512  # channels closer than this are one grey
RGB_SPACES = ("/DeviceRGB", "/CalRGB")


@dataclass(frozen=True)
class Press:
    """The print shop's press and paper: its CMYK profile, the printing condition it
    characterises (FOGRA39…) and the total ink it takes, in percent."""

    icc: bytes
    condition: str = DEFAULT_CONDITION
    ink_limit: int = DEFAULT_INK_LIMIT

    @classmethod
    def default(cls, ink_limit: int = DEFAULT_INK_LIMIT) -> Press:
        """Offset on coated paper, with careerdocs's own profile of it."""
        return cls(DEFAULT_ICC.read_bytes(), DEFAULT_CONDITION, ink_limit)


def profile_problem(data: bytes) -> str | None:
    """Why ``data`` is not the ICC profile of a CMYK press, or None when it is."""
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data)).profile
    except (OSError, ImageCms.PyCMSError, ValueError):
        return "is not an ICC colour profile"
    space = profile.xcolor_space.strip()
    if space != "CMYK":
        return f"is an ICC profile of {space} colours, not of a CMYK press"
    if profile.device_class != "prtr":
        return "is a CMYK profile, but not of a printer (it cannot be printed to)"
    return None


@dataclass
class Inks:
    """sRGB to the press's CMYK (0–1 per ink), colour by colour and picture by picture."""

    press: Press
    _cache: dict[tuple[float, ...], tuple[float, ...]] = field(default_factory=dict)

    @cached_property
    def _profile(self) -> ImageCms.ImageCmsProfile:
        return ImageCms.ImageCmsProfile(io.BytesIO(self.press.icc))

    @cached_property
    def _vector(self) -> ImageCms.ImageCmsTransform:
        return ImageCms.buildTransform(
            ImageCms.createProfile("sRGB"), self._profile, "RGB", "CMYK",
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
            flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)

    @cached_property
    def _pictures(self) -> ImageCms.ImageCmsTransform:
        return ImageCms.buildTransform(
            ImageCms.createProfile("sRGB"), self._profile, "RGB", "CMYK",
            renderingIntent=ImageCms.Intent.PERCEPTUAL)

    @cached_property
    def _black_lightness(self) -> list[float]:
        """L* of each step of black ink alone on this paper, 0 to 255."""
        ramp = Image.new("CMYK", (256, 1))
        ramp.putdata([(0, 0, 0, k) for k in range(256)])
        lab = _lab(ramp, self._profile)
        return [lab.getpixel((k, 0))[0] * 100 / 255 for k in range(256)]  # type: ignore[index]

    def colour(self, rgb: tuple[float, ...]) -> tuple[float, ...]:
        """The CMYK of an sRGB colour (channels 0–1)."""
        key = tuple(round(channel, 4) for channel in rgb)
        if key not in self._cache:
            self._cache[key] = self._convert(key)
        return self._cache[key]

    def _convert(self, rgb: tuple[float, ...]) -> tuple[float, ...]:
        if max(rgb) - min(rgb) < NEUTRAL:
            return (0.0, 0.0, 0.0, self._grey(sum(rgb) / 3))
        pixel = Image.new("RGB", (1, 1), tuple(round(channel * 255) for channel in rgb))
        converted = _applied(pixel, self._vector)
        cmyk = tuple(value / 255 for value in converted.getpixel((0, 0)))  # type: ignore[union-attr]
        return _limited(cmyk, self.press.ink_limit / 100)

    def _grey(self, level: float) -> float:
        """The black ink that prints an sRGB grey as light as it is on screen."""
        wanted = _srgb_lightness(level)
        lightness = self._black_lightness
        darker = next((k for k, value in enumerate(lightness) if value <= wanted), 255)
        if darker == 0:
            return 0.0
        lighter = lightness[darker - 1]
        step = (lighter - wanted) / (lighter - lightness[darker]) if lighter > wanted else 1.0
        return round((darker - 1 + min(step, 1.0)) / 255, 4)

    def picture(self, image: Image.Image) -> Image.Image:
        """A picture in the press's CMYK, its ink limited pixel by pixel."""
        converted = _applied(image.convert("RGB"), self._pictures)
        return _limited_picture(converted, self.press.ink_limit)


def _applied(image: Image.Image, transform: ImageCms.ImageCmsTransform) -> Image.Image:
    converted = ImageCms.applyTransform(image, transform)
    assert converted is not None  # None only when converting in place
    return converted


def _lab(image: Image.Image, profile: ImageCms.ImageCmsProfile) -> Image.Image:
    transform = ImageCms.buildTransform(profile, ImageCms.createProfile("LAB"), "CMYK", "LAB",
                                        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    return _applied(image, transform)


def _srgb_lightness(level: float) -> float:
    """CIE L* of an sRGB grey of ``level`` (0–1)."""
    linear = level / 12.92 if level <= 0.04045 else ((level + 0.055) / 1.055) ** 2.4
    return 116 * linear ** (1 / 3) - 16 if linear > 216 / 24389 else linear * 24389 / 27


def _limited(cmyk: tuple[float, ...], limit: float) -> tuple[float, ...]:
    """Under ``limit`` total ink: cyan, magenta and yellow reduced, black kept."""
    c, m, y, k = cmyk[:3] + (round(cmyk[3], 4),)
    if c + m + y + k <= limit:
        return tuple(round(value, 4) for value in cmyk)
    scale = max(limit - k, 0.0) / (c + m + y)
    # Rounded down, so the four rounded inks stay under the limit too.
    return (*(math.floor(value * scale * 10_000) / 10_000 for value in (c, m, y)), round(k, 4))


def _limited_picture(image: Image.Image, limit_percent: int) -> Image.Image:
    limit = limit_percent * 255 / 100
    c, m, y, k = image.split()

    def scale(colour: Any) -> Any:
        return ImageMath.lambda_eval(
            lambda e: e["convert"](e["min"](
                e["float"](e["b"]),
                e["float"](e["b"]) * (limit - e["k"]) / e["max"](e["c"] + e["m"] + e["y"], 1.0)
            ), "L"), b=colour, c=c, m=m, y=y, k=k)

    return Image.merge("CMYK", [scale(c), scale(m), scale(y), k])


def _pages_and_forms(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    """Every page, form, pattern and soft mask whose content paints colours."""
    seen: set[tuple[int, int]] = set()
    stack: list[pikepdf.Object] = [page.obj for page in pdf.pages]
    while stack:
        holder = stack.pop()
        if holder.is_indirect and holder.objgen in seen:
            continue
        seen.add(holder.objgen)
        yield holder
        resources = holder.get("/Resources", pikepdf.Dictionary())
        for kind in ("/XObject", "/Pattern"):
            for item in resources.get(kind, pikepdf.Dictionary()).values():
                if isinstance(item, pikepdf.Stream) and item.get("/Subtype") != "/Image":
                    stack.append(item)
        for state in resources.get("/ExtGState", pikepdf.Dictionary()).values():
            mask = state.get("/SMask")
            if isinstance(mask, pikepdf.Dictionary) and "/G" in mask:
                stack.append(mask.G)



def _painted_in_cmyk(holder: pikepdf.Object, inks: Inks) -> None:
    """The content of a page or form with its RGB and grey colours set in CMYK."""
    instructions: list[tuple[Any, pikepdf.Operator]] = []
    for instruction in pikepdf.parse_content_stream(holder):
        operands, operator = instruction.operands, instruction.operator
        name = str(operator)
        if name in ("rg", "RG") and len(operands) == 3:
            cmyk: tuple[float, ...] = inks.colour(tuple(float(value) for value in operands))
        elif name in ("g", "G") and len(operands) == 1:
            cmyk = (0.0, 0.0, 0.0, round(1 - float(operands[0]), 4))
        else:
            instructions.append((operands, operator))
            continue
        instructions.append(([*cmyk], pikepdf.Operator("k" if name.islower() else "K")))
    data = pikepdf.unparse_content_stream(instructions)
    stream = holder.Contents if "/Contents" in holder else holder
    stream.write(data)


def _group_in_cmyk(holder: pikepdf.Object) -> None:
    """A transparency group blends in CMYK, the press's colours."""
    group = holder.get("/Group")
    if isinstance(group, pikepdf.Dictionary) and "/CS" in group:
        group.CS = pikepdf.Name.DeviceCMYK


def _pictures_in_cmyk(pdf: pikepdf.Pdf, inks: Inks) -> None:
    """Every RGB or palette picture converted, written losslessly (compressed with
    Flate when the file is saved: a JPEG written again would lose detail, and CMYK
    JPEGs are read inverted by some RIPs)."""
    for obj in pdf.objects:
        if not (isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"):
            continue
        if _colour_space_name(obj.get("/ColorSpace")) in ("/DeviceGray", "/DeviceCMYK", None):
            continue  # grey (a soft mask, a grey picture) prints on the black plate
        picture = inks.picture(pikepdf.PdfImage(obj).as_pil_image())
        obj.write(picture.tobytes())
        obj.ColorSpace = pikepdf.Name.DeviceCMYK
        obj.BitsPerComponent = 8
        for key in ("/DecodeParms", "/Decode"):
            if key in obj:
                del obj[key]


def _colour_space_name(space: object) -> str | None:
    """The family of a colour space: /DeviceRGB, /ICCBased, /Indexed…; None for a mask."""
    if space is None:
        return None
    if isinstance(space, pikepdf.Array):
        if str(space[0]) == "/ICCBased":
            return {1: "/DeviceGray", 3: "/DeviceRGB", 4: "/DeviceCMYK"}[int(space[1].N)]
        return str(space[0])
    return str(space)


def convert_to_cmyk(pdf: pikepdf.Pdf, press: Press) -> None:
    """Every colour of ``pdf`` in the press's CMYK (see the module's description)."""
    inks = Inks(press)
    for page in pdf.pages:
        page.contents_coalesce()
        if "/Annots" in page.obj:
            del page.obj["/Annots"]  # links: a printed page has none
    for holder in _pages_and_forms(pdf):
        _painted_in_cmyk(holder, inks)
        _group_in_cmyk(holder)
    _pictures_in_cmyk(pdf, inks)


def identify_pdfx(pdf: pikepdf.Pdf, press: Press, title: str) -> None:
    """Declare PDF/X-4: the output intent, the Info keys and the XMP properties."""
    profile = pikepdf.Stream(pdf, press.icc)
    profile.N = 4
    pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(press.condition),
        RegistryName=pikepdf.String("http://www.color.org"),
        Info=pikepdf.String(_description(press.icc)), DestOutputProfile=profile)])
    date = pikepdf.String("D:20000101000000Z")
    for key, value in (("/Title", pikepdf.String(title)), ("/CreationDate", date),
                       ("/ModDate", date), ("/Trapped", pikepdf.Name("/False")),
                       ("/GTS_PDFXVersion", pikepdf.String("PDF/X-4"))):
        pdf.docinfo[key] = value
    _pdfx_metadata(pdf, title)


def _description(icc: bytes) -> str:
    return ImageCms.ImageCmsProfile(io.BytesIO(icc)).profile.profile_description or "CMYK"


def _pdfx_metadata(pdf: pikepdf.Pdf, title: str) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp.register_xml_namespace(PDFX_NS, "pdfxid")
        xmp["dc:title"] = title
        xmp["xmp:CreateDate"] = xmp["xmp:ModifyDate"] = xmp["xmp:MetadataDate"] = FIXED_DATE
        xmp["pdf:Trapped"] = "False"
        xmp["pdfxid:GTS_PDFXVersion"] = "PDF/X-4"
        xmp["xmpMM:RenditionClass"] = "default"
        xmp["xmpMM:VersionID"] = "1"
        if "/ID" in pdf.trailer:  # the identifier WeasyPrint made from the input
            xmp["xmpMM:DocumentID"] = "uuid:" + _uuid(bytes(pdf.trailer.ID[0]))


def _uuid(identifier: bytes) -> str:
    text = hashlib.sha256(identifier).hexdigest()[:32]
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
