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
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path, PurePosixPath

from ..files import read_regular, temporary_files_in
from .folder import Unsafe, clear_own_name, make_folders, regular_file, relative_name

STAGING = ".careerdocs-staging"
JOURNAL_LIMIT = 64_000_000  # bytes: the list of names of the largest set
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
    safe to run again after an interruption at any point. A name that would lead outside
    the folder, or through a link, is skipped (a journal edited by hand)."""
    staging = output_dir / STAGING
    journal = regular_file(output_dir, PurePosixPath(STAGING, JOURNAL))
    plan = json.loads(read_regular(journal, JOURNAL_LIMIT)) if journal else {}
    for relative in filter(None, map(relative_name, plan.get("move", []))):
        source = regular_file(staging, PurePosixPath("files", relative))
        if source is not None:
            os.replace(source, make_folders(output_dir, relative))
    for relative in filter(None, map(relative_name, plan.get("remove", []))):
        if (stale := regular_file(output_dir, relative)) is not None:
            stale.unlink()
    _fsync(output_dir)
    shutil.rmtree(staging, ignore_errors=True)


def recover(output_dir: Path) -> None:
    """Complete a publish that was interrupted after its journal, and delete what an
    interrupted build left behind. A link (or anything else) standing at one of
    careerdocs's own names is removed, never followed."""
    if not output_dir.is_dir():
        return
    clear_own_name(output_dir / STAGING, folder=True)
    if (output_dir / STAGING / JOURNAL).is_file():
        # A journal that cannot be read was cut while being written: never published.
        with suppress(ValueError, KeyError, TypeError, AttributeError, RecursionError,
                      Unsafe):
            _carry_out(output_dir)
    shutil.rmtree(output_dir / STAGING, ignore_errors=True)
    for folder in output_dir.glob(f"{SCRATCH}*"):
        pid = folder.name.removeprefix(SCRATCH)
        if folder.is_symlink() or not folder.is_dir():
            folder.unlink()
        elif not pid.isdigit() or not _alive(int(pid)):
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
    folder = output_dir / f"{SCRATCH}{os.getpid()}"
    output_dir.mkdir(parents=True, exist_ok=True)  # an OSError: it cannot be written
    clear_own_name(folder, folder=True)
    shutil.rmtree(folder, ignore_errors=True)  # left by a dead process of the same number
    folder.mkdir()
    try:
        with temporary_files_in(folder):
            yield folder
    finally:
        removed(folder)


SCRATCH_TRIES = 50  # 5 s: the time a stopped build's workers take to end


def removed(folder: Path) -> None:
    """Delete a scratch folder, again while a worker still writes into it (a build
    stopped by the system unwinds while its workers finish their last file)."""
    for _try in range(SCRATCH_TRIES):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.1)


@contextmanager
def locked(output_dir: Path) -> Iterator[None]:
    """One publisher at a time in an output folder: a second build waits for the first
    to finish publishing, then publishes its own set whole."""
    output_dir.mkdir(parents=True, exist_ok=True)
    clear_own_name(output_dir / LOCK, folder=False)
    descriptor = os.open(output_dir / LOCK, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW
                         | os.O_NONBLOCK | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # which releases the lock


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
