"""What every ``careerdocs`` command shares, careerdocs' own and those of other packages
(``careerdocs visitors``): the ``--project`` option, and how a problem or a warning is
said. Click only: importing this module loads no renderer."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from .diagnostics import CareerdocsError, Problem, report_warnings

PROJECT_OPTION = click.option(
    "--project", "project_dir", type=click.Path(file_okay=False, path_type=Path),
    default=".", show_default="the current folder",
    help="The careerdocs folder (the one holding content/ and templates/).")


def fail(problems: CareerdocsError | list[Problem]) -> NoReturn:
    """Say every problem, in red on the error stream, and end the command with status 1."""
    error = problems if isinstance(problems, CareerdocsError) else CareerdocsError(problems)
    click.secho(error.report(), err=True, fg="red")
    sys.exit(1)


def warn(warnings: list[Problem]) -> None:
    """Say the warnings, in yellow on the error stream (the command goes on)."""
    if warnings:
        click.secho(report_warnings(warnings), err=True, fg="yellow")


def shown(path: Path) -> str:
    """A path as the user reads it: from the folder they typed the command in."""
    return os.path.relpath(path)
