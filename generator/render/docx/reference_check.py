"""Whether a theme's ``reference.docx`` can style the Word documents, checked without
python-docx: ``validate`` opens the file's parts with the standard library and lxml
(python-docx takes a noticeable share of a second to load, for one list of names)."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ...diagnostics import Kind, Problem
from ...limits import MAX_DOCX_BYTES, MAX_ZIP_RATIO
from ...themes import campus_templates_dir

if TYPE_CHECKING:
    from ..context import RenderContext

def reference_docx(context: RenderContext) -> Path:
    """The Word reference document of the campus's theme chain."""
    return context.theme_file("reference.docx")


def brands_word_styles(context: RenderContext) -> bool:
    """Whether Word styles take the campus's brand tokens: not when the campus has its
    own reference.docx, which keeps the styles set in Word."""
    own = campus_templates_dir(context.project, context.view.campus.id)
    return reference_docx(context).parent != own


TABLE_STYLE = "Brochure Table"  # header row in the primary colour, light rows, thin rules
BOX_STYLE = "Brochure Box"  # boxes side by side: a light ground under an accent rule
OLD_TABLE_STYLE = "Light Grid Accent 1"  # what reference documents made before it have
# Named styles the Word documents use: a reference.docx saved without one of them
# cannot style the handouts (Word adds the built-in ones when they are first used).
REQUIRED_STYLES = ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "List Bullet",
                   "List Number", "Header", "Footer", "Hyperlink", "Quote", "No Spacing",
                   OLD_TABLE_STYLE)
# Styles the documents use where the reference document has them, else the one named
# (a campus's reference.docx made before they existed keeps working).
FALLBACK_STYLES = {TABLE_STYLE: OLD_TABLE_STYLE, "Lead": "Subtitle", "Contact": "No Spacing",
                   "Call to Action": "Subtitle", "Kicker": "Normal"}

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                    "officeDocument")
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
# No entities, no network, no huge trees: the file comes from the project, not from us.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def reference_problems(context: RenderContext) -> list[Problem]:
    """Whether the theme's reference.docx is a project file Word can open, of a sane
    size, with every style the documents use."""
    reference = reference_docx(context)
    project = context.project
    if problem := project.confinement_problem(reference):
        return [replace(problem, kind=Kind.REFERENCE)]
    reason = _zip_problem(reference) or _style_problem(reference)
    if reason is None:
        return []
    return [Problem(project.display(reference), None, None, reason, kind=Kind.REFERENCE)]


def _zip_problem(path: Path) -> str | None:
    """Refuse a reference document that would unzip to far more than it weighs."""
    try:
        with zipfile.ZipFile(path) as archive:
            unzipped = sum(item.file_size for item in archive.infolist())
    except (OSError, zipfile.BadZipFile, ValueError) as error:
        return _unreadable(error)
    size = max(path.stat().st_size, 1)
    if unzipped > MAX_DOCX_BYTES or unzipped > MAX_ZIP_RATIO * size:
        return (f"this Word document unzips to {unzipped / 1e6:.0f} MB (at most "
                f"{MAX_DOCX_BYTES / 1e6:g} MB): a reference document holds styles only")
    return None


def _style_problem(path: Path) -> str | None:
    try:
        stat = path.stat()
        names = style_names(path, stat.st_mtime_ns, stat.st_size)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        return _unreadable(error)
    missing = [name for name in REQUIRED_STYLES if name.lower() not in names]
    if missing:
        return (f"it lacks the Word style(s) {', '.join(missing)}: start again from "
                "templates/default/reference.docx and change the styles there")
    return None


@lru_cache(maxsize=64)
def style_names(path: Path, _mtime: int = 0, _size: int = 0) -> frozenset[str]:
    """The names of the styles a Word document defines, in lower case (Word writes its
    built-in ones in lower case, "heading 1", and shows them capitalized); read once per
    state of the file (every campus and language checks the same one)."""
    with zipfile.ZipFile(path) as archive:
        document = _target(archive, "", _OFFICE_DOCUMENT)
        folder, name = posixpath.split(document)
        styles = _target(archive, folder, _STYLES, f"{folder}/_rels/{name}.rels")
        root = etree.fromstring(archive.read(styles), _PARSER)
    return frozenset(str(element.get(f"{_W}val")).lower() for element in root.iter(f"{_W}name")
                     if element.getparent().tag == f"{_W}style")


def _target(archive: zipfile.ZipFile, folder: str, relation: str,
            rels: str = "_rels/.rels") -> str:
    """The part a package's relationship of type ``relation`` points to."""
    root = etree.fromstring(archive.read(rels), _PARSER)
    for element in root.iter(f"{_REL}Relationship"):
        if element.get("Type") == relation:
            target = element.get("Target", "")  # relative to the folder, or from the root
            return posixpath.normpath(target[1:] if target.startswith("/")
                                      else posixpath.join(folder, target))
    raise KeyError(f"the package has no {relation.rpartition('/')[2]} part")


def _unreadable(error: Exception) -> str:
    return (f"cannot open this Word reference document ({error}): save it again from Word "
            "as a .docx file")
