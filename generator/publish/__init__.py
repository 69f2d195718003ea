"""The last stage: write a build's files into the output folder and keep its manifest."""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..diagnostics import CareerdocsError, Kind, Problem
from .atomic_output import write_atomically
from .manifest import MANIFEST_NAME, Claims, OutputManifest

__all__ = ["MANIFEST_NAME", "Claims", "OutputManifest", "Published", "publish",
           "write_atomically"]


@dataclass
class Published:
    """Files written, files left alone (already up to date), files removed (stale)."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def publish(output_dir: Path, outputs: dict[PurePosixPath, bytes], full: bool,
            keep_manifest: bool = True) -> Published:
    """Write ``outputs`` under ``output_dir``; after a ``full`` build, remove what the
    previous builds wrote there and this one no longer makes."""
    result = Published()
    manifest = OutputManifest.read(output_dir) if keep_manifest else OutputManifest()
    try:
        for relative, data in outputs.items():
            path = output_dir / relative
            (result.written if write_atomically(path, data) else result.unchanged).append(path)
        if full:
            result.removed = manifest.remove_stale(output_dir, set(outputs))
        if keep_manifest:
            manifest.record(outputs)
            manifest.write(output_dir)
    except OSError as error:
        raise CareerdocsError([_write_problem(error, output_dir)]) from None
    return result


def _write_problem(error: OSError, output_dir: Path) -> Problem:
    where = error.filename or output_dir
    reason = {errno.ENOSPC: "the disk is full", errno.EACCES: "permission denied",
              errno.EROFS: "the disk is read-only", errno.ENOTDIR: "a file stands where a "
              "folder is needed"}.get(error.errno or 0, error.strerror or str(error))
    return Problem(str(where), None, None, f"cannot write the documents here: {reason}",
                   kind=Kind.OUTPUT)
