"""``careerdocs i18n content export|import`` and ``careerdocs i18n status``: the command
line of :mod:`.workflow` (options in, plain words out)."""

from __future__ import annotations

from pathlib import Path

import click

from ..commandline import PROJECT_OPTION, fail, shown, warn
from ..diagnostics import CareerdocsError
from ..project import Project

PO_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group(name="content")
def content() -> None:
    """Translate the texts of content/ (roles, comparisons, guides, campuses) in a PO
    editor such as Poedit or Weblate.

    \b
      careerdocs i18n content export --lang en    writes build/translations/content-en.po
      (the translator fills it in, in Poedit or Weblate)
      careerdocs i18n content import content-en.po    writes the translations into content/
    """


@content.command(name="export")
@PROJECT_OPTION
@click.option("--lang", required=True, metavar="CODE",
              help="The language to translate into, e.g. en.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.po",
              help="Where to write it. Default: build/translations/content-LANG.po.")
def export_command(project_dir: Path, lang: str, out: Path | None) -> None:
    """Write every text of content/ to a PO file: the source text, its translation (if
    any), the file and line it comes from. A translation whose source changed since
    it was brought in is marked fuzzy, with the old source shown."""
    from .workflow import export_po

    try:
        path, counts, warnings = export_po(Project.at(project_dir), lang, out)
    except CareerdocsError as error:
        fail(error)
    warn(warnings)
    click.echo(f"wrote      {shown(path)}: {_counted(counts)}")


@content.command(name="import")
@PROJECT_OPTION
@click.argument("po_file", type=PO_FILE, metavar="FILE.po")
def import_command(project_dir: Path, po_file: Path) -> None:
    """Write the translations of FILE.po into the YAML files of content/, keeping their
    comments, order and layout. Every entry is checked first: if one has a problem,
    nothing is written and each problem is listed with its line."""
    from .workflow import import_po

    try:
        done = import_po(Project.at(project_dir), po_file)
    except CareerdocsError as error:
        fail(error)
    warn(done.warnings)
    for name in done.files:
        click.echo(f"wrote      content/{name}")
    left = ", ".join(f"{count} {what} left as they were" for what, count in
                     sorted(done.left.items()))
    click.secho(f"Done: {done.changed} translations brought in, {done.unchanged} already "
                f"there{'; ' + left if left else ''}.", fg="green")


@click.command(name="status")
@PROJECT_OPTION
def status_command(project_dir: Path) -> None:
    """How much of content/ is translated, per language and per file: translated, out of
    date (the source changed since), missing."""
    from .workflow import status_table

    try:
        rows, warnings = status_table(Project.at(project_dir))
    except CareerdocsError as error:
        fail(error)
    warn(warnings)
    width = max((len(name) for _lang, name, _counts in rows), default=0)
    for lang, name, counts in rows:
        click.echo(f"  {lang:<4} {name:<{width}}  {_counted(counts)}")


def _counted(counts: dict[str, int]) -> str:
    return ", ".join(f"{counts.get(state, 0)} {state}"
                     for state in ("translated", "out of date", "missing"))
