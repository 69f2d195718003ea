"""The last stage: write a build's files into the output folder, as one set, and keep
its manifest."""

from __future__ import annotations

import errno
import shutil
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..diagnostics import CareerdocsError, Kind, Problem
from .atomic_output import write_atomically
from .folder import Unsafe, output_problems, regular_file, unsafe_problem
from .journal import STAGING, commit, locked, recover, scratch, stage
from .manifest import MANIFEST_NAME, Claims, ManifestEntry, OutputManifest, digest, file_digest

__all__ = ["MANIFEST_NAME", "Claims", "ManifestEntry", "OutputManifest", "Produced", "Published",
           "Release", "Unsafe", "disk_reason", "file_digest", "locked", "output_problems",
           "publish", "recover", "scratch", "work_folder", "write_atomically", "write_problem"]


@dataclass
class Published:
    """Files written, files left alone (already up to date), files removed (stale)."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


Produced = bytes | Path  # a file's bytes, or the finished file in the build's scratch folder


@dataclass
class Release:
    """What a build hands over to be published."""

    outputs: dict[PurePosixPath, Produced]  # the files made
    entries: dict[PurePosixPath, ManifestEntry] = field(default_factory=dict)  # their cache entries
    kept: frozenset[PurePosixPath] = frozenset()  # up to date: not made again, kept
    last: dict[str, object] | None = None  # what this build was, for the next one


def publish(output_dir: Path, release: Release | dict[PurePosixPath, Produced], full: bool,
            keep_manifest: bool = True) -> Published:
    """Write the files of ``release`` under ``output_dir`` as one set (see
    :mod:`.journal`); after a ``full`` build, also remove what careerdocs wrote there
    before and no longer makes."""
    if not isinstance(release, Release):
        release = Release(release)
    try:
        with locked(output_dir):
            recover(output_dir)
            return _publish(output_dir, release, full, keep_manifest)
    except Unsafe as error:
        raise CareerdocsError([unsafe_problem(error)]) from None
    except OSError as error:
        shutil.rmtree(output_dir / STAGING, ignore_errors=True)
        raise CareerdocsError([write_problem(error, output_dir)]) from None


def _publish(output_dir: Path, release: Release, full: bool, keep_manifest: bool) -> Published:
    if problems := output_problems(output_dir, list(release.outputs)):
        raise CareerdocsError(problems)
    result = Published()
    changed: dict[PurePosixPath, Produced] = {}
    entries = dict(release.entries)
    for relative, produced in release.outputs.items():
        if relative not in entries:  # a worker hashed what it made; compare's files are bytes
            entries[relative] = ManifestEntry(digest(produced) if isinstance(produced, bytes)
                                      else file_digest(produced))
        sha = entries[relative].sha256
        path = regular_file(output_dir, relative)
        if path is not None and file_digest(path) == sha:
            result.unchanged.append(path)
        else:
            changed[relative] = produced
            result.written.append(output_dir / relative)
    result.unchanged += [output_dir / relative for relative in sorted(release.kept)]
    removals: list[PurePosixPath] = []
    if keep_manifest:
        manifest = OutputManifest.read(output_dir)
        if full:
            removals = manifest.stale(output_dir, set(release.outputs) | release.kept)
        manifest.record(entries)
        if release.last is not None:
            manifest.last = release.last
        if manifest.to_bytes() != _read(regular_file(output_dir, PurePosixPath(MANIFEST_NAME))):
            changed[PurePosixPath(MANIFEST_NAME)] = manifest.to_bytes()
    if changed or removals:
        stage(output_dir, changed)
        commit(output_dir, list(changed), removals)
    result.removed = [output_dir / relative for relative in removals]
    return result


@contextmanager
def work_folder(output_dir: Path) -> Iterator[Path]:
    """The build's scratch folder in ``output_dir`` (see :func:`.journal.scratch`); a
    problem in plain words when the output folder cannot be written."""
    with ExitStack() as stack:
        try:
            folder = stack.enter_context(scratch(output_dir))
        except Unsafe as error:
            raise CareerdocsError([unsafe_problem(error)]) from None
        except OSError as error:
            raise CareerdocsError([write_problem(error, output_dir)]) from None
        yield folder


def _read(path: Path | None) -> bytes | None:
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def disk_reason(error: OSError) -> str:
    """What went wrong writing a file, in words for people."""
    return {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is full",
            errno.EACCES: "permission denied", errno.EPERM: "permission denied",
            errno.EROFS: "the disk is read-only",
            errno.ENOTDIR: "a file stands where a folder is needed",
            errno.EEXIST: "a file stands where a folder is needed"}.get(
        error.errno or 0, error.strerror or str(error))


def write_problem(error: OSError, output_dir: Path) -> Problem:
    """The output folder cannot be written, in words for people."""
    where = error.filename or output_dir
    reason = disk_reason(error)
    return Problem(str(where), None, None,
                   f"cannot write the documents here: {reason}; your previous documents "
                   "are as they were", kind=Kind.OUTPUT)
