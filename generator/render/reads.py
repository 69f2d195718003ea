"""What one document read while it was made, beyond what its kind declares: the project
files the PDF printer fetched (pictures, fonts) and the collections of the view model
its templates went through (``doc.roles``…).

The build cache (:mod:`generator.pipeline.cache`) keys each document on these, so
that a template listing every role makes its document depend on every role, and one
showing a picture on that picture, without anybody having to declare it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from ..files import read_regular
from ..limits import MAX_FETCHED_BYTES

FILE = "file:"  # + a path relative to the project folder
VIEW = "view:"  # + the name of a collection of the document's view: roles, comparisons…
JOB_TITLES = "job-titles"  # every role's titles, kept from hyphenation in formatted text
SECTION = "section:"  # + KIND/ROLE: a kind's own section of a role's file (poster:)

_reads: ContextVar[set[str] | None] = ContextVar("careerdocs_reads", default=None)


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect, in the set this yields, what the code in this block reads."""
    reads: set[str] = set()
    token = _reads.set(reads)
    try:
        yield reads
    finally:
        _reads.reset(token)


def note(read: str) -> None:
    """Record ``read`` for the document being made (nothing when none is)."""
    reads = _reads.get()
    if reads is not None:
        reads.add(read)


def read_project_file(root: Path, relative: str, limit: int = MAX_FETCHED_BYTES) -> bytes:
    """The bytes of the project file ``relative`` (to ``root``), recorded as read by the
    document being made: every renderer reads its pictures and profiles through here
    (the PDF printer's fetcher, the Word builders, the press), so a new version of one
    makes again the documents that showed it, without anyone noting it by hand."""
    note(f"{FILE}{relative}")
    return read_regular(root / relative, limit)
