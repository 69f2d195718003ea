"""The quick answer to a build when nothing changed since the last one.

When careerdocs, ``content/`` and ``templates/`` hold the same bytes as at the last
build with the same options, and every file that build made is still on disk as it
was written, the build is done before the content is even read: its warnings are
told again, and nothing is loaded, rendered or written. Anything else (an edited
file, a document deleted or changed in place, leftovers of an interrupted build, a
manifest that cannot be read) takes the normal road.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..diagnostics import Kind, Problem
from ..project import Project
from ..publish.folder import regular_file, relative_name
from ..publish.journal import SCRATCH, STAGING
from ..publish.manifest import OutputManifest, file_digest
from .fingerprint import project_digest
from .options import BuildOptions


@dataclass
class BuildResult:
    """Files written, left alone (already up to date) or removed (no longer printed)."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    made: list[Path] = field(default_factory=list)  # rendered this time (written or not)
    seconds: dict[str, float] = field(default_factory=dict)  # per unit made, for bench/
    peak_rss_kb: dict[int, int] = field(default_factory=dict)  # per worker process


def last_build_record(options: BuildOptions, inputs: str, files: list[str],
                      warnings: list[Problem]) -> dict[str, object]:
    """What the manifest keeps of a successful build, for :func:`up_to_date_build`."""
    return {"options": options.cache_label(), "inputs": inputs, "files": sorted(files),
            "warnings": [_problem_json(problem) for problem in warnings]}


def up_to_date_build(project: Project, options: BuildOptions,
                     inputs: str | None = None) -> BuildResult | None:
    """The result of a build that has nothing to do, or None when it has (or when
    ``build/`` is a link out of the project, which the normal road refuses)."""
    if options.force or (options.output_dir is None
                         and project.outside(project.default_output_dir)):
        return None
    output_dir = options.output_dir or project.default_output_dir
    manifest = OutputManifest.read(output_dir)
    last = manifest.last
    if (last.get("options") != options.cache_label() or _leftovers(output_dir)
            or last.get("inputs") != (inputs or project_digest(project))):
        return None
    files = last.get("files")
    if not isinstance(files, list) or not all(_intact(output_dir, manifest, name)
                                              for name in files):
        return None
    recorded = last.get("warnings")
    warnings = [_problem(value) for value in recorded] if isinstance(recorded, list) else [None]
    if None in warnings:
        return None
    return BuildResult(unchanged=[output_dir / name for name in files],
                       warnings=[problem for problem in warnings if problem])


def _leftovers(output_dir: Path) -> bool:
    """Whether an interrupted build left something for the next one to finish or clean."""
    try:
        return any(entry.name == STAGING or entry.name.startswith(SCRATCH)
                   for entry in output_dir.iterdir())
    except OSError:
        return True


def _intact(output_dir: Path, manifest: OutputManifest, name: object) -> bool:
    entry = manifest.files.get(name) if isinstance(name, str) else None
    relative = relative_name(name)
    path = regular_file(output_dir, relative) if relative else None
    try:
        return entry is not None and path is not None and file_digest(path) == entry.sha256
    except OSError:
        return False


def _problem_json(problem: Problem) -> dict[str, object]:
    return {**asdict(problem), "kind": problem.kind.value}


def _problem(value: object) -> Problem | None:
    try:
        fields = dict(value)  # type: ignore[call-overload]
        return Problem(**{**fields, "kind": Kind(fields["kind"])})
    except (TypeError, ValueError, KeyError):
        return None
