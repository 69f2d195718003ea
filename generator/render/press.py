"""The colours of a print shop's press: sRGB (and Lab) to its CMYK, through the ICC
profile of its press and paper (LittleCMS, through Pillow's ImageCms).

- Vector colours with relative colorimetric rendering and black point compensation;
  neutral greys (black text above all) go on the black plate alone, their lightness
  scaled from screen black to paper white onto what black ink alone can print, so
  small text stays sharp when the plates are slightly off register;
- pictures with perceptual rendering;
- the total ink of every colour and every pixel kept under the campus's limit (ink
  taken from cyan, magenta and yellow, the black kept).

:mod:`.pdfx` applies these to every colour of a print guide's pages.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from PIL import Image, ImageCms, ImageMath

DEFAULT_ICC = Path(__file__).with_name("icc") / "FOGRA39L-coated-300.icc"
DEFAULT_CONDITION = "FOGRA39"
DEFAULT_INK_LIMIT = 300  # percent: what French print shops ask for coated paper
NEUTRAL_CHROMA = 1.5  # |a*| and |b*| under this: a grey, printed in black ink alone
PROFILE_ERRORS = (OSError, ImageCms.PyCMSError, ValueError, TypeError)


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
    """Why ``data`` is not the ICC profile of a CMYK press careerdocs can print through,
    or None when it is: read whole, and every conversion the print guide needs tried."""
    if len(data) < 132 or data[36:40] != b"acsp":
        return "is not an ICC colour profile"
    if int.from_bytes(data[:4], "big") != len(data):
        return "is not a whole ICC profile (its size is not the one its header gives)"
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data)).profile
        space, device = profile.xcolor_space.strip(), profile.device_class
    except PROFILE_ERRORS:
        return "is not an ICC colour profile"
    if space != "CMYK":
        return f"is an ICC profile of {space} colours, not of a CMYK press"
    if device != "prtr":
        return "is a CMYK profile, but not of a printer (it cannot be printed to)"
    try:
        Inks(Press(data)).try_every_conversion()
    except PROFILE_ERRORS:
        return "is a damaged ICC profile (LittleCMS cannot convert colours with it)"
    return None


@dataclass
class Inks:
    """sRGB and Lab to the press's CMYK (0–1 per ink), colour by colour and picture by
    picture."""

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
    def _from_lab(self) -> ImageCms.ImageCmsTransform:
        return ImageCms.buildTransform(
            ImageCms.createProfile("LAB", 5000), self._profile, "LAB", "CMYK",
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
            flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)

    @cached_property
    def _pictures(self) -> ImageCms.ImageCmsTransform:
        return ImageCms.buildTransform(
            ImageCms.createProfile("sRGB"), self._profile, "RGB", "CMYK",
            renderingIntent=ImageCms.Intent.PERCEPTUAL)

    @cached_property
    def _srgb_lab(self) -> ImageCms.ImageCmsTransform:
        return ImageCms.buildTransform(ImageCms.createProfile("sRGB"),
                                       ImageCms.createProfile("LAB", 5000), "RGB", "LAB")

    @cached_property
    def _black_lightness(self) -> list[float]:
        """L* of each step of black ink alone on this paper, 0 to 255."""
        ramp = Image.new("CMYK", (256, 1))
        ramp.putdata([(0, 0, 0, k) for k in range(256)])
        transform = ImageCms.buildTransform(self._profile, ImageCms.createProfile("LAB", 5000),
                                            "CMYK", "LAB")
        lab = _applied(ramp, transform)
        return [lab.getpixel((k, 0))[0] * 100 / 255 for k in range(256)]  # type: ignore[index]

    def try_every_conversion(self) -> None:
        """Convert one colour each way (raises when the profile cannot)."""
        self._convert((0.2, 0.4, 0.6))
        self.lab((50.0, 20.0, -20.0))
        self.picture(Image.new("RGB", (1, 1), (10, 20, 30)))
        self.grey(0.5)

    def colour(self, rgb: tuple[float, ...]) -> tuple[float, ...]:
        """The CMYK of an sRGB colour (channels 0–1)."""
        key = tuple(round(min(max(channel, 0.0), 1.0), 4) for channel in rgb)
        if key not in self._cache:
            self._cache[key] = self._convert(key)
        return self._cache[key]

    def _convert(self, rgb: tuple[float, ...]) -> tuple[float, ...]:
        pixel = Image.new("RGB", (1, 1), tuple(round(channel * 255) for channel in rgb))
        lightness, a, b = _pixel(_applied(pixel, self._srgb_lab))
        if abs(a - 128) <= NEUTRAL_CHROMA and abs(b - 128) <= NEUTRAL_CHROMA:
            return (0.0, 0.0, 0.0, self._black_for(lightness * 100 / 255))
        cmyk = tuple(value / 255 for value in _pixel(_applied(pixel, self._vector)))
        return limited(cmyk, self.press.ink_limit)

    def lab(self, lab: tuple[float, ...]) -> tuple[float, ...]:
        """The CMYK of a CIE Lab colour (L 0–100, a and b about ±128)."""
        lightness, a, b = lab
        # Pillow's Lab: L* scaled to 0–255, a* and b* offset by 128.
        channels = (lightness * 2.55, a + 128, b + 128)
        pixel = Image.new("LAB", (1, 1), tuple(min(max(round(v), 0), 255) for v in channels))
        cmyk = tuple(value / 255 for value in _pixel(_applied(pixel, self._from_lab)))
        return limited(cmyk, self.press.ink_limit)

    def grey(self, level: float) -> tuple[float, ...]:
        """The CMYK of a grey (DeviceGray, 0 black to 1 white): black ink alone."""
        return (0.0, 0.0, 0.0, self._black_for(_srgb_lightness(min(max(level, 0.0), 1.0))))

    def _black_for(self, lightness: float) -> float:
        """The black ink that prints a grey of this screen lightness (L*): the range
        from screen black to paper white scaled onto what black ink alone can print."""
        printable = self._black_lightness
        wanted = printable[-1] + (printable[0] - printable[-1]) * lightness / 100
        darker = next((k for k, value in enumerate(printable) if value <= wanted), 255)
        if darker == 0:
            return 0.0
        lighter = printable[darker - 1]
        step = (lighter - wanted) / (lighter - printable[darker]) if lighter > wanted else 1.0
        return round((darker - 1 + min(step, 1.0)) / 255, 4)

    def picture(self, image: Image.Image) -> Image.Image:
        """A picture in the press's CMYK, its ink limited pixel by pixel."""
        if image.mode == "CMYK":
            return limited_picture(image, self.press.ink_limit)
        converted = _applied(image.convert("RGB"), self._pictures)
        return limited_picture(converted, self.press.ink_limit)


