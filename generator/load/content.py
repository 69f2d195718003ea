"""Load and check everything under ``content/``: the school, roles, comparisons, guides,
campuses.

Every file is read and validated before anything is reported, so a user sees
every problem of every file in one run; then cross-references (a comparison
naming an unknown role, a missing logo) are checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote

from pydantic import BaseModel

from ..diagnostics import Diagnostics, Problem
from ..files import read_regular, regular_file_problem
from ..fonts import available_fonts
from ..project import Project, is_valid_id
from ..themes import themes
from .schema import Campus, Comparison, Guide, Languages, Role, School
from .validation import validate
from .yamlfile import YamlDocument, read_yaml

if TYPE_CHECKING:
    from PIL import Image

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass
class Content:
    """Everything the documents are made from, validated."""

    project: Project
    school: School
    roles: dict[str, Role]
    comparisons: dict[str, Comparison]
    campuses: dict[str, Campus]
    guides: dict[str, Guide] = field(default_factory=dict)
    sources: dict[tuple[str, str], YamlDocument] = field(default_factory=dict, repr=False)
    # Of an imported role: what was imported last (content/imported/<id>.yaml), to tell
    # whether the school has changed its words.
    imported: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def languages(self) -> list[str]:
        return list(self.school.languages)

    def theme_of(self, campus_id: str) -> str:
        """The campus's theme (``brand: theme:``), or else the school's."""
        return self.campuses[campus_id].brand.theme or self.school.theme


@dataclass
class _Loader:
    """Collects documents and problems while reading one project's content."""

    project: Project
    diagnostics: Diagnostics
    kinds: list[str]  # the names of the registered document kinds
    languages: list[str] = field(default_factory=list)
    sources: dict[tuple[str, str], YamlDocument] = field(default_factory=dict)
    found: dict[str, set[str]] = field(default_factory=dict)  # ids of every file, read or not

    def read(self, path: Path) -> YamlDocument | None:
        if problem := self.project.confinement_problem(path):
            self.diagnostics.add(problem)
            return None
        document, problems = read_yaml(path, self.project.display(path))
        self.diagnostics.extend(problems)
        return document

    def load_one(self, kind: str, ident: str, path: Path, model: type[ModelT],
                 document: YamlDocument | None = None) -> ModelT | None:
        document = document or self.read(path)
        if document is None:
            return None
        self.sources[(kind, ident)] = document
        return validate(model, document, self.languages, self.diagnostics, self.kinds)

    def load_folder(self, kind: str, model: type[ModelT]) -> dict[str, ModelT]:
        loaded: dict[str, ModelT] = {}
        for path in self.files(kind):
            self.found.setdefault(kind, set()).add(path.stem)
            item = self.load_one(kind, path.stem, path, model)
            if item is not None:
                loaded[path.stem] = item
        return loaded

    def files(self, kind: str) -> list[Path]:
        """The content files of a folder, each id once, each name a valid id."""
        folder = self.project.content_dir / kind
        files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
        kept = []
        for path in files:
            twin = path.with_suffix(".yaml")
            if path.suffix == ".yml" and twin.exists():
                self.diagnostics.add(Problem(self.project.display(path), None, None, (
                    f"{twin.name} exists too: which one is meant? Keep only one of them")))
            elif not is_valid_id(path.stem):
                self.diagnostics.add(Problem(
                    self.project.display(path), None, None,
                    "the file name is used as an id: use only lowercase letters, digits "
                    "and dashes, e.g. product-owner.yaml"))
            else:
                kept.append(path)
        return kept


