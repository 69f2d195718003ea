"""The font families shipped in ``templates/fonts/<family>/``, for CSS and DOCX.

Each folder holds one family's TrueType files named ``Family-Style.ttf``
(``Lato-Bold.ttf``) and its licence. Documents only ever use these files, so
the output never depends on the fonts a machine happens to have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# File-name style → (CSS font-weight, CSS font-style).
STYLES = {
    "Light": (300, "normal"),
    "Regular": (400, "normal"),
    "Italic": (400, "italic"),
    "Bold": (700, "normal"),
    "BoldItalic": (700, "italic"),
    "Black": (900, "normal"),
}


@dataclass(frozen=True)
class FontFace:
    """One ``@font-face`` rule: a family, weight and style, and its file (project-relative)."""

    family: str
    weight: int
    style: str
    url: str


def fonts_dir(root: Path) -> Path:
    return root / "templates" / "fonts"


def family_name(file_prefix: str) -> str:
    """``NotoSerif`` (from ``NotoSerif-Bold.ttf``) → ``Noto Serif``, the name Word knows."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", file_prefix)


def _inside(root: Path, path: Path) -> bool:
    """Fonts are project files: a link to a font elsewhere on the machine is ignored, and
    so is a name that is no file (a folder, a named pipe that would hang a reader)."""
    return path.resolve().is_relative_to(root.resolve()) and (path.is_dir() or path.is_file())


def available_fonts(root: Path) -> dict[str, str]:
    """Font folder id → family name, e.g. ``{"lato": "Lato", "noto-serif": "Noto Serif"}``."""
    families = {}
    for folder in sorted(p for p in fonts_dir(root).iterdir() if p.is_dir() and _inside(root, p)):
        files = [f for f in sorted(folder.glob("*-Regular.ttf")) if _inside(root, f)]
        if files:
            families[folder.name] = family_name(files[0].name.removesuffix("-Regular.ttf"))
    return families


def font_faces(root: Path, folder_ids: list[str]) -> tuple[FontFace, ...]:
    """Every ``@font-face`` needed for these font folders, in a stable order."""
    faces = []
    for folder_id in dict.fromkeys(folder_ids):
        for path in sorted((fonts_dir(root) / folder_id).glob("*.ttf")):
            if not _inside(root, path):
                continue
            prefix, _, style = path.stem.partition("-")
            if style in STYLES:
                weight, css_style = STYLES[style]
                url = path.relative_to(root).as_posix()
                faces.append(FontFace(family_name(prefix), weight, css_style, url))
    return tuple(faces)
