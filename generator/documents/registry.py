"""The registry of document kinds: one :class:`DocumentKind` per module of this package.

A kind says what it is called, which formats it prints, which files it makes
for a campus and a language (declared before anything is rendered, so two
kinds can never silently write the same file), what it checks and how it
renders one of its files. The schema, the command line's ``--doc``,
``careerdocs list``, the runner, the cache and the output manifest all read this
registry and know no kind by name: adding a kind is one module (plus its template)
here, or a package of its own, subclassing :class:`DocumentKind`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel, ValidationError

from ..diagnostics import CareerdocsError, Kind, Problem
from ..pipeline.options import CORE_FLAGS, CORE_NAMES

if TYPE_CHECKING:
    from ..load.content import Content
    from ..render.context import RenderContext

Rendered = tuple[bytes | None, list[Problem]]  # the file's bytes, or why it cannot be made
OptionValue = str | tuple[str, ...] | None  # a word, the words of a repeated option, or none


@dataclass(frozen=True)
class KindOption:
    """An option of ``careerdocs build`` that belongs to one kind of document, e.g. the
    handout's ``--role`` or a poster's ``--poster-size``: shown by ``--help``, checked,
    and given to that kind only (:meth:`DocumentKind.option_values`)."""

    flag: str  # as typed: "--poster-size"
    help: str  # for --help, in the words of the users
    name: str = ""  # its key in BuildOptions.kind_options; default: the flag's words, "poster_size"
    choices: tuple[str, ...] = ()  # the words it accepts; empty: any word
    multiple: bool = False  # may be repeated (its value is then a tuple of words)
    default: OptionValue = None
    metavar: str = "VALUE"
    # Whether its value changes the bytes of the kind's files (then it is part of their
    # key, and a new value makes them again), or only picks which files are made.
    keyed: bool = True
    partial: bool = False  # picks some files only: the build is partial, nothing is removed

    @property
    def key(self) -> str:
        return self.name or self.flag.lstrip("-").replace("-", "_")

    def value(self, given: Mapping[str, object]) -> OptionValue:
        """Its value among the options a build was given, else its default."""
        value = given.get(self.key, self.default)
        if self.multiple:
            words = value if isinstance(value, tuple | list) else (value,) if value else ()
            return tuple(map(str, words))
        return None if value is None else str(value)


@dataclass(frozen=True)
class Artifact:
    """One file a kind will make, declared before it is rendered."""

    name: str  # file name in the campus's language folder, e.g. ``handout-po.docx``
    producer: str  # who makes it, in messages: "handout of role po"
    subject: str = ""  # what the kind renders it from: a role id, a comparison id…


class DocumentKind:
    """The base of every kind of document: what a kind must say (``name``, ``formats``,
    ``summary``, :meth:`declare`, :meth:`render`) and typed defaults for the rest.

    A kind comes from careerdocs itself (a module of this package) or from another
    installed package, through the ``careerdocs.kinds`` entry point group (see
    :mod:`generator.documents`); either way it is registered with :func:`register`,
    which refuses a second kind of the same name.
    """

    name: ClassVar[str]  # as written in campus files and after --doc, e.g. "handout"
    formats: ClassVar[tuple[str, ...]]  # file formats it prints, e.g. ("pdf", "docx")
    summary: ClassVar[str]  # one line for --help and careerdocs list
    # Which units a build starts first (lowest first): long ones early, so that the
    # workers finish together instead of one starting a guide at the end.
    cost: ClassVar[int] = 2
    # Where it comes in lists, in --doc and in a build (lowest first): careerdocs' own
    # kinds, then the others, in the order they were registered.
    position: ClassVar[int] = 100
    # Its own options of ``careerdocs build``, and its own section of campus files (named
    # as the kind, e.g. ``poster:``; checked with every other setting, at file:line).
    options: ClassVar[tuple[KindOption, ...]] = ()
    settings: ClassVar[type[BaseModel] | None] = None
    role_settings: ClassVar[type[BaseModel] | None] = None  # its section of role files, too
    origin: str = "careerdocs"  # the package it comes from, set by register()

    def declare(self, context: RenderContext) -> list[Artifact]:
        """The files this kind makes for one campus and one language."""
        raise NotImplementedError

    def render(self, context: RenderContext, artifact: Artifact) -> Rendered:
        """The bytes of one declared file."""
        raise NotImplementedError

    def render_all(self, context: RenderContext,
                   artifacts: Sequence[Artifact]) -> Iterator[Rendered]:
        """The bytes of the files of one unit (those of one subject: a guide for screen
        and booklet, a one-pager as PDF and DOCX), in their order, each asked for in turn
        (within its time limit). A kind whose files share their work (a layout, a type
        size) does it once here, in local variables: nothing is kept for the next unit."""
        for artifact in artifacts:
            yield self.render(context, artifact)

    def check(self, context: RenderContext) -> list[Problem]:
        """Problems found without printing: templates rendered in memory, styles opened."""
        return []

    def inputs(self, context: RenderContext, artifact: Artifact) -> object | None:
        """What one of its files is made from, besides its campus and language: a part of
        ``context.view``. The build cache makes the file again only when that part
        changes; None (the default): when anything the campus prints in that language
        changes."""
        return None

    def prepare(self) -> None:
        """Import the renderers, once, before a build forks its workers (each would
        otherwise import them again)."""

    def option_values(self, context: RenderContext) -> dict[str, OptionValue]:
        """Its options as the build was given them, defaults filled in."""
        return {option.key: option.value(context.kind_options) for option in self.options}

    def campus_settings(self, context: RenderContext) -> BaseModel | None:
        """Its section of the campus file (the defaults when the campus has none)."""
        return _section(self.settings, context.kind_settings.get(self.name))

    def role_section(self, context: RenderContext, role_id: str) -> BaseModel | None:
        """Its section of a role's file (the defaults when the role has none), recorded
        as read: a new section makes again the files that read it, and only them."""
        from ..render.reads import SECTION, note

        note(f"{SECTION}{self.name}/{role_id}")
        return _section(self.role_settings,
                        context.role_settings.get(self.name, {}).get(role_id))

    def option_problems(self, content: Content, values: Mapping[str, OptionValue]) -> list[Problem]:
        """What is wrong with the values of its options for this content (an unknown
        role…), said before anything is made."""
        return []

    def only(self, subject: str) -> dict[str, OptionValue]:
        """The options that make only the files of ``subject`` (the preview shows one
        document at a time): none by default, every file of the kind is made."""
        return {}

    def state(self, context: RenderContext) -> object:
        """What its files are made from besides the view model: its keyed options and its
        campus settings (part of its files' key only, not of other kinds'; the sections
        of role files are recorded as read, by :meth:`role_section`)."""
        keyed = {o.key: o.value(context.kind_options) for o in self.options if o.keyed}
        return keyed, as_data(self.campus_settings(context))


def as_data(section: BaseModel | None) -> object:
    """A kind's section as plain data, for the build cache's digests."""
    return section.model_dump(mode="json") if section is not None else None


def _section(model: type[BaseModel] | None, given: BaseModel | None) -> BaseModel | None:
    """A kind's section of a file as given, else its defaults (None without a model, or
    when the model has fields without default)."""
    if given is not None or model is None:
        return given
    try:
        return model()
    except ValidationError:
        return None


class KindConflict(CareerdocsError):
    """Two installed packages bring a kind of document of the same name."""


_KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind, origin: str = "careerdocs") -> DocumentKind:
    """Add ``kind`` to the registry, as coming from the package ``origin``. The same kind
    registered again is kept once; another kind of a name already taken, or with an
    option another kind or careerdocs has, is refused."""
    known = _KINDS.get(kind.name)
    if known is not None and type(known) is not type(kind):
        raise _conflict(f"two kinds of document are named '{kind.name}': one from "
                        f"{known.origin}, one from {origin}: uninstall one of the two packages")
    if known is None and (clash := _option_clash(kind, origin)):
        raise _conflict(clash)
    if known is None:
        kind.origin = origin
        _KINDS[kind.name] = kind
    return _KINDS[kind.name]


def _conflict(message: str) -> KindConflict:
    return KindConflict([Problem("careerdocs.kinds", None, None, message, kind=Kind.COMMAND)])


def _option_clash(kind: DocumentKind, origin: str) -> str:
    """Why an option or the settings section of ``kind`` cannot be told from another's."""
    from ..load.schema import Campus, Role

    taken = {flag: "careerdocs build" for flag in CORE_FLAGS | CORE_NAMES}
    for other in _KINDS.values():
        for option in other.options:
            taken[option.flag] = taken[option.key] = f"the kind '{other.name}' ({other.origin})"
    for option in kind.options:
        for word in (option.flag, option.key):
            if word in taken:
                return (f"the kind of document '{kind.name}' ({origin}) has an option "
                        f"{option.flag}, as {taken[word]} has: uninstall one of the two")
    for model, base, files in ((kind.settings, Campus, "campus"),
                               (kind.role_settings, Role, "role")):
        if model is not None and kind.name in base.model_fields:
            return (f"the kind of document '{kind.name}' ({origin}) has settings under "
                    f"'{kind.name}:' in {files} files, a name careerdocs uses: uninstall "
                    "that package, or ask its authors to give the kind another name")
    return ""


def unregister(name: str) -> None:
    """Remove a kind (tests register toy kinds and take them away again)."""
    _KINDS.pop(name, None)


def kind_names() -> list[str]:
    """Every registered kind, in the order of :func:`all_kinds`."""
    return [kind.name for kind in all_kinds()]


def get_kind(name: str) -> DocumentKind:
    return _KINDS[name]


def all_kinds() -> Iterator[DocumentKind]:
    """Every registered kind, by position, then in registration order."""
    yield from sorted(_KINDS.values(), key=lambda kind: kind.position)