def load_content(project: Project, diagnostics: Diagnostics, kinds: list[str],
                 campus_schema: type[Campus] = Campus,
                 role_schema: type[Role] = Role) -> Content | None:
    """Read and check all content; add every problem to ``diagnostics``.

    Returns None when a file is too broken to build from. ``kinds`` are the names of the
    registered document kinds, which campus files may list under ``documents:``;
    ``campus_schema`` and ``role_schema`` hold the sections of campus and role files
    those kinds bring.
    """
    loader = _Loader(project, diagnostics, kinds)
    school_path = project.content_dir / "school.yaml"
    school_doc = loader.read(school_path)
    if school_doc is not None:
        diagnostics.extend(_moved_school_fields(school_doc))
        languages = validate(Languages, school_doc, [], diagnostics)
        loader.languages = list(languages.languages) if languages else []
    school = (loader.load_one("school", "school", school_path, School, school_doc)
              if school_doc else None)
    roles = loader.load_folder("roles", role_schema)
    comparisons = loader.load_folder("comparisons", Comparison)
    guides = loader.load_folder("guides", Guide)
    campuses = loader.load_folder("campuses", campus_schema)
    if not campuses and not any(p.file.startswith("content/campuses")
                                for p in diagnostics.errors):
        diagnostics.add(Problem("content/campuses", None, None,
                                "no campus file: add one, e.g. content/campuses/paris.yaml"))
    content = Content(project, school, roles, comparisons, campuses,  # type: ignore[arg-type]
                      guides, loader.sources, _imported(loader, roles))
    # Ids of every file found, readable or not: a broken po.yaml is reported once, not
    # again as an "unknown role" in every file that names it.
    known = {kind: loader.found.get(kind, set()) for kind in ("roles", "comparisons", "guides")}
    diagnostics.extend(cross_reference_problems(content, known))
    if diagnostics.failed or school is None:
        return None
    return content


def _imported(loader: _Loader, roles: dict[str, Any]) -> dict[str, Any]:
    """What was imported last of each imported role (missing: nothing to compare with)."""
    found = {}
    for ident, role in roles.items():
        path = loader.project.content_dir / "imported" / f"{ident}.yaml"
        if getattr(role, "source", None) is None or loader.project.confinement_problem(path):
            continue
        # careerdocs' own copy: one that is gone or damaged only means "changed since".
        document, _problems = read_yaml(path, loader.project.display(path)) \
            if path.is_file() else (None, [])
        found[ident] = document.data if document is not None else None
    return found


def _moved_school_fields(doc: YamlDocument) -> list[Problem]:
    """School fields of earlier versions, which now live elsewhere: said once, in plain
    words, and taken out so they are not also reported as unknown fields."""
    if not isinstance(doc.data, dict) or "brochure" not in doc.data:
        return []
    problem = doc.problem(("brochure",), (
        "the brochure's title and subtitle have moved to a guide file: create "
        "content/guides/<id>.yaml with title, subtitle, why, roles and comparisons "
        "(see content/guides/ in the demo), then remove these lines"))
    del doc.data["brochure"]
    return [problem]


def declared_languages(project: Project) -> list[str]:
    """The languages listed in school.yaml, read as best we can even from a broken file."""
    document, _ = read_yaml(project.content_dir / "school.yaml", "content/school.yaml")
    languages = document.data.get("languages") if document and isinstance(document.data,
                                                                          dict) else None
    return [lang for lang in languages if isinstance(lang, str)] if isinstance(
        languages, list) else []


def cross_reference_problems(content: Content, known: dict[str, set[str]]) -> list[Problem]:
    """Problems between files: unknown roles, comparison rows, logos, fonts, theme.

    Ids, logos and fonts are read from the raw YAML, so they are checked even in a file
    that has other mistakes: the user sees every problem in one run.
    """
    problems: list[Problem] = []
    for (kind, _ident), doc in content.sources.items():
        if kind == "roles":
            problems += _photo_problems(content.project, doc)
            problems += _unknown_ids(doc, ("related_roles",), known["roles"], "role")
            problems += _unknown_ids(doc, ("moves_on_to",), known["roles"], "role")
        elif kind == "comparisons":
            problems += _unknown_ids(doc, ("roles",), known["roles"], "role")
        elif kind == "guides":
            problems += _unknown_ids(doc, ("roles",), known["roles"], "role")
            problems += _unknown_ids(doc, ("comparisons",), known["comparisons"], "comparison")
        elif kind == "campuses":
            problems += _campus_problems(content.project, doc, known)
    for ident, comparison in content.comparisons.items():
        problems += _dimension_problems(content.sources[("comparisons", ident)], comparison)
    if content.school is not None:
        problems += _theme_problems(content)
    return problems


