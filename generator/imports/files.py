"""A dataset as the user downloaded it: a zip, or the folder it unzips to; its files
read within limits, their problems said in plain words naming the file."""

from __future__ import annotations

import csv
import fnmatch
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from ..diagnostics import CareerdocsError, Kind, Problem
from ..files import read_regular, regular_file_problem
from ..limits import MAX_DATASET_BYTES, MAX_DATASET_FILE_BYTES, MAX_DATASET_MEMBERS, MAX_ZIP_RATIO

csv.field_size_limit(MAX_DATASET_FILE_BYTES)  # a text of a few thousand characters fits


class DatasetError(CareerdocsError):
    """The dataset cannot be read: the file and what is wrong."""


def refused(where: str, message: str, line: int | None = None) -> DatasetError:
    return DatasetError([Problem(where, line, None, message, kind=Kind.COMMAND)])


@dataclass
class Dataset:
    """The files of a downloaded dataset, by their names inside it."""

    path: Path
    names: list[str]
    archive: zipfile.ZipFile | None = None

    def find(self, pattern: str, what: str) -> str:
        """The one file whose name (without its folders) matches ``pattern``."""
        found = sorted(name for name in self.names
                       if fnmatch.fnmatch(PurePosixPath(name).name.lower(), pattern.lower()))
        if not found:
            raise refused(str(self.path), f"has no {what} ({pattern}): is it the right "
                          "download? See the README for where to get it")
        return found[-1]  # the newest version where several are there (v460, v461)

    def has(self, pattern: str) -> bool:
        return any(fnmatch.fnmatch(PurePosixPath(name).name.lower(), pattern.lower())
                   for name in self.names)

    def read(self, name: str) -> bytes:
        if self.archive is None:
            try:
                return read_regular(self.path / name, MAX_DATASET_FILE_BYTES)
            except OSError as error:  # NotAFile too: a pipe, a link to a device, too large
                raise refused(self.display(name), f"cannot be read ({error})") from None
        try:
            with self.archive.open(name) as member:
                data = member.read(MAX_DATASET_FILE_BYTES + 1)
        except (RuntimeError, NotImplementedError) as error:  # encrypted, Deflate64…
            raise refused(f"{self.path}:{name}", f"cannot be unzipped here ({error}): unzip "
                          "it with another tool and give the folder") from None
        except (zipfile.BadZipFile, EOFError, OSError, zipfile.LargeZipFile) as error:
            raise refused(f"{self.path}:{name}", f"cannot be unzipped ({error}): the "
                          "download may have been cut short; download it again") from None
        if len(data) > MAX_DATASET_FILE_BYTES:
            raise refused(f"{self.path}:{name}", "is larger than any file of this dataset")
        return data

    def text(self, name: str) -> str:
        """A file's text: UTF-8, with or without a byte order mark."""
        data = self.read(name)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[:error.start].count(b"\n") + 1
            raise refused(self.display(name), "is not UTF-8 text, as this dataset's files "
                          "are: was it opened and saved again by another program? Use the "
                          "file as downloaded", line) from None

    def rows(self, name: str, needed: tuple[str, ...], delimiter: str = ",",
             quoting: Literal[0, 1, 2, 3] = 0) -> Iterator[tuple[int, dict[str, str]]]:
        """The rows of a table, each with its line, by the names of its header; a table
        without a column ``needed`` is refused (another file, or another release)."""
        reader = csv.DictReader(io.StringIO(self.text(name), newline=""), delimiter=delimiter,
                                quoting=quoting)
        try:
            if missing := [column for column in needed if column not in (reader.fieldnames
                                                                         or [])]:
                raise refused(self.display(name), f"has no column {', '.join(missing)}: it is "
                              "not the file this import reads (see the README for the "
                              "releases careerdocs reads)", 1)
            for row in reader:
                if any((value or "").strip() for value in row.values() if isinstance(value, str)):
                    yield reader.line_num, {key: (value or "") for key, value in row.items()
                                            if isinstance(key, str)}
        except csv.Error as error:
            raise refused(self.display(name), f"is not a table this dataset writes ({error})",
                          reader.line_num) from None

    def display(self, name: str) -> str:
        return f"{self.path}:{name}" if self.archive is not None else str(self.path / name)


def open_dataset(path: Path) -> Dataset:
    """The dataset at ``path``: a zip (checked: not cut short, not a zip bomb) or a folder."""
    if path.is_dir():  # an unzipped download: its own files, two folders deep at most
        names = sorted(str(found.relative_to(path)) for pattern in ("*", "*/*", "*/*/*")
                       for found in path.glob(pattern) if found.is_file())
        if len(names) > MAX_DATASET_MEMBERS:
            raise refused(str(path), f"holds more than {MAX_DATASET_MEMBERS} files: give the "
                          "folder of the download itself")
        return Dataset(path, names)
    if reason := regular_file_problem(path):
        raise refused(str(path), f"this name {reason}: give the downloaded file")
    size = path.stat().st_size
    if size > MAX_DATASET_BYTES:
        raise refused(str(path), f"is larger than {MAX_DATASET_BYTES // 1_000_000} MB: no "
                      "dataset careerdocs reads is that large; is it the right file?")
    with path.open("rb") as start:
        magic = start.read(4)
    if magic == b"PK\x03\x04":
        return _zip(path, size)
    return Dataset(path.parent, [path.name])


def _zip(path: Path, size: int) -> Dataset:
    try:
        archive = zipfile.ZipFile(path)
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError) as error:
        raise refused(str(path), f"is not a whole zip file ({error}): the download may "
                      "have been cut short; download it again") from None
    unzipped = sum(info.file_size for info in members)
    if len(members) > MAX_DATASET_MEMBERS or unzipped > MAX_DATASET_BYTES or \
            unzipped > MAX_ZIP_RATIO * max(size, 1):
        raise refused(str(path), "unzips to more files or bytes than any dataset careerdocs "
                      "reads: it is not one of them")
    return Dataset(path, [info.filename for info in members], archive)
