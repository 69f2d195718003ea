"""The ``careerdocs`` command: a thin Click layer over :mod:`generator.pipeline`.

Each command imports what it needs when it runs: ``careerdocs --help`` loads Click
and nothing else, and no command but ``build`` and ``compare`` loads a renderer.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import pipeline as api
from .commandline import PROJECT_OPTION, fail, shown, warn
from .diagnostics import CareerdocsError, Kind, Problem
from .entrypoints import careerdocs_installed, origin, points_of
from .limits import RENDER_MEMORY_BYTES
from .project import Project

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from .documents import KindOption
    from .publish import Published

ALLOW_MISSING_OPTION = click.option(
    "--allow-missing", is_flag=True,
    help="Go ahead when a translation is missing: the text of another language is printed "
         "in its place, and each case is listed as a warning.")


class KindChoice(click.Choice):
    """``--doc``: the kinds of the registry, read when the command runs (a kind registered
    after this module was imported is a choice too)."""

    def __init__(self) -> None:
        super().__init__([])

    @property  # type: ignore[override]
    def choices(self) -> list[str]:
        from .documents import kind_names

        return kind_names()

    @choices.setter
    def choices(self, _value: object) -> None:
        """Click sets its list in ``__init__``; the registry is the list."""


COMMANDS = "careerdocs.commands"


class Commands(click.Group):
    """careerdocs' own commands, and those installed packages bring: each names its Click
    command in the ``careerdocs.commands`` entry point group of its ``pyproject.toml``
    (careerdocs' own ``visitors`` comes this way too)::

        [project.entry-points."careerdocs.commands"]
        badges = "careerdocs_badges.command:badges"

    A command is loaded only when it is listed (``--help``) or typed. One that takes
    the name of another is refused, naming both packages; one that cannot be loaded
    is said in plain words, and the other commands work."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.plugged()})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        own = super().get_command(ctx, name)
        if own is not None:
            return own
        point = self.plugged().get(name)
        if point is None and not careerdocs_installed(COMMANDS):
            warn([Problem(COMMANDS, None, None, (
                "careerdocs is not installed in this Python, so its commands that come "
                "through its package (import, visitors) are missing: run  make build  in the "
                "careerdocs folder"), kind=Kind.COMMAND)])
        return None if point is None else _loaded(point)

    def invoke(self, ctx: click.Context) -> object:
        warn(self.plugged_problems())
        return super().invoke(ctx)

    def plugged(self) -> dict[str, EntryPoint]:
        """The commands of the entry points by name: careerdocs' own where another package
        claims its name too; none where two other packages do."""
        chosen = {}
        for name, points in _claims().items():
            own = [point for point in points if origin(point) == "careerdocs"]
            if name not in self.commands and (own or len(points) == 1):
                chosen[name] = (own or points)[0]
        return chosen

    def plugged_problems(self) -> list[Problem]:
        """Each command of a taken name, with the packages that claim it."""
        problems = []
        for name, points in _claims().items():
            others = [origin(point) for point in points if origin(point) != "careerdocs"]
            if name in self.commands or len(others) < len(points):
                said = (f"is careerdocs' own, and {' and '.join(others)} brings one too: "
                        "that one is left out; uninstall it, or ask its authors to rename it")
            else:
                said = (f"is brought by {' and by '.join(others)}: both are left out until "
                        "one of them is uninstalled")
            if len(points) > 1 or name in self.commands:
                problems.append(Problem(COMMANDS, None, None, f"the command 'careerdocs {name}' "
                                        + said, kind=Kind.COMMAND))
        return problems


def _claims() -> dict[str, list[EntryPoint]]:
    """The entry points of the group, by command name."""
    claims: dict[str, list[EntryPoint]] = {}
    for point in points_of(COMMANDS):
        claims.setdefault(point.name, []).append(point)
    return claims


def _loaded(point: EntryPoint) -> click.Command | None:
    """The command an entry point names; None, said as a warning, when it cannot be."""
    try:
        command = point.load()
        if not isinstance(command, click.Command):
            raise TypeError(f"'{point.value}' is not a Click command")
    except Exception as error:  # noqa: BLE001 - a package of somebody else's: say which
        warn([Problem(COMMANDS, None, None, (
            f"the command 'careerdocs {point.name}' of the package {origin(point)} cannot "
            f"be loaded ({type(error).__name__}: {error}): reinstall or remove that package"),
            kind=Kind.COMMAND)])
        return None
    return command


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="careerdocs")
def main() -> None:
    """Make career guides from the texts in content/: PDF guides for open days,
    Word handouts for classes and one-page comparisons of roles, for each campus
    and in each language.

    \b
    Usual steps:
      careerdocs validate     check your changes (nothing is written)
      careerdocs build        make every document into build/
      careerdocs list         see the roles, campuses and languages available
      careerdocs compare pm po    put two roles side by side on one page
      careerdocs campus new lyon --name "Campus de Lyon"   add a campus
    """