def _raw(doc: YamlDocument, *path: str) -> object:
    """The raw YAML value at ``path``, or None where the file has no such value."""
    value = doc.data
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _unknown_ids(doc: YamlDocument, where: tuple[str, ...], known: set[str],
                 noun: str) -> list[Problem]:
    ids = _raw(doc, *where)
    if not isinstance(ids, list):
        return []
    choices = ", ".join(sorted(known)) or "none yet"
    return [doc.problem((*where, i), f"unknown {noun} '{ident}' (known: {choices})")
            for i, ident in enumerate(ids) if isinstance(ident, str) and ident not in known]


def _dimension_problems(doc: YamlDocument, comparison: Comparison) -> list[Problem]:
    problems = []
    expected = set(comparison.roles)
    seen: set[str] = set()
    for i, dimension in enumerate(comparison.dimensions):
        where = ("dimensions", i)
        if dimension.key in seen:
            problems.append(doc.problem((*where, "key"), f"dimension '{dimension.key}' twice"))
        seen.add(dimension.key)
        for role in sorted(expected - set(dimension.values)):
            problems.append(doc.problem((*where, "values"), f"no text for role '{role}'"))
        for role in sorted(set(dimension.values) - expected):
            problems.append(doc.problem((*where, "values", role),
                                        f"role '{role}' is not in this comparison's roles"))
    return problems


def _campus_problems(project: Project, doc: YamlDocument,
                     known: dict[str, set[str]]) -> list[Problem]:
    problems = _unknown_ids(doc, ("roles",), known["roles"], "role")
    problems += _unknown_ids(doc, ("comparisons",), known["comparisons"], "comparison")
    problems += _unknown_ids(doc, ("guides",), known["guides"], "guide")
    logo = _raw(doc, "brand", "logo")
    if isinstance(logo, str) and (logo_problem := picture_problem(project, logo, LOGO)):
        problems.append(doc.problem(("brand", "logo"), logo_problem))
    problems += _photo_problems(project, doc)
    problems += _press_problems(project, doc)
    fonts = available_fonts(project.root)
    for key in ("body", "headings"):
        font = _raw(doc, "brand", "fonts", key)
        if isinstance(font, str) and font not in fonts:
            problems.append(doc.problem(
                ("brand", "fonts", key),
                f"no font '{font}' in templates/fonts/ (available: {', '.join(fonts)})"))
    theme = _raw(doc, "brand", "theme")
    if isinstance(theme, str) and (theme_problem := _theme_problem(project, theme)):
        problems.append(doc.problem(("brand", "theme"), theme_problem))
    return problems


MAX_ICC_BYTES = 10_000_000  # a press profile is 0.2–5 MB


def _press_problems(project: Project, doc: YamlDocument) -> list[Problem]:
    """The print shop's ICC profile must be a CMYK press profile inside content/."""
    name = _raw(doc, "print", "icc")
    if not isinstance(name, str):
        return []
    problem = _press_profile_problem(project, name)
    return [doc.problem(("print", "icc"), problem)] if problem else []


