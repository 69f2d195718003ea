"""Every text of the content files: a mapping of the school's languages to words, with
the file, the path and the line it stands at."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Problem
from ..load.yamlfile import FieldPath, YamlDocument, dotted, read_yaml
from ..project import Project

FOLDERS = ("roles", "comparisons", "guides", "campuses")  # then school.yaml
# Mappings of languages that are not texts to translate.
NOT_TEXTS = {("school.yaml", ("locales",))}


@dataclass(frozen=True)
class ContentText:
    """One text of a content file, in every language it has."""

    file: str  # from the content folder, e.g. roles/po.yaml
    path: FieldPath  # e.g. ("missions", 1)
    line: int  # where its mapping of languages starts
    words: dict[str, str]  # language → text

    @property
    def context(self) -> str:
        """The text's name in a PO file: its file and path, e.g. roles/po.yaml missions.2."""
        return f"{self.file} {dotted(self.path)}"

    @property
    def display(self) -> str:
        return f"content/{self.file}"


def content_files(project: Project) -> list[Path]:
    """The content files that hold texts, in a stable order."""
    folders = [sorted([*(project.content_dir / folder).glob("*.yaml"),
                       *(project.content_dir / folder).glob("*.yml")]) for folder in FOLDERS]
    return [path for paths in folders for path in paths] + [project.content_dir /
                                                           "school.yaml"]


def content_texts(project: Project, languages: list[str]
                  ) -> tuple[list[ContentText], list[Problem]]:
    """Every text of the content, file by file, or the problems of files unreadable."""
    found: list[ContentText] = []
    problems: list[Problem] = []
    for path in content_files(project):
        if problem := project.confinement_problem(path):
            problems.append(problem)
            continue
        document, read_problems = read_yaml(path, project.display(path))
        problems += read_problems
        if document is not None:
            name = path.relative_to(project.content_dir).as_posix()
            found += texts_of(document, name, set(languages))
    return found, problems


def texts_of(document: YamlDocument, name: str, languages: set[str]) -> list[ContentText]:
    """The texts of one file, in the order they stand in it."""
    return [ContentText(name, path, document.positions.get(path, (1, 1))[0], value)
            for path, value in _walk(document.data, ())
            if _is_text(value, languages) and (name, path) not in NOT_TEXTS]


def _walk(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, Any]]:
    yield path, value
    items = value.items() if isinstance(value, dict) else (
        enumerate(value) if isinstance(value, list) else ())
    for key, child in items:
        yield from _walk(child, (*path, key))


def _is_text(value: Any, languages: set[str]) -> bool:
    return (isinstance(value, dict) and bool(value) and set(value) <= languages
            and all(isinstance(words, str) for words in value.values()))
