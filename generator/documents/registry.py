"""The registry of document kinds: one :class:`DocumentKind` per module of this package.

A kind says what it is called, which formats it prints, which files it makes
for a campus and a language (declared before anything is rendered, so two
kinds can never silently write the same file), what it checks and how it
renders one of its files. The schema, the command line's ``--doc``,
``careerdocs list`` and the output manifest all read this registry: adding a
kind is one module (plus its template), registered with :func:`register`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ..diagnostics import Problem

if TYPE_CHECKING:
    from ..render.context import RenderContext

Rendered = tuple[bytes | None, list[Problem]]  # the file's bytes, or why it cannot be made


@dataclass(frozen=True)
class Artifact:
    """One file a kind will make, declared before it is rendered."""

    name: str  # file name in the campus's language folder, e.g. ``handout-po.docx``
    producer: str  # who makes it, in messages: "handout of role po"
    subject: str = ""  # what the kind renders it from: a role id, a comparison id…


class DocumentKind(Protocol):
    """What every kind of document provides."""

    name: str  # as written in campus files and after --doc, e.g. "handout"
    formats: tuple[str, ...]  # file formats it prints, e.g. ("pdf", "docx")
    summary: str  # one line for --help and careerdocs list

    def declare(self, context: RenderContext) -> list[Artifact]:
        """The files this kind makes for one campus and one language."""
        ...

    def check(self, context: RenderContext) -> list[Problem]:
        """Problems found without printing: templates rendered in memory, styles opened."""
        ...

    def render(self, context: RenderContext, artifact: Artifact) -> Rendered:
        """The bytes of one declared file."""
        ...

    # A kind may also say what one of its files is made from, besides its campus and
    # language: ``inputs(context, artifact) -> object``, a part of ``context.view``. The
    # build cache makes the file again only when that part changes; without it, when
    # anything the campus prints in that language changes.
    # And ``prepare() -> None``: import its renderers, once, before a build forks its
    # workers (each would otherwise import them again).


_KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    """Add ``kind`` to the registry (a later kind of the same name replaces it)."""
    _KINDS[kind.name] = kind
    return kind


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
