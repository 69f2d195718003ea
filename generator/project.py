"""Where a careerdocs project keeps its files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import CareerdocsError, Problem
from .limits import ID_PATTERN


@dataclass(frozen=True)
class Project:
    """A project folder holding ``content/`` and ``templates/``."""

    root: Path

    @classmethod
    def at(cls, root: Path | str) -> Project:
        """The project at ``root``; a clear error if it has no ``content/`` folder."""
        resolved = Path(root).resolve()
        if not (resolved / "content" / "school.yaml").is_file():
            raise CareerdocsError([Problem(
                str(resolved), None, None,
                "this is not a careerdocs project folder (no content/school.yaml): "
                "run careerdocs from the project folder, or pass --project FOLDER")])
        project = cls(resolved)
        if problems := project.linked_folder_problems():
            raise CareerdocsError(problems)
        return project

    def linked_folder_problems(self) -> list[Problem]:
        """``content/`` or ``templates/`` as a link out of the project: every file in it
        would be refused one by one, each message blaming another file."""
        return [Problem(name, None, None,
                        f"this folder is a link to {folder.resolve()}, outside the project "
                        "folder: careerdocs reads only the project's own files; put the "
                        "folder itself here (or make the project there)")
                for name, folder in (("content", self.content_dir),
                                     ("templates", self.templates_dir))
                if self.outside(folder)]

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def default_output_dir(self) -> Path:
        return self.root / "build"

    def outside(self, path: Path) -> bool:
        """Whether ``path``, links followed, leads out of the project folder: campus staff
        could link a file of the machine into content/ or templates/ to print it."""
        return not path.resolve().is_relative_to(self.root)

    def confinement_problem(self, path: Path) -> Problem | None:
        """A problem when ``path`` leads out of the project; None when it stays inside."""
        if not self.outside(path):
            return None
        return Problem(self.display(path.absolute()), None, None,
                       "this is a link to a file outside the project folder: careerdocs "
                       "reads only the project's own files; copy the file here instead")

    def display(self, path: Path) -> str:
        """A path as users see it in messages: relative to the project, with ``/``."""
        for candidate in (path.absolute(), path.resolve()):
            try:
                return candidate.relative_to(self.root).as_posix()
            except ValueError:
                continue
        return str(path)


def is_valid_id(value: str) -> bool:
    """Ids become file and folder names, so only lowercase letters, digits and dashes."""
    return re.fullmatch(ID_PATTERN, value) is not None
