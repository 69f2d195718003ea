"""Paths inside the output folder, checked without following links.

The output folder is a place people and other programs touch: a school links a campus
folder to its web server, a document is replaced by a link, a manifest is copied over
from a USB key. careerdocs writes only inside the folder: every folder on the way to a
file must be a real folder (not a link), and a file's own name may be replaced, never
written through. A link where a document goes is replaced by the document (what it
pointed to is left alone); a link where a folder is needed is refused in plain words.
Names read from careerdocs's own files (the manifest, the journal) are checked the same
way, so a hand-edited one cannot make careerdocs read, move or remove anything else.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from ..diagnostics import Kind, Problem
from ..files import what_it_is

NAME_LIMIT = 1024  # characters in a relative name from the manifest or the journal


class Unsafe(Exception):
    """A path careerdocs will not write to, with the reason in words for people."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


def relative_name(name: object) -> PurePosixPath | None:
    """A name read from the manifest or the journal as a relative path, or None when it
    is not one careerdocs could have written (absolute, "..", a NUL byte, too long)."""
    if not isinstance(name, str) or not name or len(name) > NAME_LIMIT or "\0" in name:
        return None
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or path.as_posix() != name.rstrip("/"):
        return None
    return path


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return path.lstat()
    except (FileNotFoundError, NotADirectoryError):  # nothing there (or a file above it)
        return None


def folder_problem(path: Path) -> str | None:
    """Why ``path`` cannot be a folder careerdocs writes into, or None (a real folder, or
    nothing there yet)."""
    status = _lstat(path)
    if status is None or stat.S_ISDIR(status.st_mode):
        return None
    if stat.S_ISLNK(status.st_mode):
        return (f"is a link (to {os.readlink(path)}): careerdocs writes only inside the "
                "output folder and does not follow links; put a real folder here, or build "
                "with --out into the folder the link points to")
    return f"is {what_it_is(status.st_mode)} where a folder is needed: move it away"


def target(output_dir: Path, relative: PurePosixPath) -> Path:
    """``output_dir / relative``, every folder on the way checked (raise :class:`Unsafe`);
    the file's own name may be missing, a file, or anything but a folder (it is replaced)."""
    folder = output_dir
    for part in relative.parts[:-1]:
        folder = folder / part
        if reason := folder_problem(folder):
            raise Unsafe(folder, reason)
    path = output_dir / relative
    status = _lstat(path)
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise Unsafe(path, "is a folder where a document goes: move it away")
    return path


def make_folders(output_dir: Path, relative: PurePosixPath) -> Path:
    """:func:`target`, with the folders on the way made (real folders, never links)."""
    folder = output_dir
    for part in relative.parts[:-1]:
        folder = folder / part
        if reason := folder_problem(folder):
            raise Unsafe(folder, reason)
        if _lstat(folder) is None:
            folder.mkdir()
    return target(output_dir, relative)  # checked again: nothing swapped in meanwhile


def regular_file(output_dir: Path, relative: PurePosixPath) -> Path | None:
    """``output_dir / relative`` when it is a regular file reached through real folders
    (the only kind careerdocs reads back or removes), else None."""
    try:
        path = target(output_dir, relative)
    except Unsafe:
        return None
    status = _lstat(path)
    return path if status is not None and stat.S_ISREG(status.st_mode) else None


def clear_own_name(path: Path, folder: bool) -> None:
    """Make room for one of careerdocs's own names (staging, scratch, lock): a link, pipe,
    device or stray file standing there is removed, never followed; a folder where
    careerdocs keeps a file is refused."""
    status = _lstat(path)
    if status is None:
        return
    mode = status.st_mode
    if stat.S_ISDIR(mode) if folder else stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise Unsafe(path, "is a folder where careerdocs keeps a file of its own: move it away")
    path.unlink()


def unsafe_problem(error: Unsafe) -> Problem:
    """A path careerdocs will not write to, as a problem naming it."""
    return Problem(str(error.path), None, None,
                   f"{error.reason}; your previous documents are as they were",
                   kind=Kind.OUTPUT)


def output_problems(output_dir: Path, paths: list[PurePosixPath]) -> list[Problem]:
    """Every declared file that cannot be written where it goes (a link, or a file, where
    a folder is needed; a folder where a document goes), each problem once."""
    problems: dict[Path, Problem] = {}
    for relative in paths:
        try:
            target(output_dir, relative)
        except Unsafe as error:
            problems.setdefault(error.path, unsafe_problem(error))
    return list(problems.values())
