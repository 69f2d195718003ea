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

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from ..diagnostics import CareerdocsError, Kind, Problem

if TYPE_CHECKING:
    from ..render.context import RenderContext

Rendered = tuple[bytes | None, list[Problem]]  # the file's bytes, or why it cannot be made


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
    origin: str = "careerdocs"  # the package it comes from, set by register()

    def declare(self, context: RenderContext) -> list[Artifact]:
        """The files this kind makes for one campus and one language."""
        raise NotImplementedError

    def render(self, context: RenderContext, artifact: Artifact) -> Rendered:
        """The bytes of one declared file."""
        raise NotImplementedError

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


class KindConflict(CareerdocsError):
    """Two installed packages bring a kind of document of the same name."""


_KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind, origin: str = "careerdocs") -> DocumentKind:
    """Add ``kind`` to the registry, as coming from the package ``origin``. The same kind
    registered again is kept once; another kind of a name already taken is refused."""
    known = _KINDS.get(kind.name)
    if known is not None and type(known) is not type(kind):
        raise KindConflict([Problem("careerdocs.kinds", None, None, (
            f"two kinds of document are named '{kind.name}': one from {known.origin}, one "
            f"from {origin}: uninstall one of the two packages"), kind=Kind.COMMAND)])
    if known is None:
        kind.origin = origin
        _KINDS[kind.name] = kind
    return _KINDS[kind.name]


def unregister(name: str) -> None:
    """Remove a kind (tests register toy kinds and take them away again)."""
    _KINDS.pop(name, None)


def kind_names() -> list[str]:
    """Every registered kind, in registration order."""
    return list(_KINDS)


def get_kind(name: str) -> DocumentKind:
    return _KINDS[name]


def all_kinds() -> Iterator[DocumentKind]:
    yield from list(_KINDS.values())
