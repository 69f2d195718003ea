"""What a build is asked: what to make (the command line's options), how to report
(progress, warnings), and the checks of both made before anything is loaded; in a
module that loads nothing else: the quick check of an up-to-date build needs only this."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import CareerdocsError, Kind, Problem

if TYPE_CHECKING:
    from ..project import Project

Advance = Callable[[str], None]  # told the label of each unit made
Progress = Callable[[int], AbstractContextManager[Advance]]  # opened with the unit count
Warn = Callable[[Problem], None]  # told each warning
JOBS_LIMIT = 64  # as --jobs: more processes than that only share the same processors
# The options of careerdocs build itself (flags, and names in Python): no kind of
# document may take them for its own options.
CORE_FLAGS = frozenset({"--project", "--campus", "--lang", "--doc", "--out", "--allow-missing",
                        "--jobs", "-j", "--force", "-h", "--help"})
CORE_NAMES = frozenset({"project_dir", "campuses", "languages", "documents", "output_dir",
                        "allow_missing", "jobs", "force"})


@dataclass(frozen=True)
class BuildOptions:
    """What to build; an empty tuple means "all"."""

    campuses: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    output_dir: Path | None = None
    allow_missing: bool = False  # missing translations: warnings, another language printed
    jobs: int | None = None  # documents made at once; None: one per processor
    force: bool = False  # make every document again, even those up to date
    # The kinds' own options, by name (see DocumentKind.options), e.g.
    # {"roles": ("po",)} for handouts of one role, {"profiles": ("print",)} for guides.
    kind_options: Mapping[str, object] = field(default_factory=dict)

    def cache_label(self) -> str:
        """The options that decide which files a build makes, as recorded for the next
        build in the output folder's manifest (the folder itself is where the manifest
        is; how many at once, or whether forced, changes no file)."""
        return repr((self.campuses, self.languages, self.documents, self.allow_missing,
                     self.given))

    @property
    def given(self) -> tuple[tuple[str, object], ...]:
        """The kinds' options given a value, in a stable order (repeated ones as tuples)."""
        return tuple(sorted((name, tuple(value) if isinstance(value, list | tuple) else value)
                            for name, value in self.kind_options.items()
                            if value not in (None, (), [])))

    @property
    def picks(self) -> bool:
        """Whether a campus, a language or a kind was picked: only some files are made."""
        return bool(self.campuses or self.languages or self.documents)


@contextmanager
def no_progress(_total: int) -> Iterator[Advance]:
    yield lambda _label: None


@dataclass
class Told:
    """The warnings already given to the caller's ``warn``, so each is told once."""

    warn: Warn | None
    given: set[Problem] = field(default_factory=set)

    def tell(self, problems: list[Problem]) -> None:
        for problem in problems:
            if self.warn is not None and problem not in self.given:
                self.given.add(problem)
                self.warn(problem)


def outside_output(project: Project, options: BuildOptions) -> Problem | None:
    """``build/`` must stay in the project (a folder named with ``--out`` may be
    anywhere: the user chose it)."""
    if options.output_dir is not None or not project.outside(project.default_output_dir):
        return None
    return Problem(project.display(project.default_output_dir), None, None,
                   "is a link to a folder outside the project: careerdocs writes the "
                   "documents inside the project only; remove the link, or name that "
                   "folder with --out", kind=Kind.OUTPUT)


def worker_count(options: BuildOptions) -> int:
    """``--jobs``, else ``CAREERDOCS_JOBS``, else one per processor this build may use."""
    if options.jobs:
        return options.jobs
    value = os.environ.get("CAREERDOCS_JOBS", "").strip()
    if not value:
        return len(os.sched_getaffinity(0))
    if value.isascii() and value.isdigit() and 1 <= int(value) <= JOBS_LIMIT:
        return int(value)
    raise CareerdocsError([Problem(
        "CAREERDOCS_JOBS", None, None,
        f"{value!r} is not a number of documents to make at once: write a whole number "
        f"from 1 to {JOBS_LIMIT}, such as 2, or remove the setting", kind=Kind.COMMAND)])
