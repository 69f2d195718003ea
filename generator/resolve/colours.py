"""Brand colours used for what they can do: readable text on every ground.

A campus gives two colours. Each is used as a ground (covers, table heads, badges)
and, on white, as the colour of headings and small text. WCAG AA asks 4.5:1 between
small text and its ground. On a coloured ground careerdocs prints white or near-black
text, whichever contrasts more, or black where neither reaches 4.5:1 (for some
mid-tones only black does); on white, and on the light grey of boxes and table rows,
it prints the brand colour itself when it reaches 4.5:1 there, otherwise the same hue
made darker until it does.
"""

from __future__ import annotations

from dataclasses import dataclass

WHITE = "#ffffff"
INK = "#111827"  # near-black text
BLACK = "#000000"
LIGHT_GROUND = "#f3f5f8"  # the darkest of the light greys boxes and table rows are printed on
AA = 4.5  # WCAG AA, small text


def _channels(colour: str) -> tuple[int, int, int]:
    value = colour.removeprefix("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio, from 1 (none) to 21 (black on white)."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(ground: str) -> str:
    """White or near-black, whichever reads better on ``ground``; black where neither
    reaches 4.5:1."""
    best = WHITE if contrast(WHITE, ground) >= contrast(INK, ground) else INK
    return best if contrast(best, ground) >= AA else BLACK


def ink_on_white(colour: str) -> str:
    """``colour`` itself if it reads as small text on white and on the light grey of
    boxes, else darker, same hue."""
    return ink_on(colour, LIGHT_GROUND)


def ink_on(colour: str, ground: str) -> str:
    """``colour`` itself if it reads as small text on the light ``ground``, else darker,
    same hue."""
    r, g, b = _channels(colour)
    for step in range(101):
        scale = 1 - step / 100
        candidate = "#" + "".join(f"{round(c * scale):02x}" for c in (r, g, b))
        if contrast(candidate, ground) >= AA:
            return candidate
    return INK


def mix(colour: str, share: float) -> str:
    """``colour`` laid over white at ``share`` (0 to 1): a light tint of it."""
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in _channels(colour))


@dataclass(frozen=True)
class BrandColours:
    """Every colour the templates use, derived from a campus's primary and accent."""

    primary: str
    accent: str
    on_primary: str  # text on the primary colour
    on_accent: str  # text on the accent colour (badges)
    primary_ink: str  # headings and links on white
    accent_ink: str  # small accent text on white (kickers)
    accent_on_primary: str  # accent text on a primary ground (cover), or on_primary
    primary_on_accent: str  # primary text on an accent ground, or on_accent
    primary_tint: str  # a light ground of the primary colour (no text of its own on it)

    @classmethod
    def of(cls, primary: str, accent: str) -> BrandColours:
        primary, accent = primary.lower(), accent.lower()
        on_primary = text_on(primary)
        return cls(primary, accent, on_primary, text_on(accent), ink_on_white(primary),
                   ink_on_white(accent),
                   accent if contrast(accent, primary) >= AA else on_primary,
                   primary if contrast(accent, primary) >= AA else text_on(accent),
                   mix(primary, 0.1))
