"""``careerdocs import``: the command line of :mod:`.importing` (registered as careerdocs'
own plug-in command, through the ``careerdocs.commands`` entry points)."""

from __future__ import annotations

from pathlib import Path

import click

from ..commandline import PROJECT_OPTION, fail, shown
from ..diagnostics import CareerdocsError
from ..project import Project
from . import SOURCES
from .merge import named

DOWNLOAD = click.Path(exists=True, path_type=Path)


@click.command(name="import")
@PROJECT_OPTION
@click.argument("source", type=click.Choice(SOURCES))
@click.argument("files", nargs=-1, required=True, type=DOWNLOAD, metavar="FILE...")
@click.option("--code", required=True, metavar="CODE",
              help="The job's code in the dataset: M1805 (ROME), MET.31 (Onisep), 2512.4 "
                   "or its URI (ESCO), 15-1252.00 (O*NET).")
@click.option("--id", "ident", metavar="ID",
              help="The role's id (its file's name). Default: the dataset and the code, "
                   "e.g. rome-m1805.")
def import_command(project_dir: Path, source: str, files: tuple[Path, ...], code: str,
                   ident: str | None) -> None:
    """Write a role from open data you downloaded: SOURCE is rome (ROME 4.0 zip of CSV
    files), onisep (Idéo-Fiches métiers XML), esco (ESCO CSV download; one FILE per
    language) or onet (O*NET text database zip).

    The role gets the dataset's words as they are, its code and its source (its pages
    print the credit the licence asks for). Run it again on a newer release: the
    fields you have not changed are updated, yours are kept, and the fields both
    changed are listed with both texts."""
    from .importing import conflicts_said, import_role

    try:
        done = import_role(Project.at(project_dir), source, list(files), code, ident)
    except CareerdocsError as error:
        fail(error)
    click.echo(f"wrote      {shown(done.path)}")
    if done.merge is not None:
        merge = done.merge
        click.echo(f"  updated from the new release: {len(merge.updated)}; your edits kept: "
                   f"{len(merge.kept)}; changed on both sides (yours kept): "
                   f"{len(merge.conflicts)}")
        if merge.removed:
            click.secho("  no longer in the new release, so taken out: "
                        + ", ".join(named(leaf) for leaf in merge.removed), fg="yellow")
        for line in conflicts_said(merge):
            click.secho(f"  both changed: {line}", fg="yellow")
    if done.missing:
        click.echo(f"To write (not in the dataset): {', '.join(done.missing)}.")
    if done.lacking_languages:
        click.echo(f"To translate (the dataset has no {', '.join(done.lacking_languages)}): "
                   "careerdocs validate lists each text.")
