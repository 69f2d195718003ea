"""Reading a project's files: regular files only, within a size limit, in bounded time.

A name in ``content/`` or ``templates/`` may be a named pipe, a device or a socket
(made by mistake, or on purpose): opening one to read waits for a writer that never
comes, or reads without end. Every file careerdocs reads for a document is opened
without waiting (``O_NONBLOCK``), checked to be a regular file on the descriptor it
was opened as (no swap between a check and the read), and read up to its limit.
Where a link leads is checked by the callers (``Project.confinement_problem``).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

KINDS = ((stat.S_ISREG, "a file"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
         (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


class NotAFile(OSError):
    """A name that is something other than a regular file, or one too large to read."""

    def __init__(self, path: Path, reason: str):
        super().__init__(reason)
        self.path, self.reason = path, reason


def what_it_is(mode: int) -> str:
    """"a named pipe", "a folder"…, in words for the messages."""
    return next((words for test, words in KINDS if test(mode)), "not a regular file")


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (a link to one is followed), at most
    ``limit`` of them; :class:`NotAFile` (an ``OSError``) for anything else."""
    if reason := regular_file_problem(path):  # a socket cannot even be opened
        raise NotAFile(path, reason)
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(path, f"is {what_it_is(mode)}, not a file")
        with os.fdopen(os.dup(descriptor), "rb") as stream:
            data = stream.read(limit + 1)
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise NotAFile(path, f"is too large (over {limit / 1e6:g} MB)")
    return data


def regular_file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file ("is a named pipe, not a file"), or None
    for a regular file or a name that does not exist (said by the caller)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) else f"is {what_it_is(mode)}, not a file"


@contextmanager
def temporary_files_in(folder: Path) -> Iterator[None]:
    """Temporary files (WeasyPrint's fonts, pikepdf's pages) go into ``folder`` while the
    block runs: a build's scratch folder, removed with it, even when a renderer leaves
    its files behind; the setting is put back afterwards."""
    previous, tempfile.tempdir = tempfile.tempdir, str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = previous
