"""Problems found in user input, reported all at once as ``path:line:col: message``.

Campus staff and translators read these messages, so each one names the file,
the line and what to do in plain words. A :class:`CareerdocsError` carries every
problem of a run; the CLI prints them and exits with code 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the user's files, with where it is."""

    file: str
    line: int | None
    column: int | None
    message: str
    where: str = ""  # dotted field path inside the file, e.g. ``missions.2``
    kind: str = field(default="", compare=False)  # e.g. "missing_translation"

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        prefix = f"{self.where}: " if self.where else ""
        return f"{place}: {prefix}{self.message}"


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
