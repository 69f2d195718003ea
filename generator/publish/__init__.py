"""The last stage: write a build's files into the output folder, as one set, and keep
its manifest."""

from __future__ import annotations

import errno
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..diagnostics import CareerdocsError, Kind, Problem
from .atomic_output import write_atomically
from .journal import STAGING, commit, locked, recover, scratch, stage
from .manifest import MANIFEST_NAME, Claims, OutputManifest

__all__ = ["MANIFEST_NAME", "Claims", "OutputManifest", "Published", "disk_reason", "locked",
           "publish", "recover", "scratch", "write_atomically"]


@dataclass
class Published:
    """Files written, files left alone (already up to date), files removed (stale)."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def publish(output_dir: Path, outputs: dict[PurePosixPath, bytes], full: bool,
            keep_manifest: bool = True) -> Published:
    """Write ``outputs`` under ``output_dir`` as one set (see :mod:`.journal`); after a
    ``full`` build, also remove what careerdocs wrote there before and no longer makes."""
    try:
        with locked(output_dir):
            recover(output_dir)
            return _publish(output_dir, outputs, full, keep_manifest)
    except OSError as error:
        shutil.rmtree(output_dir / STAGING, ignore_errors=True)
        raise CareerdocsError([_write_problem(error, output_dir)]) from None


def _publish(output_dir: Path, outputs: dict[PurePosixPath, bytes], full: bool,
             keep_manifest: bool) -> Published:
    result = Published()
    changed: dict[PurePosixPath, bytes] = {}
    for relative, data in outputs.items():
        path = output_dir / relative
        if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
            result.unchanged.append(path)
        else:
            changed[relative] = data
            result.written.append(path)
    removals: list[PurePosixPath] = []
    if keep_manifest:
        manifest = OutputManifest.read(output_dir)
        if full:
            removals = manifest.stale(output_dir, set(outputs))
        manifest.record(outputs)
        if manifest.to_bytes() != _read(output_dir / MANIFEST_NAME):
            changed[PurePosixPath(MANIFEST_NAME)] = manifest.to_bytes()
    if changed or removals:
        stage(output_dir, changed)
        commit(output_dir, list(changed), removals)
    result.removed = [output_dir / relative for relative in removals]
    return result


def _read(path: Path) -> bytes | None:
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


def _write_problem(error: OSError, output_dir: Path) -> Problem:
    where = error.filename or output_dir
    reason = disk_reason(error)
    return Problem(str(where), None, None,
                   f"cannot write the documents here: {reason}; your previous documents "
                   "are as they were", kind=Kind.OUTPUT)
