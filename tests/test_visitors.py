"""`careerdocs visitors`: exports read in every form a booking system writes (quick),
bad exports refused with every problem and nothing written (quick), then personal
guides made from generated exports and read back (the name on the cover, only the
roles chosen, the visit on the campus page, the layout check, tags and fonts), the
print file's order, the index, no trace of a name outside the documents, and purge."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from exports import Row, generated_rows, write_export

from generator import Project
from generator.diagnostics import Diagnostics
from generator.pipeline import load_checked
from generator.render.context import ContextCache
from generator.visitors.export import read_table
from generator.visitors.making import as_text, export_folder
from generator.visitors.rows import Defaults, visitors

from conformance import conformance_failures
from conftest import REPO, copy_project
from helpers import run_cli
from layoutcheck import check_pdf
from pdfread import outline_titles

TITLES = {"pm": "Product Manager", "po": "Product Owner"}


@pytest.fixture(scope="module")
def contexts() -> ContextCache:
    return ContextCache(load_checked(Project.at(REPO), Diagnostics()))


@pytest.mark.parametrize("style", ["csv-bom", "csv", "cp1252", "xlsx"])
def test_every_form_of_export_reads_as_the_same_visitors(style: str, tmp_path: Path,
                                                         contexts: ContextCache) -> None:
    """``;`` and a BOM, ``,``, Windows-1252 and XLSX; French and English headers in any
    case; roles by id, short title or title; a language by code or name."""
    kept = [row for row in generated_rows(7, 30) if _in_cp1252(row.name)]
    rows = [replace(row, line=line) for line, row in enumerate(kept, start=2)]
    path = write_export(tmp_path / f"export.{'xlsx' if style == 'xlsx' else 'csv'}", rows,
                        style, seed=3)
    table, problems = read_table(path, path.name)
    assert table is not None and not problems, problems
    found, problems = visitors(table, contexts, Defaults())
    assert not problems, [str(p) for p in problems]
    assert [(v.row, v.name, v.lang, v.campus, v.roles, v.slot) for v in found] == [
        (r.line, r.name, r.lang, r.campus, r.roles, r.slot) for r in rows]


@pytest.mark.parametrize("style", ["csv-bom", "xlsx"])
def test_an_export_of_500_visitors_reads_in_a_moment(style: str, tmp_path: Path,
                                                     contexts: ContextCache) -> None:
    path = write_export(tmp_path / f"export.{'xlsx' if style == 'xlsx' else 'csv'}",
                        generated_rows(5, 500), style, seed=5)
    table, problems = read_table(path, path.name)
    assert table is not None and not problems
    found, problems = visitors(table, contexts, Defaults())
    assert not problems and len(found) == 500 and found[-1].row == 501


def _in_cp1252(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


BAD_ROWS = [  # a row's cells, and what the message must say of that row
    (["Léa", "Martin", "fr", "demo-nord", "devops", ""],
     'interests: unknown role "devops" (known: pm, po)'),
    (["Jo", "Smith", "de", "demo-nord", "pm", ""], 'language: "de" is not a language of the '
                                                   "school (fr, en)"),
    (["", "", "fr", "demo-nord", "pm", ""], "name: missing"),
    (["Ana", "Lee", "fr", "demo-nord", "", ""], "interests: no role given"),
    (["Ana", "Roy", "fr", "nowhere", "pm", ""], 'campus: unknown campus "nowhere"'),
    (["王", "Wang", "fr", "demo-nord", "pm", ""], "name: has characters the guide's fonts "
                                                  "cannot print (U+738B)"),
    (["Léa", "Martin", "fr", "demo-nord", "po", ""], "the same visitor as row 2"),
    (["Ana", "Pro", "en", "demo-sud", "Product Managr", ""],
     'interests: unknown role "Product Managr" (known: pm, po); did you mean pm?'),
]


def test_a_bad_export_gives_every_problem_by_row_and_writes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    lines = [["Prénom", "Nom", "Langue", "Campus", "Métiers", "Créneau"]]
    lines += [cells for cells, _message in BAD_ROWS]
    export = tmp_path / "inscriptions.csv"
    export.write_text("\n".join(";".join(line) for line in lines), encoding="utf-8")
    result = run_cli("visitors", "--project", str(project), str(export))
    assert result.exit_code == 1
    for line, (_cells, message) in enumerate(BAD_ROWS, start=2):
        assert f"inscriptions.csv:{line}: {message}" in result.output, (line, result.output)
    assert "Léa" not in result.output and "Smith" not in result.output  # rows, not names
    assert not (project / "build").exists()


BAD_FILES = {  # a file's bytes, and what the message says of it
    "binary.csv": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "is not a CSV or XLSX file (binary data)"),
    "export.ods": (b"<office:document/>", "is not a CSV or XLSX file (a .ods file)"),
    "damaged.xlsx": (b"PK\x03\x04" + b"\x00" * 40, "is not an Excel workbook that can be read"),
    "encoding.csv": (b"Pr\x81nom;Nom\nA;B\n", "is neither UTF-8 nor Windows-1252 text"),
    "empty.csv": (b"", "is empty"),
    "header.csv": (b"Prenom;Nom;Langue;Campus;Roles\n", "has a header row but no visitor"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_file_that_is_no_export_is_said_so(name: str, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data, message = BAD_FILES[name]
    (tmp_path / name).write_bytes(data)
    result = run_cli("visitors", "--project", str(project), str(tmp_path / name))
    assert result.exit_code == 1 and f"{name}: {message}" in result.output, result.output
    assert "Traceback" not in result.output and not (project / "build").exists()


def test_a_100_mb_file_is_refused_without_being_read(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as out:
        out.truncate(100_000_000)
    result = run_cli("visitors", "--project", str(project), str(huge))
    assert result.exit_code == 1 and "huge.csv: the file is 100 MB" in result.output


def test_headers_given_by_a_mapping_and_defaults_for_missing_columns(
        tmp_path: Path, contexts: ContextCache) -> None:
    export = tmp_path / "e.csv"
    export.write_text("Élève;Choix\nZoë d'Arc;po\n", encoding="utf-8")
    table, problems = read_table(export, "e.csv", {"full_name": "élève", "interests": "CHOIX"})
    assert table is not None and not problems
    found, problems = visitors(table, contexts, Defaults("demo-sud", "en"))
    assert not problems and [(v.name, v.campus, v.lang, v.roles) for v in found] == [
        ("Zoë d'Arc", "demo-sud", "en", ("po",))]
    missing, problems = read_table(export, "e.csv", {"first_name": "Prénom"})
    assert missing is None and 'no column "Prénom"' in str(problems[0])


@pytest.mark.parametrize("cell,text", [("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
                                       ("+33 1", "'+33 1"), ("-2", "'-2"), ("@SUM", "'@SUM"),
                                       ("Léa", "Léa"), ("", "")])
def test_a_cell_a_spreadsheet_would_compute_is_written_as_text(cell: str, text: str) -> None:
    assert as_text(cell) == text


def test_a_bug_on_a_visitor_s_guide_is_reported_by_row_never_by_name(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """What reaches the error report (the worker's exception, pickled back to the
    command) names the row and careerdocs' code, not the words of the error, which
    could quote the visitor."""
    import pickle

    from generator.visitors import making, personal
    from generator.visitors.rows import Visitor

    def broken(*_args: object) -> None:
        raise ValueError("cannot print Léa O'Brien-Dupré")

    monkeypatch.setattr(personal, "personal_pdf", broken)
    monkeypatch.setattr(making, "_shared", lambda *_args: (object(), []))
    visitor = Visitor(14, "Léa O'Brien-Dupré", "fr", "demo-nord", ("po",))
    with pytest.raises(making.VisitorBug) as raised:
        making.make_chunk(str(REPO), [visitor])
    back = pickle.loads(pickle.dumps(raised.value))
    for said in (str(raised.value), str(back)):
        assert said.startswith("row 14: ValueError at ") and "Léa" not in said, said
        assert "test_visitors.py" in said


# Personal guides made and read back -----------------------------------------------

SEED = 11


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[Row], Path]:
    """A project copy, its export of 12 visitors (both campuses and languages, a very
    long name), made by `careerdocs visitors` in a process of its own whose user cache
    and temporary folder are folders of the test."""
    root = tmp_path_factory.mktemp("visitors")
    project = copy_project(root / "project")
    rows = generated_rows(SEED, 12)
    export = write_export(root / "inscriptions.csv", rows, "csv-bom", seed=SEED)
    traces = root / "traces"
    (traces / "cache").mkdir(parents=True)
    (traces / "tmp").mkdir()
    env = {**os.environ, "XDG_CACHE_HOME": str(traces / "cache"), "TMPDIR": str(traces / "tmp")}
    done = subprocess.run([sys.executable, "-m", "generator", "visitors", "--project",
                           str(project), "--jobs", "2", str(export)], env=env, cwd=root,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"seed {SEED}: {done.stdout}{done.stderr}"
    return project, export, rows, traces


@pytest.mark.slow
def test_each_guide_is_the_visitor_s_own(made: tuple[Path, Path, list[Row], Path]) -> None:
    """Their name on the cover, their roles only (the PDF's outline), their visit on
    the campus page; tagged, every font embedded."""
    project, export, rows, _traces = made
    folder = export_folder(Project.at(project), export)
    for row in rows:
        path = folder / row.campus / row.lang / f"visitor-{row.line:05d}.pdf"
        pages = _texts(path)
        assert _flat(row.name) in _flat(pages[0]), f"seed {SEED}, row {row.line}: {pages[0]}"
        titles = outline_titles(path)  # a role's heading is its title alone
        for role, title in TITLES.items():
            assert (title in titles) == (role in row.roles), (SEED, row.line, titles)
        assert _roles_in(path) == list(row.roles), (SEED, row.line)  # the guide's order
        visit = [_flat(text) for text in pages if {"Votre visite", "Your visit"} & {
            _flat(text)[i:i + len(word)] for word in ("Votre visite", "Your visit")
            for i in range(len(_flat(text)))}]
        if row.slot:
            assert len(visit) == 1 and _flat(row.slot) in visit[0], (SEED, row.line, visit)
        else:
            assert not visit, (SEED, row.line)
        _tagged_with_fonts(path)
        assert not conformance_failures(path), (SEED, row.line)  # PDF/A-3a and PDF/UA-1


def _texts(path: Path) -> list[str]:
    document = pdfium.PdfDocument(str(path))
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").replace("-\r\n", "-")
                    .split())


def _squeezed(text: str) -> str:
    return "".join(_flat(text).split())


def _tagged_with_fonts(path: Path) -> None:
    import pikepdf

    with pikepdf.open(path) as pdf:
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                assert "/FontFile2" in descendant.FontDescriptor, (path.name, font.BaseFont)


@pytest.mark.slow
def test_a_cover_is_the_campus_s_own_with_the_visitor_s_name(
        made: tuple[Path, Path, list[Row], Path], demo_build: Path) -> None:
    """A visitor who chose every role: their cover says what the campus's guide's cover
    says (its own template, demo-sud's included: no running head, no page number), and
    whom it was prepared for."""
    project, export, rows, _traces = made
    folder = export_folder(Project.at(project), export)
    checked = set()
    for row in (row for row in rows if row.roles == ("pm", "po")):
        own = _flat(_texts(folder / row.campus / row.lang / f"visitor-{row.line:05d}.pdf")[0])
        cover = _flat(_texts(demo_build / row.campus / row.lang / "guide-pm-vs-po.pdf")[0])
        # Set in letter-spaced capitals, which the reader gives back a letter at a time:
        # the texts are compared without their spaces.
        prepared = "PRÉPARÉ POUR" if row.lang == "fr" else "PREPARED FOR"
        with_name = _squeezed(own).replace(_squeezed(prepared + row.name), "", 1)
        assert with_name == _squeezed(cover), (SEED, row.line)
        checked.add(row.campus)
    assert checked == {"demo-nord", "demo-sud"}


@pytest.mark.slow
def test_personal_guides_pass_the_layout_check(made: tuple[Path, Path, list[Row], Path]
                                               ) -> None:
    project, export, rows, _traces = made
    folder = export_folder(Project.at(project), export)
    for row in rows[:4]:
        paper = "A5" if row.campus == "demo-sud" else "A4"
        report = check_pdf(folder / row.campus / row.lang / f"visitor-{row.line:05d}.pdf",
                           paper, project=project, lang=row.lang, step=2)
        assert report, f"seed {SEED}, row {row.line}: " + "\n".join(report.problems)


@pytest.mark.slow
def test_the_print_files_and_the_index_follow_the_export(
        made: tuple[Path, Path, list[Row], Path]) -> None:
    """Per campus and language, every guide in the export's order, each on a recto; the
    index lists every row with its file and pages."""
    project, export, rows, _traces = made
    folder = export_folder(Project.at(project), export)
    with (folder / "index.csv").open(encoding="utf-8-sig", newline="") as index:
        listed = list(csv.DictReader(index))
    assert [int(line["row"]) for line in listed] == [row.line for row in rows]
    for campus, lang in {(row.campus, row.lang) for row in rows}:
        theirs = [row for row in rows if (row.campus, row.lang) == (campus, lang)]
        pages = _texts(folder / campus / lang / f"print-{campus}-{lang}.pdf")
        start = 0
        for row in theirs:
            entry = next(line for line in listed if int(line["row"]) == row.line)
            assert entry["name"] == row.name and entry["file"].endswith(f"{row.line:05d}.pdf")
            assert start % 2 == 0 and _flat(row.name) in _flat(pages[start]), (SEED, row.line)
            start += int(entry["pages"]) + int(entry["pages"]) % 2
        assert start == len(pages)


@pytest.mark.slow
def test_no_name_is_left_outside_the_documents_and_purge_removes_them(
        made: tuple[Path, Path, list[Row], Path]) -> None:
    project, export, rows, traces = made
    folder = export_folder(Project.at(project), export)
    outside = [path for path in [*traces.rglob("*"), *(project / "build").rglob("*")]
               if path.is_file() and folder not in path.parents]
    for path in outside:
        data = path.read_bytes()
        for row in rows:
            assert row.last.encode() not in data, (path, row.line)
            assert f"visitor{row.line}@example.org".encode() not in data, (path, row.line)
    manifest = next(folder.glob(".careerdocs*"), None)
    assert manifest is None or not any(row.last.encode() in manifest.read_bytes()
                                       for row in rows)
    result = run_cli("visitors", "purge", "--project", str(project), str(export))
    assert result.exit_code == 0 and not folder.exists()
    leftovers = [path for path in (project / "build").rglob("*") if path.is_file()]
    assert not any(row.last.encode() in path.read_bytes() for path in leftovers for row in rows)


@pytest.mark.slow
def test_bad_rows_left_out_and_booklets_from_a_workbook(tmp_path: Path) -> None:
    """An XLSX export with --skip-bad-rows and --booklets: the good rows made (a
    multiple of 4 pages each, to fold), the bad one listed by row; the booklets' file
    has each guide two pages a side, on landscape sheets; progress counts up to all."""
    import openpyxl

    from generator.visitors.making import VisitorOptions, make_visitors

    project = copy_project(tmp_path / "project")
    book = openpyxl.Workbook()
    for line in (["Prénom", "Nom", "Langue", "Campus", "Métiers"],
                 ["Léa", "Martin", "fr", "demo-nord", "po"],
                 ["Jo", "Smith", "de", "demo-nord", "pm"],
                 ["=1+1", "Zoé", "fr", "demo-nord", "pm; po"]):  # a formula: only text
        book.active.append(line)
    export = tmp_path / "e.xlsx"
    book.save(export)
    steps: list[tuple[int, int]] = []
    result = make_visitors(Project.at(project), VisitorOptions(
        export, skip_bad_rows=True, jobs=1, booklets=True), lambda *step: steps.append(step))
    assert [str(p).endswith('e.xlsx:3: language: "de" is not a language of the school (fr, en)')
            for p in result.skipped] == [True]
    assert steps[0] == (0, 2) and steps[-1] == (2, 2)
    folder = export_folder(Project.at(project), export)
    assert not list(folder.rglob("visitor-00003.pdf"))
    sides = 0
    for row in (2, 4):
        pages = len(pdfium.PdfDocument(str(folder / f"demo-nord/fr/visitor-{row:05d}.pdf")))
        assert pages % 4 == 0, (row, pages)
        sides += pages // 2
    booklets = pdfium.PdfDocument(str(folder / "demo-nord/fr/booklets-demo-nord-fr.pdf"))
    assert len(booklets) == sides
    width, height = booklets[0].get_size()
    assert width > height
    index = (folder / "index.csv").read_text(encoding="utf-8-sig")
    assert [line[:2] for line in csv.reader(io.StringIO(index))][1:] == [
        ["2", "Léa Martin"], ["4", "'=1+1 Zoé"]]
    assert "=1+1 Zoé" in pdfium.PdfDocument(str(folder / "demo-nord/fr/visitor-00004.pdf"))[
        0].get_textpage().get_text_range()


@pytest.mark.slow
def test_ctrl_c_leaves_the_previous_set(tmp_path: Path) -> None:
    """A run stopped in the middle (as Ctrl-C does: SIGINT to the command and its
    workers) leaves the documents of the last run byte for byte, and no temporary file;
    it says so in plain words, with no traceback."""
    import signal
    import time

    project = copy_project(tmp_path / "project")
    export = write_export(tmp_path / "inscriptions.csv", generated_rows(3, 1), "csv-bom")
    command = [sys.executable, "-m", "generator", "visitors", "--project", str(project),
               "--jobs", "2", str(export)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    folder = export_folder(Project.at(project), export)
    before = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    write_export(export, generated_rows(4, 40), "csv-bom")
    running = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    assert running.stderr is not None
    said = [running.stderr.readline()]  # "Visitors": the export is read, the making starts
    time.sleep(1.5)  # the workers are making guides (40 take some ten seconds)
    os.killpg(running.pid, signal.SIGINT)
    _out, err = running.communicate(timeout=60)
    err = said[0] + err
    assert said[0].startswith("Visitors"), err
    assert running.returncode == 130 and "Traceback" not in err, err
    assert "previous documents are as they were" in err
    after = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    assert after == before
    assert not [path for path in (project / "build").rglob("*") if "scratch" in path.name
                or "staging" in path.name]


@pytest.mark.slow
@pytest.mark.only_with_slow
def test_one_to_five_interests_in_a_generated_project(tmp_path: Path) -> None:
    """A generated project (seed 0: 7 roles, the bold theme, photos): visitors who chose
    1, 3 and 5 of its roles get those roles only, in the guide's order, and pass the
    layout check (--slow only: three guides of long generated texts)."""
    from generate import generate

    project = tmp_path / "project"
    spec = generate(0, project)
    wanted = {2: ["role-03"], 3: ["role-05", "role-01", "role-02"],
              4: ["role-07", "role-06", "role-04", "role-02", "role-01"]}
    lines = ["Nom complet;Langue;Campus;Rôles"] + [
        f"Visiteur {row} Éloïse d'Aubigné;{'fr' if row % 2 else 'en'};campus;{' | '.join(ids)}"
        for row, ids in wanted.items()]
    export = tmp_path / "open-day.csv"
    export.write_text("\n".join(lines), encoding="utf-8")
    result = run_cli("visitors", "--project", str(project), "--jobs", "1", str(export))
    assert result.exit_code == 0, f"seed 0: {result.output}"
    folder = export_folder(Project.at(project), export)
    for row, ids in wanted.items():
        lang = "fr" if row % 2 else "en"
        path = folder / "campus" / lang / f"visitor-{row:05d}.pdf"
        titles = outline_titles(path)
        assert not [title for title in titles if "Visiteur" in title]  # not a bookmark
        assert f"Visiteur {row} Éloïse d'Aubigné" in _flat(_texts(path)[0]), row
        report = check_pdf(path, spec.paper, project=project, lang=lang, step=2)
        assert report, f"seed 0, row {row}: " + "\n".join(report.problems)
        order = sorted(ids)  # the guide's order: role-01, role-02…
        assert _roles_in(path) == order, (row, _roles_in(path))


def _roles_in(path: Path) -> list[str]:
    """The roles whose part the guide has (their sections' anchors), in page order."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    found = [(reader.get_destination_page_number(dest), name.removeprefix("role-"))
             for name, dest in reader.named_destinations.items()
             if name.startswith("role-") and not name.startswith("role-facts")]
    return [role for _page, role in sorted(found)]
