"""Publishing a build's files as one set: all the new ones, or none of them.

Every new file is first written in full into a staging folder inside the output
folder (the same disk, so moving it into place is a rename). Only then is the
journal written: the list of files to move and of files to remove. The moves follow;
then the journal and the staging folder are deleted.

A build interrupted before the journal exists leaves the previous documents as they
were; one interrupted after it is completed by the next careerdocs command that
writes there (:func:`recover`), which also deletes whatever an interrupted build left
behind (staged files, temporary files, WeasyPrint's font folders). Files careerdocs
did not make are never touched. Publishing holds a lock on the output folder, so two
builds at once publish one after the other, each its whole set.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path, PurePosixPath

STAGING = ".careerdocs-staging"
JOURNAL = ".careerdocs-journal.json"
SCRATCH = ".careerdocs-scratch-"  # + process id: temporary files of the renderers
LOCK = ".careerdocs-lock"
# Temporary files of write_atomically: ".NAME.xxxxxxxx.tmp" (tempfile.mkstemp).
_TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


def _fsync(path: Path) -> None:
    """Flush a file or a folder (its list of names) to disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def stage(output_dir: Path, files: dict[PurePosixPath, bytes | Path]) -> Path:
    """Put every file, in full and flushed to disk, into the staging folder: bytes are
    written, finished files (in the build's scratch folder, on the same disk) moved."""
    staging = output_dir / STAGING / "files"
    for relative, produced in files.items():
        path = staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(produced, Path):
            _fsync(produced)  # written by a worker process: on disk before published
            os.replace(produced, path)
        else:
            with path.open("wb") as stream:
                stream.write(produced)
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(path, 0o644)
    return staging



def commit(output_dir: Path, moves: list[PurePosixPath], removals: list[PurePosixPath]) -> None:
    """Write the journal (the point of no return), then carry it out."""
    journal = output_dir / STAGING / JOURNAL
    temporary = journal.with_suffix(".tmp")
    text = json.dumps({"move": [p.as_posix() for p in moves],
                       "remove": [p.as_posix() for p in removals]})
    with temporary.open("w", encoding="utf-8") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, journal)
    _fsync(journal.parent)
    _carry_out(output_dir)


def _carry_out(output_dir: Path) -> None:
    """Move the staged files into place and remove the stale ones, as the journal says;
    safe to run again after an interruption at any point."""
    staging = output_dir / STAGING
    plan = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))
    for relative in plan["move"]:
        source = staging / "files" / relative
        target = inside_folder(output_dir, relative)
        if target is not None and source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    for relative in plan["remove"]:
        target = inside_folder(output_dir, relative)
        if target is not None and target.is_file():
            target.unlink()
    _fsync(output_dir)
    shutil.rmtree(staging, ignore_errors=True)


def recover(output_dir: Path) -> None:
    """Complete a publish that was interrupted after its journal, and delete what an
    interrupted build left behind."""
    staging = output_dir / STAGING
    if (staging / JOURNAL).is_file():
        # A journal that cannot be read was cut while being written: never published.
        with suppress(ValueError, KeyError, TypeError):
            _carry_out(output_dir)
    shutil.rmtree(staging, ignore_errors=True)
    if not output_dir.is_dir():
        return
    for folder in output_dir.glob(f"{SCRATCH}*"):
        pid = folder.name.removeprefix(SCRATCH)
        if not pid.isdigit() or not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
    for path in _temporary_files(output_dir):
        path.unlink(missing_ok=True)


def _temporary_files(output_dir: Path) -> Iterator[Path]:
    """The temporary files an interrupted write left in ``output_dir``. Another build's
    scratch folder is not looked into: that build is alive (or its folder was just
    deleted above) and deletes it itself, perhaps while this walk goes on, so a folder
    that vanishes is skipped, not an error."""
    for folder, subfolders, names in os.walk(output_dir):  # errors ignored; links not followed
        subfolders[:] = [name for name in subfolders if not name.startswith(SCRATCH)]
        for name in names:
            path = Path(folder, name)
            if _TEMPORARY.match(name) and path.is_file() and not path.is_symlink():
                yield path


@contextmanager
def scratch(output_dir: Path) -> Iterator[Path]:
    """A folder for the renderers' temporary files (WeasyPrint's fonts) in the output
    folder, named after this process, so that a killed build's leftovers are found and
    deleted by the next one."""
    import tempfile

    folder = output_dir / f"{SCRATCH}{os.getpid()}"
    folder.mkdir(parents=True, exist_ok=True)  # an OSError: the folder cannot be written
    previous, tempfile.tempdir = tempfile.tempdir, str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = previous
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def locked(output_dir: Path) -> Iterator[None]:
    """One publisher at a time in an output folder: a second build waits for the first
    to finish publishing, then publishes its own set whole."""
    output_dir.mkdir(parents=True, exist_ok=True)
    with (output_dir / LOCK).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def inside_folder(output_dir: Path, relative: str) -> Path | None:
    """``output_dir / relative``, or None when that would leave the folder or follow a link
    (a hand-edited journal or manifest must not make careerdocs touch anything else)."""
    parts = PurePosixPath(relative)
    if parts.is_absolute() or ".." in parts.parts:
        return None
    path = output_dir / relative
    if path.is_symlink() or not path.resolve().is_relative_to(output_dir.resolve()):
        return None
    return path
