"""Jinja set-up: a sandbox, a folder chain for themes, and errors at ``template:line``.

Templates are edited by campus staff, so they are not trusted: Jinja runs in
an immutable sandbox with StrictUndefined (a misspelt variable is an error,
not a blank) and autoescape. Lookup goes through a chain of folders, first
match wins; ``!default/NAME`` always means the built-in file, so an override
can ``{% extends "!default/guide.html" %}`` and change one block.
"""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import lru_cache, partial
from gettext import NullTranslations
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    pass_environment,
)
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from ..diagnostics import Kind, Problem
from ..files import NotAFile, read_regular
from ..limits import MAX_FILE_BYTES, MAX_HTML_DEPTH, MAX_RANGE, MAX_STRING_CHARS
from ..project import Project
from ..resolve.markup import to_html, to_plain
from ..themes import DEFAULT_THEME
from ..usercache import cache_dir, prune, read_entry, write_entry
from .guard import RenderTimeout
from .reads import JOB_TITLES, VIEW, note
from .titles import bind_titles


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with bounds on what a template can build: ranges of at
    most MAX_RANGE numbers, strings and lists of at most MAX_STRING_CHARS items made by
    ``*`` or ``+``, no ``**`` beyond small numbers."""

    intercepted_binops = frozenset(["*", "**", "+"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > 100:
            raise SecurityError(f"a power of {right} is too large for a template")
        if operator == "*" and _too_long(left, right):
            raise SecurityError("a template cannot repeat text or lists that many times "
                                f"(more than {MAX_STRING_CHARS:,} characters or items)")
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, str | list | tuple) and len(result) > MAX_STRING_CHARS:
            raise SecurityError(f"a template cannot build a text of more than "
                                f"{MAX_STRING_CHARS:,} characters")
        return result

    def getattr(self, obj: Any, attribute: str) -> Any:
        _note_collection(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _note_collection(obj, argument)
        return super().getitem(obj, argument)


def _note_collection(obj: Any, name: object) -> None:
    """A template going through one of the view's whole collections depends on it."""
    recorded = getattr(type(obj), "RECORDED", {})
    if isinstance(name, str) and name in recorded:
        note(f"{VIEW}{recorded[name]}")


def _too_long(left: Any, right: Any) -> bool:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, str | list | tuple) and isinstance(count, int):
            return len(sequence) * count > MAX_STRING_CHARS
    return False


def bounded_range(*args: int) -> range:
    """``range`` for templates: at most MAX_RANGE numbers."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(f"range() in a template gives at most {MAX_RANGE:,} numbers")
    return numbers


class SharedBytecode(BytecodeCache):
    """Compiled templates kept in memory for the whole run (every campus and language has
    an environment of its own, and all of them compile the same files), and in the
    user's cache folder between runs (compiling them takes a quarter of a second). Jinja
    keys each entry by the template's file and a checksum of its source, so an edited
    or overridden template is compiled anew. On disk each entry carries a digest of its
    own bytes (:func:`read_entry`): a damaged one, or one that is not a file, is compiled
    anew, never run."""

    def __init__(self, folder: Path) -> None:
        self.compiled: dict[str, bytes] = {}
        self.folder = folder
        self.pruned = False

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key) or read_entry(self._entry(bucket))
        if code is None:
            return
        try:
            bucket.bytecode_from_string(code)
        except (ValueError, EOFError, TypeError):  # written by another Python: compile
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled[bucket.key] = bucket.bytecode_to_string()
        with suppress(OSError):  # a cache that cannot be written only costs time
            if not self.pruned:  # once a run, before this run's own entries
                prune(self.folder, MAX_COMPILED)
                self.pruned = True
        write_entry(self._entry(bucket), code)

    def _entry(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.cache"


# Entries are keyed by a template's place on disk (Jinja's tracebacks, and so the
# template errors careerdocs reports, name the file the code was compiled from): each
# copy of a project adds its own. A few projects' worth are kept.
MAX_COMPILED = 2000
_BYTECODE = SharedBytecode(cache_dir("templates"))


class ConfinedLoader(FileSystemLoader):
    """A FileSystemLoader that serves no file whose real path (links followed) lies
    outside ``templates/``: a template cannot include a file from elsewhere."""

    def __init__(self, folders: list[Path], root: Path):
        super().__init__(folders)
        self.root = root.resolve()

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
        """The template's text, read as every project file is (:mod:`generator.files`:
        a regular file, within the size limit, never a pipe that would hang)."""
        pieces = split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if not os.path.lexists(path):
                continue
            if not path.resolve().is_relative_to(self.root):
                raise SecurityError(f"{template} links to a file outside templates/")
            try:
                source = read_regular(path, MAX_FILE_BYTES).decode("utf-8")
            except UnicodeDecodeError as error:  # named here: the traceback has no file
                raise NotAFile(path, f"is not UTF-8 text ({error.reason}): save it as "
                                     "UTF-8") from None
            mtime = path.stat().st_mtime
            return source, str(path), partial(_unchanged, path, mtime)
        raise TemplateNotFound(template)


def _unchanged(path: Path, mtime: float) -> bool:
    """Jinja's check that a template it compiled is still up to date."""
    try:
        return path.stat().st_mtime == mtime
    except OSError:
        return False


