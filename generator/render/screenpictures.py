"""Pictures made fit for a PDF in sRGB, before WeasyPrint embeds them.

A screen guide declares PDF/A with an sRGB output intent: a CMYK photo (straight from a
print shop's brochure) would be embedded as DeviceCMYK, which breaks that claim, and a
16-bit grey PNG (a scanner's or a camera's export) is a mode WeasyPrint does not know,
so it prints a hole. Both are converted as they are fetched: CMYK through the photo's
own ICC profile (else careerdocs's FOGRA39 one, what most CMYK photos were made for) to
sRGB, deep greys to 8-bit greys. Every other picture is passed on untouched. (The print
guide converts the sRGB picture to the press's CMYK again, see :mod:`.press`.)
"""

from __future__ import annotations

import io

from PIL import Image, ImageCms

from .press import DEFAULT_ICC

# What WeasyPrint embeds as it is (every one in sRGB or grey).
EMBEDDED_AS_THEY_ARE = frozenset({"1", "L", "LA", "P", "PA", "RGB", "RGBA"})
DEEP_GREYS = frozenset({"I;16", "I;16B", "I;16L", "I;16N", "I", "F"})
CONVERTED = frozenset({"CMYK"}) | DEEP_GREYS


def screen_ready(data: bytes) -> bytes:
    """``data`` as a picture WeasyPrint embeds in sRGB or grey: converted when it is a
    CMYK or deep-grey picture, else the same bytes (anything Pillow cannot open is left
    for WeasyPrint to refuse, with its own message)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.mode not in CONVERTED:
                return data
            return _encoded(_converted(image), image.format or "PNG")
    except (OSError, ValueError, ImageCms.PyCMSError, Image.DecompressionBombError):
        return data


def _converted(image: Image.Image) -> Image.Image:
    if image.mode == "CMYK":
        return _cmyk_to_srgb(image)
    return _deep_grey_to_8_bits(image)


def _cmyk_to_srgb(image: Image.Image) -> Image.Image:
    """Through the picture's own profile, else the FOGRA39 one; a picture's
    ``icc_profile`` that is not a CMYK profile is not used."""
    embedded = image.info.get("icc_profile")
    source = None
    if embedded:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(embedded))
        except (OSError, ImageCms.PyCMSError):
            source = None
    try:
        return _through(image, source or ImageCms.ImageCmsProfile(str(DEFAULT_ICC)))
    except ImageCms.PyCMSError:
        return _through(image, ImageCms.ImageCmsProfile(str(DEFAULT_ICC)))


def _through(image: Image.Image, source: ImageCms.ImageCmsProfile) -> Image.Image:
    converted = ImageCms.profileToProfile(
        image, source, ImageCms.createProfile("sRGB"),
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC, outputMode="RGB")
    assert converted is not None  # only None when converting in place
    return converted


def _deep_grey_to_8_bits(image: Image.Image) -> Image.Image:
    """16- or 32-bit grey to 8 bits, 0–65,535 onto 0–255 (Pillow's own ``convert`` would
    clip every value over 255 to white)."""
    wide = image.convert("F" if image.mode == "F" else "I")
    return wide.point(lambda value: value / 257).convert("L")


def _encoded(image: Image.Image, source_format: str) -> bytes:
    """A JPEG stays a JPEG (a photo as PNG weighs several times as much); anything else
    becomes a PNG. Pillow writes the same bytes for the same pixels."""
    stream = io.BytesIO()
    if source_format == "JPEG":
        image.save(stream, "JPEG", quality=95, subsampling=0, optimize=False)
    else:
        image.save(stream, "PNG", optimize=False)
    return stream.getvalue()
