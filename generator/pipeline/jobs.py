"""What a build makes: the options asked for, and the jobs they give (campus × language
× kind of document), in a stable order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..diagnostics import CareerdocsError, Problem, command_problem
from ..documents import Artifact, kind_names
from ..load.content import Content
from ..load.schema import Campus


@dataclass(frozen=True)
class BuildOptions:
    """What to build; an empty tuple means "all"."""

    campuses: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    output_dir: Path | None = None
    roles: tuple[str, ...] = ()
    allow_missing: bool = False  # missing translations: warnings, another language printed
    profiles: tuple[str, ...] = ()  # guides for print or booklet too (besides screen)

    @property
    def is_full(self) -> bool:
        """Everything is built: no campus, language, document or role was picked."""
        return not (self.campuses or self.languages or self.documents or self.roles)


@dataclass(frozen=True)
class Job:
    """A document kind for a campus in a language (one or more files)."""

    campus: str
    lang: str
    document: str

    @property
    def folder(self) -> PurePosixPath:
        return PurePosixPath(self.campus, self.lang)

    @property
    def label(self) -> str:
        return f"{self.campus}/{self.lang}/{self.document}"


@dataclass(frozen=True)
class Planned:
    """One file of a build: the job it belongs to and the artifact its kind declared."""

    job: Job
    artifact: Artifact

    @property
    def path(self) -> PurePosixPath:
        return self.job.folder / self.artifact.name

    @property
    def label(self) -> str:
        return self.path.as_posix()


def campus_kinds(campus: Campus) -> list[str]:
    """The kinds a campus prints: those its file lists, or every registered kind."""
    return list(campus.documents) if campus.documents is not None else kind_names()


def plan_jobs(content: Content, options: BuildOptions) -> list[Job]:
    """Every job, in a stable order; unknown names on the command line are errors."""
    problems = unknown("campus", options.campuses, content.campuses)
    problems += unknown("language", options.languages, content.languages)
    problems += unknown("role", options.roles, content.roles)
    if problems:
        raise CareerdocsError(problems)
    return [
        Job(campus_id, lang, kind)
        for campus_id in (options.campuses or sorted(content.campuses))
        for lang in (options.languages or content.languages)
        for kind in campus_kinds(content.campuses[campus_id])
        if not options.documents or kind in options.documents
    ]


def unknown(noun: str, asked: Iterable[str], known: Iterable[str]) -> list[Problem]:
    """A problem for each name in ``asked`` that is not in ``known``."""
    known = list(known)
    return [command_problem(f"unknown {noun} '{name}' (choose from: {', '.join(known)})")
            for name in dict.fromkeys(asked) if name not in known]