def make_environment(project: Project, folders: list[Path], translations: NullTranslations,
                     names: tuple[str, ...] = ()) -> ImmutableSandboxedEnvironment:
    """A sandboxed environment looking up templates in ``folders``; ``names`` (job titles)
    are never hyphenated in the texts of the ``md`` filter."""
    root = project.templates_dir
    loader = ChoiceLoader([
        PrefixLoader({f"!{DEFAULT_THEME}": ConfinedLoader([root / DEFAULT_THEME], root)},
                     delimiter="/"),
        ConfinedLoader(folders, root),
    ])
    env = BoundedSandbox(
        loader=loader,
        bytecode_cache=_BYTECODE,
        undefined=StrictUndefined,
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    env.filters["md"] = partial(_formatted, names=names)
    env.globals["range"] = bounded_range
    env.filters["plain"] = to_plain
    env.filters["qr"] = qr_code
    env.filters["icon"] = icon
    env.filters["career_map"] = partial(career_map, root=project.root)
    env.filters["inline_career_map"] = partial(inline_career_map, root=project.root)
    return env


@lru_cache(maxsize=64)  # one campus's codes, drawn again for each layout of its guide
def qr_code(address: str, colour: str = "#000000") -> str:
    """A QR code of ``address``, as the ``data:`` address of an SVG picture for ``<img>``:
    vector, so it prints sharp at any size; level M error correction survives a smudge.
    The modules are ``colour`` (a dark one) on white, with the quiet zone scanners need."""
    import segno  # imported here: only documents with a QR code need it

    code = segno.make(address, error="m", micro=False)
    return str(code.svg_data_uri(dark=colour, light="#ffffff", border=4, scale=1))


SVG_DATA = "data:image/svg+xml;charset=utf-8,"  # pictures careerdocs draws, for <img>


@pass_environment
def icon(env: Environment, name: str, colour: str) -> str:
    """The icon ``icons/NAME.svg`` of the theme chain, drawn in ``colour`` (the icons
    stroke with ``currentColor``), as the ``data:`` address of a picture for ``<img>``."""
    if not re.fullmatch(r"[a-z][a-z0-9-]*", name) or not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        raise SecurityError(f"no icon named {name!r} in {colour!r}")
    assert env.loader is not None
    source, _filename, _uptodate = env.loader.get_source(env, f"icons/{name}.svg")
    return SVG_DATA + quote(source.replace("currentColor", colour))


def career_map(roles: Sequence[Any], campus: Any, lang: str, width_mm: float,
               root: Path) -> str:
    """The map of the moves between ``roles``, drawn ``width_mm`` wide in the campus's
    colours and font, as the ``data:`` address of an SVG picture ("" when none leads to
    another)."""
    from .careermap import among, campus_drawing  # fontTools: only to print a map

    drawing = campus_drawing(among(roles), campus, root, float(width_mm), str(lang))
    return SVG_DATA + quote(drawing) if drawing else ""


def inline_career_map(roles: Sequence[Any], campus: Any, lang: str, width_mm: float,
                      labelled_by: str, root: Path) -> Markup:
    """The same map as ``career_map``, as an ``<svg>`` element to put in a web page: it
    scales with the page (no size of its own), and reads as one picture named by the
    element ``labelled_by`` (its text alternative). Markup careerdocs draws itself: the
    titles are outlines, only the ids and colours of the view model are written in it."""
    from .careermap import among, as_inline, campus_drawing

    drawing = campus_drawing(among(roles), campus, root, float(width_mm), str(lang))
    return Markup(as_inline(drawing, str(labelled_by)) if drawing else "")  # noqa: S704


def _formatted(text: str, names: tuple[str, ...]) -> Markup:
    """The ``md`` filter: the text as HTML, with every role's titles kept whole, so the
    document depends on those titles."""
    note(JOB_TITLES)
    return to_html(text, names=names)


def render_template(env: ImmutableSandboxedEnvironment, project: Project, name: str,
                    **context: Any) -> tuple[str | None, list[Problem]]:
    """Render ``name``, its titles never ending on one word (:mod:`.titles`); on failure
    return the problem at the template's file and line."""
    try:
        html = bind_titles(env.get_template(name).render(**context))
    except RenderTimeout:
        raise  # the whole document's time is up: reported by whoever set the deadline
    except Exception as error:  # noqa: BLE001 - a template may fail in any way: say where
        return None, [template_problem(project, error, name, env)]
    if (depth := html_depth(html)) > MAX_HTML_DEPTH:
        return None, [Problem(_template_file(env, project, name), None, None, (
            f"the page this template makes puts elements inside elements {depth:,} levels "
            f"deep (at most {MAX_HTML_DEPTH}): the printer cannot lay that out; take "
            "elements out of each other"), kind=Kind.TEMPLATE)]
    return html, []


# Elements that never hold others (no closing tag).
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")


def html_depth(html: str) -> int:
    """How deeply the elements of ``html`` are nested (counted from its tags, in one pass:
    the printer would otherwise find out by recursing until Python gives up)."""
    depth = deepest = 0
    for closing, tag, self_closing in _TAG.findall(html):
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and tag.lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _template_file(env: ImmutableSandboxedEnvironment | None, project: Project,
                   name: str) -> str:
    """The file ``name`` is read from for this campus (its own, the theme's or the
    default one), as messages show it."""
    try:
        assert env is not None and env.loader is not None
        return project.display(Path(env.loader.get_source(env, name)[1] or name))
    except Exception:  # noqa: BLE001 - the name itself is the best that can be said
        return f"templates/…/{name}"


def template_problem(project: Project, error: BaseException, name: str,
                     env: ImmutableSandboxedEnvironment | None = None) -> Problem:
    """Where in which template ``error`` happened, in words for campus staff."""
    if isinstance(error, TemplateSyntaxError) and error.filename:
        return Problem(project.display(Path(error.filename)), error.lineno, None,
                       f"template syntax: {error.message}", kind=Kind.TEMPLATE)
    if isinstance(error, NotAFile):
        words = ("this file " + error.reason if "UTF-8" in error.reason
                 else f"this name {error.reason}: templates are text files")
        return Problem(project.display(error.path), None, None, words, kind=Kind.TEMPLATE)
    file, line = _template_frame(project, error)
    return Problem(file or _template_file(env, project, name), line, None, _explain(error),
                   kind=Kind.TEMPLATE)


def _template_frame(project: Project, error: BaseException) -> tuple[str | None, int | None]:
    # Jinja rewrites tracebacks so that template frames carry the template's file and line.
    templates = str(project.templates_dir.resolve())
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.startswith(templates):
            return project.display(Path(frame.filename)), frame.lineno
    return None, None


def _explain(error: BaseException) -> str:
    if isinstance(error, SecurityError):
        return f"not allowed in a template: {error}"
    if isinstance(error, TemplateNotFound):
        return (f"template file not found: {error.message} "
                "(looked in the campus folder, the school's theme, then templates/default)")
    if isinstance(error, UndefinedError):
        return f"unknown name in template: {error.message}"
    if isinstance(error, RecursionError):
        return ("blocks, conditions or loops are nested hundreds of levels deep, or a macro "
                "or an include calls itself without end")
    if isinstance(error, UnicodeDecodeError):
        return f"the template is not UTF-8 text ({error.reason}): save it as UTF-8"
    if isinstance(error, MemoryError):
        return "the template builds more than the machine's memory can hold"
    if not isinstance(error, TemplateError):
        return f"template error: {type(error).__name__}: {error}"
    message = getattr(error, "message", None) or str(error)
    return f"template error: {message}"


def template_names(env: ImmutableSandboxedEnvironment,
                   keep: Callable[[str], bool] = lambda name: name.endswith(".html")) -> list[str]:
    """Every template the chain can find (without the ``!default/`` aliases)."""
    return sorted(name for name in env.list_templates() if keep(name) and not name.startswith("!"))