def _press_profile_problem(project: Project, name: str) -> str | None:
    path = (project.content_dir / name).resolve()
    if not path.is_relative_to(project.content_dir.resolve()):
        return "the print shop's profile must be a file inside the content/ folder"
    if path.suffix.lower() not in (".icc", ".icm"):
        return f"the print shop's profile must be an ICC profile (.icc or .icm), not '{name}'"
    if reason := regular_file_problem(path):
        return f"content/{name} {reason}: the print shop's profile must be an ICC file"
    if not path.is_file():
        return f"profile file not found: content/{name}"
    if path.stat().st_size > MAX_ICC_BYTES:
        return f"content/{name} is too large for an ICC profile (over 10 MB)"
    from ..render.press import profile_problem  # Pillow's colour engine: only here

    reason = profile_problem(read_regular(path, MAX_ICC_BYTES))
    return (f"content/{name} {reason}: ask the print shop for the ICC profile of its press "
            "and paper (FOGRA39 for coated paper, FOGRA52 for uncoated)") if reason else None


def _photo_problems(project: Project, doc: YamlDocument) -> list[Problem]:
    photo = _raw(doc, "photo", "file")
    if isinstance(photo, str) and (problem := picture_problem(project, photo, PHOTO)):
        return [doc.problem(("photo", "file"), problem)]
    return []


def _theme_problems(content: Content) -> list[Problem]:
    problem = _theme_problem(content.project, content.school.theme)
    return [content.sources[("school", "school")].problem(("theme",), problem)] if problem else []


def _theme_problem(project: Project, theme: str) -> str | None:
    available = themes(project)
    if theme in available:
        return None
    return (f"no theme '{theme}' in templates/ (available: {', '.join(available)}): "
            "pick one of these, or remove this line")


@dataclass(frozen=True)
class PictureRule:
    """What a picture of one use may be: where it lives, its formats and its size."""

    noun: str  # "logo", "photo": the messages name it
    folder: str  # under content/
    suffixes: tuple[str, ...]
    formats: str  # the suffixes in words
    max_bytes: int
    max_pixels: int  # on a side


# A logo prints at a few centimetres: a larger file is a photo by mistake.
LOGO = PictureRule("logo", "", (".svg", ".png", ".jpg", ".jpeg"), "an SVG, PNG or JPEG",
                   2_000_000, 4000)
# A photo prints at most a page wide: 300 pixels per inch over 17 cm is 2,000 pixels;
# four times that is a camera's original, which the print shop does not need.
PHOTO = PictureRule("photo", "images", (".png", ".jpg", ".jpeg"), "a PNG or JPEG",
                    20_000_000, 8000)


def picture_problem(project: Project, name: str, rule: PictureRule) -> str | None:
    """Why the file ``name`` (relative to ``content/``) cannot be printed as a picture of
    this kind, or None when it can."""
    folder = (project.content_dir / rule.folder).resolve()
    path = (project.content_dir / name).resolve()
    where = f"content/{rule.folder}/" if rule.folder else "content/"
    if not path.is_relative_to(folder):
        return f"the {rule.noun} must be a file inside the {where} folder"
    if path.suffix.lower() not in rule.suffixes:
        return f"the {rule.noun} must be {rule.formats} file, not '{path.suffix or name}'"
    if reason := regular_file_problem(path):
        return f"content/{name} {reason}: the {rule.noun} must be a picture file"
    if not path.is_file():
        return f"{rule.noun} file not found: content/{name}"
    return _unreadable_image(path, rule, project.content_dir)


def _unreadable_image(path: Path, rule: PictureRule, content: Path) -> str | None:
    """Why the image at ``path`` cannot be printed, or None if it can."""
    size = path.stat().st_size
    if size > rule.max_bytes:
        return (f"the {rule.noun} is too large ({size / 1e6:.1f} MB, at most "
                f"{rule.max_bytes / 1e6:.0f} MB): save a smaller version")
    try:
        if path.suffix.lower() == ".svg":
            return _svg_problem(path, read_regular(path, rule.max_bytes), rule.noun, content)
        from PIL import Image  # imported here: only PNG and JPEG pictures need it

        with Image.open(path) as image:
            width, height = image.size
            if max(width, height) <= rule.max_pixels:
                _decode(image)
    except Exception as error:  # noqa: BLE001 - any decoding failure means "not readable"
        return f"the {rule.noun} is not a readable image ({type(error).__name__}: {error})"
    if max(width, height) > rule.max_pixels:
        return (f"the {rule.noun} is too large ({width}×{height} pixels, at most "
                f"{rule.max_pixels} on a side): save a smaller version")
    return None


