"""What a build makes: the jobs the options give (campus × language × kind of
document), in a stable order, and the files of each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from ..diagnostics import CareerdocsError, Problem, command_problem, unknown
from ..documents import Artifact, all_kinds, kind_names
from ..load.content import Content
from ..load.schema import Campus
from .options import BuildOptions


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
class PlannedFile:
    """One file of a build: the job it belongs to and the artifact its kind declared."""

    job: Job
    artifact: Artifact

    @property
    def path(self) -> PurePosixPath:
        return self.job.folder / self.artifact.name

    @property
    def label(self) -> str:
        return self.path.as_posix()


@dataclass(frozen=True)
class Unit:
    """The files one kind makes from one subject for a campus and a language (a guide
    for screen and booklet, a one-pager as PDF and DOCX): made together, as they share
    their work, and made again together."""

    job: Job
    subject: str
    items: tuple[PlannedFile, ...]

    @property
    def paths(self) -> list[PurePosixPath]:
        return [item.path for item in self.items]

    @property
    def label(self) -> str:
        others = [item.path.name for item in self.items[1:]]
        return " + ".join([self.items[0].label, *others])


def group_units(planned: list[PlannedFile]) -> list[Unit]:
    """The planned files grouped by job and subject, in the order they were planned."""
    groups: dict[tuple[Job, str], list[PlannedFile]] = {}
    for item in planned:
        groups.setdefault((item.job, item.artifact.subject), []).append(item)
    return [Unit(job, subject, tuple(items)) for (job, subject), items in groups.items()]


def campus_kinds(campus: Campus) -> list[str]:
    """The kinds a campus prints: those its file lists, or every registered kind."""
    return list(campus.documents) if campus.documents is not None else kind_names()


def plan_jobs(content: Content, options: BuildOptions) -> list[Job]:
    """Every job, in a stable order; unknown names on the command line are errors."""
    problems = unknown("campus", options.campuses, content.campuses)
    problems += unknown("language", options.languages, content.languages)
    problems += kind_option_problems(content, options)
    if problems:
        raise CareerdocsError(problems)
    return [
        Job(campus_id, lang, kind)
        for campus_id in (options.campuses or sorted(content.campuses))
        for lang in (options.languages or content.languages)
        for kind in campus_kinds(content.campuses[campus_id])
        if not options.documents or kind in options.documents
    ]


def kind_option_problems(content: Content, options: BuildOptions) -> list[Problem]:
    """The kinds' options checked: each name one kind has, each word one it accepts, each
    value one the kind can make (a role that exists…)."""
    kinds = list(all_kinds())
    known = {option.key: option for kind in kinds for option in kind.options}
    problems = [command_problem(f"no kind of document has the option '{name}' (the options "
                                f"are: {', '.join(known) or 'none'})")
                for name, _value in options.given if name not in known]
    for kind in kinds:
        values = {option.key: option.value(options.kind_options) for option in kind.options}
        for option in kind.options:
            words = values[option.key]
            asked = words if isinstance(words, tuple) else (words,) if words else ()
            if option.choices:
                problems += unknown(f"value of {option.flag}", asked, option.choices)
        problems += kind.option_problems(content, values)
    return problems


def is_full(options: BuildOptions) -> bool:
    """Everything is built: no campus, language or kind picked, and no option of a kind
    that makes only some of its files (``--role``): files no longer made are removed."""
    return not options.picks and not any(option.partial and option.value(options.kind_options)
                                         for kind in all_kinds() for option in kind.options)
