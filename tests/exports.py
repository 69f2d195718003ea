"""Registration exports as booking systems write them, for tests and bench/: generated
from a seed (names with accents, apostrophes, hyphens, very long ones; 1 to all the
campus's roles; both languages; both demo campuses), as CSV (``;`` with a BOM, ``,``,
Windows-1252) or XLSX. Test data: nobody is real."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from pathlib import Path

FIRST = ["Léa", "Zoë", "Jean-Baptiste", "Maëlys", "Noé", "Chloé", "Amélie", "Gaël", "Ines",
         "Oscar", "Björn", "Ana", "François", "Hélène", "Yann", "Inès"]
LAST = ["O'Brien", "Dupré-Lefèvre", "N'Diaye", "Mac Leod", "Lefèvre", "Çelik", "Ødegaard",
        "d'Artagnan", "Müller", "Nguyễn", "Martin", "García Márquez", "Le Gall", "Šimek"]
LONG = "Marie-Christine Éléonore Anne-Sophie de La Rochefoucauld-Montmorency-Laval"
ROLES = {"demo-nord": ["pm", "po"], "demo-sud": ["pm", "po"]}
TITLES = {"pm": ["pm", "Product Manager", "PM"], "po": ["po", "Product Owner", "PO"]}
# As a booking system writes them, in the visitor's language (careerdocs prints the cell).
SLOTS = {"fr": ["Samedi 16 janvier 2027, 10 h – 11 h", "13 mars 2027, 9 h 30", ""],
         "en": ["Saturday 16 January 2027, 2 pm", "13 March 2027, 9.30 am", ""]}


@dataclass(frozen=True)
class Row:
    """One generated visitor, as the test expects to find them."""

    line: int
    first: str
    last: str
    lang: str
    campus: str
    roles: tuple[str, ...]
    slot: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def generated_rows(seed: int, count: int, campuses: tuple[str, ...] = ("demo-nord", "demo-sud")
                   ) -> list[Row]:
    """``count`` visitors, the same for the same seed; every name distinct."""
    rng = random.Random(seed)
    rows = []
    for index in range(count):
        campus = rng.choice(campuses)
        roles = tuple(sorted(rng.sample(ROLES[campus], rng.randint(1, len(ROLES[campus])))))
        first = LONG if index % 37 == 5 else rng.choice(FIRST)
        lang = rng.choice(["fr", "en"])
        rows.append(Row(index + 2, first, f"{rng.choice(LAST)} {index:03d}", lang, campus,
                        roles, rng.choice(SLOTS[lang])))
    return rows


HEADER_FR = ["Prénom", "Nom", "Langue", "Campus", "Métiers", "Créneau", "E-mail"]
HEADER_EN = ["First name", "LAST NAME", "language", "Campus", "Interests", "Slot", "Email"]


def cells(row: Row, rng: random.Random) -> list[str]:
    """A row's cells as people type them: a role by id or title, a language by code or
    name, separators of every kind."""
    roles = rng.choice([", ", ";", " | "]).join(rng.choice(TITLES[r]) for r in row.roles)
    names = {"fr": ["fr", "Français", "FR"], "en": ["en", "English", "anglais"]}
    lang = rng.choice(names[row.lang])
    return [row.first, row.last, lang, row.campus, roles, row.slot,
            f"visitor{row.line}@example.org"]


def write_export(path: Path, rows: list[Row], style: str = "csv-bom", seed: int = 0) -> Path:
    """The rows as an export: ``csv-bom`` (``;``, UTF-8 with a BOM, French headers),
    ``csv`` (``,``, UTF-8, English headers), ``cp1252`` (``;``, as Excel saves) or
    ``xlsx``."""
    rng = random.Random(seed)
    header = HEADER_EN if style == "csv" else HEADER_FR
    table = [header, *(cells(row, rng) for row in rows)]
    if style == "xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        for line in table:
            sheet.append(line)
        book.save(path)
        return path
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="," if style == "csv" else ";",
               lineterminator="\r\n").writerows(table)
    encoding = {"csv-bom": "utf-8-sig", "csv": "utf-8", "cp1252": "cp1252"}[style]
    path.write_bytes(buffer.getvalue().encode(encoding))  # a name cp1252 lacks: a test error
    return path
