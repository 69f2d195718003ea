"""Problems found in user input, collected in one :class:`Diagnostics` per run.

Campus staff and translators read these messages, so each one names the file,
the line and what to do in plain words: ``path:line:col: field.path: message``.
Every stage adds its problems to the run's :class:`Diagnostics`, which also
holds the ``--allow-missing`` policy: with it, a missing translation becomes a
warning (another language is printed in its place) instead of an error. When a
stage is done, :meth:`Diagnostics.check` raises one :class:`CareerdocsError`
carrying every error found so far; the CLI prints them and exits with code 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Kind(StrEnum):
    """What a problem is about: it decides the policy, never the message text."""

    CONTENT = "content"  # a YAML file of content/: syntax, schema, cross-references
    TRANSLATION = "translation"  # a text or a template word missing in one language
    CATALOGUE = "catalogue"  # a translation catalogue that cannot be read or written
    TEMPLATE = "template"  # a Jinja template: syntax, unknown name, sandbox
    PRINTER = "printer"  # WeasyPrint: an image, a stylesheet, a fetch refused
    FONT = "font"
    COLOUR = "colour"  # brand colours that do not read as they are
    IMAGE = "image"
    REFERENCE = "reference"  # a Word reference document (reference.docx)
    COMMAND = "command"  # the command line: unknown names, bad options
    OUTPUT = "output"  # two documents claiming one file, an unwritable folder
    RESOLUTION = "resolution"  # a picture too coarse for its printed size: always a warning


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the user's files, with where it is."""

    file: str
    line: int | None
    column: int | None
    message: str
    where: str = ""  # dotted field path inside the file, e.g. ``missions.2``
    kind: Kind = field(default=Kind.CONTENT, compare=False)
    # What is printed instead when the policy lets this problem through as a warning.
    fallback: str = field(default="", compare=False)

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        prefix = f"{self.where}: " if self.where else ""
        return f"{place}: {prefix}{self.message}"

    def as_warning(self) -> Problem:
        """The problem as listed when the build goes ahead anyway."""
        if not self.fallback:
            return self
        return replace(self, message=f"{self.message} ({self.fallback})", fallback="")


def command_problem(message: str) -> Problem:
    """A problem with what was typed on the command line."""
    return Problem("command line", None, None, message, kind=Kind.COMMAND)


def unknown(noun: str, asked: Iterable[str], known: Iterable[str]) -> list[Problem]:
    """A problem for each name in ``asked`` that is not in ``known``."""
    known = list(known)
    return [command_problem(f"unknown {noun} '{name}' (choose from: {', '.join(known)})")
            for name in dict.fromkeys(asked) if name not in known]


@dataclass
class Diagnostics:
    """Every error and warning of one run, and the policy that sorts them."""

    allow_missing: bool = False  # missing translations are warnings, not errors
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        """Record ``problem`` as an error, or as a warning where the policy allows it."""
        if problem.kind is Kind.TRANSLATION and self.allow_missing:
            self.warnings.append(problem.as_warning())
        elif problem.kind is Kind.RESOLUTION:
            self.warnings.append(problem)
        else:
            self.errors.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def warn(self, problem: Problem) -> None:
        """Record something the user should know, which does not stop the build."""
        self.warnings.append(problem)

    def tolerates(self, problems: Iterable[Problem]) -> bool:
        """Whether every one of ``problems`` would only be a warning."""
        return all(p.kind is Kind.TRANSLATION and self.allow_missing for p in problems)

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def check(self) -> None:
        """Raise one :class:`CareerdocsError` with every error recorded so far."""
        if self.errors:
            raise CareerdocsError(self.errors)


class CareerdocsError(Exception):
    """Raised with every problem of a run; nothing has been written when it is raised."""

    def __init__(self, problems: Iterable[Problem], title: str = "problems found"):
        self.problems = sorted(set(problems))
        self.title = title
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} {noun} found, nothing was written:" if count else self.title]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


def report_warnings(warnings: list[Problem]) -> str:
    """Warnings, as listed to the user after a build that went ahead anyway."""
    noun = "warning" if len(warnings) == 1 else "warnings"
    return "\n".join([f"{len(warnings)} {noun}:", *(f"  {w}" for w in sorted(set(warnings)))])