def _svg_problem(path: Path, data: bytes, noun: str, content: Path) -> str | None:
    """Why an SVG logo cannot be drawn: it must be XML (no entities, no network) whose
    root is an ``svg`` element with a size or a viewBox, that draws a bounded number of
    shapes and shows only pictures of ``content/`` (or embedded ones). (Drawing it here
    would load a whole SVG renderer for every ``validate``; the printers report what this
    misses.)"""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        return f"the {noun} is not a readable image (not an SVG drawing: {error})"
    if etree.QName(root).localname != "svg":
        return f"the {noun} is not a readable image (its XML is not an SVG drawing)"
    if root.get("viewBox") is None and None in (root.get("width"), root.get("height")):
        return (f"the {noun} is not a readable image (the drawing has no width, height or "
                "viewBox)")
    if (drawn := svg_shapes(root)) > MAX_SVG_SHAPES:
        return (f"the {noun} draws too many shapes ({drawn - 1:,} or more once the copies "
                f"its <use> elements make are counted, at most {MAX_SVG_SHAPES:,}): "
                "simplify the drawing, or save it as a PNG")
    return _svg_link_problem(root, path, content, noun)


# Elements an SVG logo draws, once every <use> is replaced by what it copies: a logo has
# a few hundred; a few kilobytes of <use> copying <use> in layers make billions.
MAX_SVG_SHAPES = 20_000
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def svg_shapes(root: Any) -> int:
    """How many elements ``root`` draws with its <use> copies expanded (at most
    MAX_SVG_SHAPES + 1: counting stops there; a <use> that copies itself counts as over)."""
    # Every element held alive for the count: lxml makes a Python object per element on
    # demand, and one that is dropped may give its id() to another.
    everything = list(root.iter())
    ids = {element.get("id"): element for element in everything if element.get("id")}
    sizes: dict[int, int] = {}
    active: set[int] = set()
    over = MAX_SVG_SHAPES + 1

    def size(element: Any) -> int:
        key = id(element)
        if key in sizes:
            return sizes[key]
        if key in active:
            return over  # a copy of itself: endless
        active.add(key)
        total = 1 + sum(size(child) for child in element if isinstance(child.tag, str))
        href = element.get("href") or element.get(_XLINK_HREF) or ""
        if element.tag.endswith("}use") and href.startswith("#") and href[1:] in ids:
            total += size(ids[href[1:]])
        active.discard(key)
        sizes[key] = min(total, over)
        return sizes[key]

    return size(root)


def _svg_link_problem(root: Any, path: Path, content: Path, noun: str) -> str | None:
    """A picture or drawing the SVG shows from elsewhere than ``content/``: the printer
    would refuse it, and the message would blame the template."""
    for element in root.iter():
        href = (element.get("href") or element.get(_XLINK_HREF) or "").strip() \
            if isinstance(element.tag, str) else ""
        if not href or href.startswith(("#", "data:")):
            continue
        target = (path.parent / unquote(href.partition("#")[0])).resolve()
        if ":" in href.partition("/")[0] or not target.is_relative_to(content.resolve()):
            return (f"the {noun} shows '{href}', which careerdocs does not load: a picture "
                    "inside an SVG logo must be a file of content/ (or embedded in it)")
        if not target.is_file():
            return f"the {noun} shows '{href}', which is not a file of content/"
    return None


def _decode(image: Image.Image) -> None:
    """Decode every pixel, so that a cut file fails here and not in print (WeasyPrint lets
    Pillow accept cut images, a setting this check must not inherit)."""
    from PIL import ImageFile

    lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def logo_path(content: Content, campus: Campus) -> Path:
    """The logo file of a campus (already checked to exist inside content/)."""
    return (content.project.content_dir / campus.brand.logo).resolve()