class BuildCommand(click.Command):
    """``build``, with the options of every kind of document (``--role``, ``--profile``…),
    read from the registry when they may be used: for ``--help``, and when an option
    that is not the build's own is typed. A build with none of them loads no kind, so
    that one with nothing to do answers at once."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        from .pipeline.options import CORE_FLAGS

        ctx.meta[_WITH_KINDS] = any(arg.startswith("-") and arg.split("=", 1)[0] not in
                                    CORE_FLAGS - {"-h", "--help"} for arg in args)
        return super().parse_args(ctx, args)

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params = super().get_params(ctx)
        if not ctx.meta.get(_WITH_KINDS, True):
            return params
        from .documents import all_kinds

        help_option = params.pop()  # --help stays last
        return [*params, *(_kind_option(option) for kind in all_kinds()
                           for option in kind.options), help_option]


_WITH_KINDS = "careerdocs.with_kinds"


def _kind_option(option: KindOption) -> click.Option:
    kind = click.Choice(option.choices) if option.choices else click.STRING
    return click.Option([option.flag, option.key], type=kind, multiple=option.multiple,
                        metavar=None if option.choices else option.metavar, help=option.help)


@main.command(cls=BuildCommand)
@PROJECT_OPTION
@click.option("--campus", "campuses", multiple=True, metavar="ID",
              help="Only this campus (repeat for several). Default: every campus.")
@click.option("--lang", "languages", multiple=True, metavar="CODE",
              help="Only this language, e.g. fr or en (repeat for several). Default: all.")
@click.option("--doc", "documents", multiple=True, type=KindChoice(),
              help="Only this kind of document (repeat for several). "
                   "Default: every kind the campus prints.")
@click.option("--out", "output_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write into. Default: build/ in the project folder.")
@ALLOW_MISSING_OPTION
@click.option("--jobs", "-j", type=click.IntRange(1, 64), metavar="N",
              help="Make N documents at once. Default: the CAREERDOCS_JOBS environment "
                   "variable, else one per processor of this computer.")
@click.option("--force", is_flag=True,
              help="Make every document again, even those already up to date.")
def build(project_dir: Path, campuses: tuple[str, ...], languages: tuple[str, ...],
          documents: tuple[str, ...], output_dir: Path | None, allow_missing: bool,
          jobs: int | None, force: bool, **kind_options: object) -> None:
    """Make the documents. With no option, makes every document of every campus
    in every language, into build/CAMPUS/LANGUAGE/: guide-ID.pdf per guide, one
    handout-ROLE.docx per role, comparison-ID.pdf and .docx per comparison, and the
    web edition in site/ (careerdocs list names every kind of document).

    Only the documents whose texts, templates, pictures or settings changed since
    the last build are made again: the others are "up to date".

    Nothing is written unless everything succeeds: if a file has a problem, you
    get the list of problems and your previous documents stay as they were.
    """
    options = api.BuildOptions(campuses, languages, documents, output_dir, allow_missing, jobs,
                               force, kind_options)
    try:
        result = api.build(Project.at(project_dir), options, progress=_progress_bar)
    except CareerdocsError as error:
        fail(error)
    warn(result.warnings)
    _report(result, set(result.made))


def _report(result: api.BuildResult | Published, made: set[Path] | None = None) -> None:
    made = made or set()
    for path in result.written:
        click.echo(f"wrote      {shown(path)}")
    for path in result.unchanged:
        if path in made:
            click.echo(f"unchanged  {shown(path)} (made again, identical to the one you had)")
        else:
            click.echo(f"up to date {shown(path)}")
    for path in result.removed:
        click.echo(f"removed    {shown(path)} (no longer printed)")
    same = len(made.intersection(result.unchanged))
    again = f" ({same} made again, identical to before)" if same else ""
    click.secho(f"Done: {len(result.written)} written, {len(result.unchanged)} already up to date"
                f"{again}.", fg="green")


@contextmanager
def _progress_bar(total: int) -> Iterator[Callable[[str], None]]:
    with click.progressbar(length=total, label="Making documents", file=sys.stderr,
                           item_show_func=lambda label: label or "") as bar:
        def advance(label: str) -> None:
            bar.update(1, label)

        yield advance


@main.command()
@PROJECT_OPTION
@click.argument("roles", nargs=-1, metavar="ROLE ROLE [ROLE]")
@click.option("--lang", metavar="CODE", help="Language, e.g. fr or en. Default: the first "
              "language of content/school.yaml.")
@click.option("--campus", metavar="ID", help="Whose colours, logo and contact to print. "
              "Default: the first campus.")
@click.option("--landscape", is_flag=True, help="Print the page sideways (A4 landscape).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write only this file (ending in .pdf or .docx). Default: both, as "
                   "build/CAMPUS/LANGUAGE/compare/ROLE-ROLE.pdf and .docx.")
def compare(project_dir: Path, roles: tuple[str, ...], lang: str | None, campus: str | None,
            landscape: bool, output: Path | None) -> None:
    """Put any two or three roles side by side on one page, from their role files
    alone (when no comparison file exists for them). Example:

    \b
      careerdocs compare pm po --lang en -o pm-po.pdf
    """
    options = api.CompareOptions(roles, lang, campus, landscape, output)
    try:
        result = api.compare(Project.at(project_dir), options)
    except CareerdocsError as error:
        fail(error)
    _report(result)


@main.group()
def campus() -> None:
    """Manage campuses (each has content/campuses/ID.yaml and templates/campuses/ID/)."""


@campus.command(name="new")
@PROJECT_OPTION
@click.argument("ident", metavar="ID")
@click.option("--name", required=True, help='The campus name as printed, e.g. "Campus de Lyon".')
def campus_new(project_dir: Path, ident: str, name: str) -> None:
    """Create campus ID: its content file (every field explained), a placeholder logo,
    and a template folder for its own overrides. The next build includes it."""
    from .campus_scaffold import new_campus

    try:
        created = new_campus(Project.at(project_dir), ident, name)
    except CareerdocsError as error:
        fail(error)
    for path in created:
        click.echo(f"created    {shown(path)}")
    click.secho(f"Campus '{ident}' is ready: fill in content/campuses/{ident}.yaml, "
                "then run careerdocs validate and careerdocs build.", fg="green")


@main.group()
def i18n() -> None:
    """Translate the content's texts (in a PO editor) and the templates' fixed words
    ("Missions", "Contents"…).

    \b
    The content's texts (roles, comparisons, guides, campuses):
      careerdocs i18n content export --lang en   a PO file for the translator
      careerdocs i18n content import FILE.po     the translations into content/
      careerdocs i18n status                     what is translated, out of date, missing

    \b
    Steps after changing a template's words, or to add a language:
      careerdocs i18n extract        collect the words into templates/locales/messages.pot
      careerdocs i18n update         add new words to every language's messages.po
      (translate the empty msgstr lines in templates/locales/LANG/LC_MESSAGES/messages.po)
      careerdocs i18n compile        check every word is translated (writes .mo files)
    """


@i18n.command()
@PROJECT_OPTION
def extract(project_dir: Path) -> None:
    """Collect every word to translate from the templates and the code."""
    from . import i18n as i18n_api

    try:
        path, count = i18n_api.extract(Project.at(project_dir))
    except CareerdocsError as error:
        fail(error)
    click.echo(f"wrote      {shown(path)} ({count} words and phrases)")


@i18n.command()
@PROJECT_OPTION
@click.option("--lang", "languages", multiple=True, metavar="CODE",
              help="Only this language (repeat for several); a new code starts a new "
                   "catalogue. Default: every language of content/school.yaml.")
def update(project_dir: Path, languages: tuple[str, ...]) -> None:
    """Add the words of messages.pot that a language's catalogue lacks (empty, to
    translate) and drop the ones no template uses any more."""
    from . import i18n as i18n_api
    from .load.content import declared_languages

    try:
        project = Project.at(project_dir)
        chosen = list(languages) or declared_languages(project)
        written = i18n_api.update(project, chosen)
    except CareerdocsError as error:
        fail(error)
    for path in written:
        click.echo(f"wrote      {shown(path)}")


@i18n.command(name="compile")
@PROJECT_OPTION
def compile_command(project_dir: Path) -> None:
    """Check that every word is translated in every language, and write the .mo files
    (careerdocs itself compiles in memory: the .mo files are for other tools)."""
    from . import i18n as i18n_api
    from .load.content import declared_languages

    try:
        project = Project.at(project_dir)
        written = i18n_api.compile_catalogues(project, declared_languages(project))
    except CareerdocsError as error:
        fail(error)
    for path in written:
        click.echo(f"wrote      {shown(path)}")


def _add_content_commands() -> None:
    from .translation.command import content, status_command

    i18n.add_command(content)
    i18n.add_command(status_command)


_add_content_commands()


@main.command()
@PROJECT_OPTION
@ALLOW_MISSING_OPTION
def validate(project_dir: Path, allow_missing: bool) -> None:
    """Check all content, translations and templates, and list every problem.
    Writes nothing. Exits with 0 when all is well, 1 otherwise."""
    try:
        checked = api.validate(Project.at(project_dir), allow_missing)
    except CareerdocsError as error:
        fail(error)
    warn(checked.warnings)
    content = checked.content
    click.secho(f"All good: {len(content.roles)} roles, {len(content.comparisons)} comparisons, "
                f"{len(content.campuses)} campuses, languages {', '.join(content.languages)}.",
                fg="green")


@main.command()
@PROJECT_OPTION
@click.option("--campus", metavar="ID", help="The campus shown first (you can change it on "
              "the page). Default: the first one.")
@click.option("--lang", metavar="CODE", help="The language shown first, e.g. fr or en.")
@click.option("--port", type=click.IntRange(1024, 65535), default=8000, show_default=True,
              help="The port of the page's address, http://127.0.0.1:PORT/.")
@click.option("--no-browser", is_flag=True, help="Do not open the browser; just serve the page.")
def preview(project_dir: Path, campus: str | None, lang: str | None, port: int,
            no_browser: bool) -> None:
    """See a document in the browser, made again each time you save a file.

    Opens a page where you choose the campus, the language and the document, and shows its
    pages. Whenever a file of content/ or templates/ changes, the document on screen is
    made again and the page updates by itself; a problem is shown on the page, with its
    file and line, above the last good pages. Only this computer can open the page.
    Stop it with Ctrl-C."""
    import webbrowser

    from .preview.server import default_output, port_problem, serve
    from .preview.session import Preview

    project = Project.at(project_dir)
    if not (project.root / "content").is_dir():
        fail(CareerdocsError([Problem(str(project_dir), None, None, (
            "no content/ folder here: run the command in a careerdocs folder, or give it "
            "with --project"))]))
    _check_choice(project, campus, lang)
    address = f"http://127.0.0.1:{port}/"
    session = Preview(project.root, default_output(project.root), campus, lang)

    def ready() -> None:
        click.secho(f"Preview on {address} (Ctrl-C to stop)", fg="green")
        if not no_browser:
            webbrowser.open(address)

    if problem := port_problem(port):
        fail(CareerdocsError([Problem(address, None, None, problem)]))
    serve(session, port, ready)


def _check_choice(project: Project, campus: str | None, lang: str | None) -> None:
    """An unknown --campus or --lang is an error now (broken content is left to the page,
    which shows its problems)."""
    try:
        inventory = api.describe(project)
    except CareerdocsError:
        return
    problems = []
    if campus and campus not in inventory.campuses:
        problems.append(Problem("--campus", None, None, f"no campus '{campus}' (known: "
                                f"{', '.join(inventory.campuses)})", kind=Kind.COMMAND))
    if lang and lang not in inventory.languages:
        problems.append(Problem("--lang", None, None, f"no language '{lang}' (known: "
                                f"{', '.join(inventory.languages)})", kind=Kind.COMMAND))
    if problems:
        fail(CareerdocsError(problems))


@main.command(name="list")
@PROJECT_OPTION
def list_command(project_dir: Path) -> None:
    """Show the roles, comparisons, campuses, languages and document kinds
    that the content defines, with the ids to use on the command line."""
    try:
        inventory = api.describe(Project.at(project_dir))
    except CareerdocsError as error:
        fail(error)
    for heading, items in (("Roles", inventory.roles), ("Comparisons", inventory.comparisons),
                           ("Campuses", inventory.campuses)):
        click.secho(f"{heading}:", bold=True)
        for ident, title in items.items():
            click.echo(f"  {ident:<20} {title}")
    click.secho("Languages:", bold=True)
    click.echo("  " + ", ".join(inventory.languages))
    click.secho("Documents:", bold=True)
    for kind, summary in inventory.documents.items():
        click.echo(f"  {kind:<20} {summary}")


def run() -> None:
    """The ``careerdocs`` command: Click's main, and a last resort for a bug.

    Every problem a user can cause is reported in plain words by the commands above. An
    exception that still reaches here is careerdocs' own fault: it is written to a
    report file for the team, and the user is told so, never shown a traceback.
    """
    # Stopped by the system (SIGTERM): unwind like an interruption, so that nothing
    # half-made is left behind.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # Ctrl-C: the same, said in plain words (Click would print "Aborted!" and exit 1).
    signal.signal(signal.SIGINT, _interrupted)
    _limit_memory()
    try:
        main(prog_name="careerdocs")
    except SystemExit:
        raise
    except BaseException as error:  # noqa: BLE001 - the last resort: nothing may escape
        if isinstance(error, KeyboardInterrupt):
            click.secho("Stopped. Your previous documents are as they were.", err=True)
            sys.exit(130)
        report = _save_report(error)
        click.secho("careerdocs stopped on an internal error: this is a bug in careerdocs, "
                    "not a mistake of yours, and your previous documents are as they were.\n"
                    f"Please send this file to the careerdocs team: {report}",
                    err=True, fg="red")
        sys.exit(1)


def _interrupted(*_args: object) -> None:
    click.secho("Stopped. Your previous documents are as they were.", err=True)
    sys.exit(130)


def _limit_memory() -> None:
    """Bound this process's memory (a build needs a few hundred MB): content that would
    need more is refused with a message, instead of slowing the whole machine down."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = RENDER_MEMORY_BYTES if hard == resource.RLIM_INFINITY else min(
        RENDER_MEMORY_BYTES, hard)
    if soft == resource.RLIM_INFINITY or soft > wanted:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def _save_report(error: BaseException) -> str:
    """Write the traceback to a report file; its path, or "(none)" if nothing is writable."""
    import tempfile
    import traceback
    from datetime import datetime

    text = (f"careerdocs internal error, {datetime.now().isoformat(timespec='seconds')}\n"
            f"command: {' '.join(sys.argv)}\n\n" + "".join(traceback.format_exception(error)))
    for folder in (Path.cwd(), Path(tempfile.gettempdir())):
        path = folder / "careerdocs-error-report.txt"
        try:
            path.write_text(text, encoding="utf-8")
            return str(path)
        except OSError:
            continue
    return "(none could be written)"
