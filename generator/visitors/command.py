"""``careerdocs visitors``: the command line of :mod:`.making` (a thin layer: it reads
the options, shows the progress, and says what was made or what is wrong)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..commandline import PROJECT_OPTION, fail, shown
from ..diagnostics import CareerdocsError, Problem
from ..project import Project

EXPORT = click.Path(exists=True, dir_okay=False, path_type=Path)


class _MakeByDefault(click.Group):
    """``careerdocs visitors FILE`` makes the documents; ``careerdocs visitors purge FILE``
    removes them: a first word that is no subcommand is the export."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["make", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_MakeByDefault)
def visitors() -> None:
    """Personal guides for open-day visitors, from your booking system's export.

    careerdocs visitors FILE makes, for every row of FILE (CSV or Excel .xlsx), a
    guide in the visitor's language with their name on the cover, the roles they
    chose and their visit on the campus page; a file per campus and language to
    print them all; and index.csv for the office. They go to
    build/visitors/<export name>/.

    careerdocs visitors purge FILE removes them all, after the open day.
    """


@visitors.command(name="make", hidden=True)
@PROJECT_OPTION
@click.argument("export", type=EXPORT)
@click.option("--campus", metavar="ID", help="The campus of every visitor, for an export "
              "without a campus column.")
@click.option("--lang", metavar="CODE", help="The language of every visitor, for an export "
              "without a language column.")
@click.option("--columns", "columns_file", type=EXPORT, metavar="MAPPING.yaml",
              help="Which column of the export is which, when its headers are not the usual "
                   "ones: lines such as  first_name: Prénom de l'élève  (fields: first_name, "
                   "last_name, full_name, language, campus, interests, email, slot).")
@click.option("--skip-bad-rows", is_flag=True, help="Make the guides of the good rows and "
              "list the others, instead of making nothing while a row has a problem.")
@click.option("--booklets", is_flag=True, help="Also make, per campus and language, a file of "
              "every guide as a booklet (two pages a side, to fold), for the school's "
              "printer; the guides then have a multiple of 4 pages.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), metavar="N",
              help="Make N guides at once. Default: one per processor.")
def make(project_dir: Path, export: Path, campus: str | None, lang: str | None,
         columns_file: Path | None, skip_bad_rows: bool, booklets: bool,
         jobs: int | None) -> None:
    """Make the personal guides of an export's visitors."""
    from .making import VisitorOptions, make_visitors
    from .rows import Defaults

    columns = _columns(columns_file) if columns_file else {}
    options = VisitorOptions(export, columns, Defaults(campus, lang), skip_bad_rows, jobs,
                             booklets)
    progress = _Progress()
    try:
        result = make_visitors(Project.at(project_dir), options, progress)
    except CareerdocsError as error:
        progress.close()
        fail(error)
    progress.close()
    for problem in result.skipped:
        click.secho(f"left out   {problem}", err=True, fg="yellow")
    click.secho(f"Done: {result.guides} personal guides in {shown(result.folder)}/ "
                f"({len(result.written)} files written).", fg="green")


class _Progress:
    """The visitors done and left, shown once the export is read and the making starts
    (a bad export shows its problems alone)."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Visitors", file=sys.stderr,
                                         item_show_func=lambda text: text or "")
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos, f"{done} done, {total - done} left")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@visitors.command()
@PROJECT_OPTION
@click.argument("export", type=click.Path(dir_okay=False, path_type=Path))
def purge(project_dir: Path, export: Path) -> None:
    """Remove every document made from an export (run it after the open day: they hold
    the visitors' names, which the school should keep no longer than it needs)."""
    from .making import purge as purged

    removed = purged(Project.at(project_dir), export)
    if removed is None:
        click.echo(f"Nothing to remove: no documents were made from {export.name}.")
    else:
        click.secho(f"Removed {shown(removed)}/ and every document in it.", fg="green")


def _columns(path: Path) -> dict[str, str]:
    """The ``--columns`` mapping: field → the export's header, checked."""
    import yaml

    from .export import FIELDS

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        fail([Problem(str(path), None, None, f"cannot be read as YAML ({error})")])
    if not isinstance(data, dict):
        fail([Problem(str(path), None, None, "must map fields to the export's headers, "
                       "e.g.  first_name: Prénom")])
    wrong = [Problem(str(path), None, None, f"{key}: not a field (fields: {', '.join(FIELDS)})")
             for key in data if key not in FIELDS]
    wrong += [Problem(str(path), None, None, f"{key}: the export's header must be text")
              for key, value in data.items() if key in FIELDS and not isinstance(value, str)]
    if wrong:
        fail(wrong)
    return {str(key): str(value) for key, value in data.items()}