def _applied(image: Image.Image, transform: ImageCms.ImageCmsTransform) -> Image.Image:
    converted = ImageCms.applyTransform(image, transform)
    assert converted is not None  # None only when converting in place
    return converted


def _pixel(image: Image.Image) -> tuple[int, ...]:
    return tuple(image.getpixel((0, 0)))  # type: ignore[arg-type]


def _srgb_lightness(level: float) -> float:
    """CIE L* of an sRGB grey of ``level`` (0–1)."""
    linear = level / 12.92 if level <= 0.04045 else ((level + 0.055) / 1.055) ** 2.4
    return 116 * linear ** (1 / 3) - 16 if linear > 216 / 24389 else linear * 24389 / 27


def limited(cmyk: tuple[float, ...], limit_percent: int) -> tuple[float, ...]:
    """Under the total ink limit: cyan, magenta and yellow reduced, black kept (inks
    0–1, rounded down so that the rounded inks stay under the limit too)."""
    c, m, y = (min(max(value, 0.0), 1.0) for value in cmyk[:3])
    k = round(min(max(cmyk[3], 0.0), 1.0), 4)
    limit = limit_percent / 100
    scale = 1.0 if c + m + y + k <= limit else max(limit - k, 0.0) / (c + m + y)
    return (*(math.floor(value * scale * 10_000) / 10_000 for value in (c, m, y)), k)


def limited_picture(image: Image.Image, limit_percent: int) -> Image.Image:
    """A CMYK picture under the total ink limit, pixel by pixel, as :func:`limited`."""
    limit = limit_percent * 255 / 100
    c, m, y, k = image.split()

    def scale(colour: Any) -> Any:
        return ImageMath.lambda_eval(
            lambda e: e["convert"](e["min"](
                e["float"](e["b"]),
                e["float"](e["b"]) * (limit - e["k"]) / e["max"](e["c"] + e["m"] + e["y"], 1.0)
            ), "L"), b=colour, c=c, m=m, y=y, k=k)

    return Image.merge("CMYK", [scale(c), scale(m), scale(y), k])
