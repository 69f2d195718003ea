"""A booking system's export of open-day registrations, read into rows of text.

The file is a CSV (UTF-8, UTF-8 with a BOM, or Windows-1252 as Excel writes it; ``,`` or
``;`` between cells, found from the header) or an XLSX workbook (its first sheet, read by
openpyxl; a formula is read as the text it is, never computed). Its columns are found by
their header, in French or English, whatever the case and the accents, or by a mapping
the user gives (``--columns``). Nothing here knows roles or campuses: :mod:`.rows` reads
the cells. Every problem names the file and a row, never a visitor's name: the export
holds personal data, which only the documents made for its visitors show.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Kind, Problem

MAX_EXPORT_BYTES = 20_000_000  # 500 registrations are ~100 kB; a workbook of photos is not one
MAX_ROWS = 5_000  # visitors of one export: a few open days of a large campus
MAX_CELL_CHARS = 500  # one cell: a long name, a list of roles, an address
XLSX_MAGIC = b"PK\x03\x04"

# Each field of a registration, and the headers it is known by (compared without case,
# accents, spaces, hyphens or underscores: "Prénom", "PRENOM" and "pré-nom" are one).
HEADERS: dict[str, tuple[str, ...]] = {
    "first_name": ("prénom", "prenom", "first name", "firstname", "given name"),
    "last_name": ("nom", "nom de famille", "last name", "lastname", "surname", "family name"),
    "full_name": ("nom complet", "name", "full name", "nom et prénom", "prénom et nom"),
    "language": ("langue", "language", "lang"),
    "campus": ("campus", "site"),
    "interests": ("métiers", "metiers", "intérêts", "interets", "roles", "rôles", "interests",
                  "métiers d'intérêt"),
    "email": ("e-mail", "email", "courriel", "adresse e-mail", "mail", "adresse électronique"),
    "slot": ("créneau", "creneau", "slot", "time slot", "horaire"),
}
FIELDS = tuple(HEADERS)


@dataclass(frozen=True)
class Table:
    """The export's cells by field, a row per registration, with the line it starts on
    in the file (a CSV cell may hold line breaks) or its row in the sheet."""

    name: str  # the file as the user named it, for messages
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    columns: tuple[str, ...] = ()  # the fields found


def folded(text: str) -> str:
    """A header or a name as compared: no case, no accents, no spaces or hyphens."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def read_table(path: Path, shown: str, mapping: dict[str, str] | None = None
               ) -> tuple[Table | None, list[Problem]]:
    """The export at ``path`` (named ``shown`` in messages) as a table of fields, or the
    problems that stop it being read."""
    try:
        size = path.stat().st_size
        if size > MAX_EXPORT_BYTES:
            return None, [_problem(shown, None, (
                f"the file is {size / 1_000_000:,.0f} MB; an export of registrations is at "
                f"most {MAX_EXPORT_BYTES // 1_000_000} MB: export only the open day's rows"))]
        data = path.read_bytes()
    except OSError as error:
        return None, [_problem(shown, None, f"cannot be read ({error.strerror})")]
    grid, problems = _grid(data, path.suffix.lower(), shown)
    if grid is None:
        return None, problems
    return _fields(grid, shown, mapping or {})


def _grid(data: bytes, suffix: str, shown: str
          ) -> tuple[list[tuple[int, list[str]]] | None, list[Problem]]:
    """The file's cells, row by row with each row's line, whatever its format."""
    if data.startswith(XLSX_MAGIC):
        return _xlsx_grid(data, shown)
    binary = b"\x00" in data[:8192]
    if suffix not in (".csv", ".txt") or binary:
        what = ("binary data" if binary else f"a {suffix} file" if suffix else "no extension")
        return None, [_problem(shown, None, (
            f"is not a CSV or XLSX file ({what}): save the export as CSV (UTF-8) or as an "
            "Excel workbook (.xlsx)"))]
    text = _decoded(data)
    if text is None:
        return None, [_problem(shown, None, (
            "is neither UTF-8 nor Windows-1252 text: save the export as CSV (UTF-8)"))]
    return _csv_grid(text), []


def _decoded(data: bytes) -> str | None:
    """The text of a CSV: UTF-8 (its BOM dropped) or else Windows-1252, as Excel saves."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _csv_grid(text: str) -> list[tuple[int, list[str]]]:
    """A CSV's rows: cells between ``;`` or ``,``, whichever the header has more of."""
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, line = [], 1
    for cells in reader:
        rows.append((line, cells))
        line = reader.line_num + 1
        if len(rows) > MAX_ROWS + 1:
            break
    return rows


def _xlsx_grid(data: bytes, shown: str) -> tuple[list[tuple[int, list[str]]] | None,
                                                 list[Problem]]:
    """The first sheet's rows. Formulas are read as their text (``=SUM(A1)``), never
    computed; a workbook that is not one is said so."""
    import openpyxl  # only for workbooks
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        return None, [_problem(shown, None, (
            "is not an Excel workbook that can be read (damaged, or another kind of zip): "
            "save the export again as .xlsx or as CSV (UTF-8)"))]
    sheet = book.worksheets[0]
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        rows.append((number, ["" if value is None else str(value) for value in values]))
        if number > MAX_ROWS + 1:
            break
    book.close()
    return rows, []


def _fields(grid: list[tuple[int, list[str]]], shown: str, mapping: dict[str, str]
            ) -> tuple[Table | None, list[Problem]]:
    """The rows as fields, their columns found by the header row."""
    if not grid:
        return None, [_problem(shown, None, "is empty: it has no header row and no visitor")]
    header_line, header = grid[0]
    columns, problems = _columns(header, header_line, shown, mapping)
    if problems:
        return None, problems
    if len(grid) - 1 > MAX_ROWS:
        return None, [_problem(shown, None, (
            f"has more than {MAX_ROWS:,} rows: make the documents one open day at a time"))]
    rows = []
    for line, cells in grid[1:]:
        if not any(cell.strip() for cell in cells):
            continue  # an empty row, as spreadsheets leave at the end
        values = {name: _cell(cells, index) for name, index in columns.items()}
        too_long = [name for name, value in values.items() if len(value) > MAX_CELL_CHARS]
        problems += [_problem(shown, line, f"longer than {MAX_CELL_CHARS} characters", name)
                     for name in too_long]
        rows.append((line, values))
    if not rows and not problems:
        problems.append(_problem(shown, None, "has a header row but no visitor"))
    return (None, problems) if problems else (Table(shown, rows, tuple(columns)), [])


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


def _columns(header: list[str], line: int, shown: str, mapping: dict[str, str]
             ) -> tuple[dict[str, int], list[Problem]]:
    """Each field's column: the one the mapping names, else the one with a known
    header; the problems of a mapping whose header is not in the file."""
    by_header = {folded(name): index for index, name in enumerate(header) if name.strip()}
    columns, problems = {}, []
    for field_name, wanted in mapping.items():
        if folded(wanted) in by_header:
            columns[field_name] = by_header[folded(wanted)]
        else:
            problems.append(_problem(shown, line, (
                f"no column \"{wanted}\" (the columns mapping names it for {field_name}); "
                f"the columns are: {', '.join(h for h in header if h.strip())}")))
    for field_name, known in HEADERS.items():
        if field_name not in columns:
            found = next((by_header[folded(name)] for name in known
                          if folded(name) in by_header), None)
            if found is not None:
                columns[field_name] = found
    return columns, problems


def _problem(shown: str, line: int | None, message: str, where: str = "") -> Problem:
    return Problem(shown, line, None, message, where=where, kind=Kind.COMMAND)
