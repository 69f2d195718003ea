"""Kinds of document from packages of their own: installed next to careerdocs (a package
folder and its ``.dist-info``, as pip lays them out, on the Python path of a careerdocs
process) and found through the ``careerdocs.kinds`` entry point group, with no file of
careerdocs changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from toy_kinds import POSTER_TEMPLATE

from conftest import REPO
from helpers import edit, line_of

NORD = "content/campuses/demo-nord.yaml"
POSTER_PACKAGE = '''"""A poster per role, as a school would write it in a package of its own: its
own option of careerdocs build (--poster-size) and its own section of campus files."""
from pydantic import BaseModel, ConfigDict

from generator.documents import Artifact, DocumentKind, KindOption
from generator.render.templating import render_template


class PosterSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    headline: str = "Come and meet us"


class PosterLine(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tagline: str = ""


class Poster(DocumentKind):
    name = "poster"
    formats = ("pdf",)
    summary = "a poster per role (PDF)"
    options = (KindOption("--poster-size", choices=("A3", "A2"), default="A3",
                          help="Paper of the posters. Default: A3."),)
    settings = PosterSettings
    role_settings = PosterLine

    def declare(self, context):
        return [Artifact(f"poster-{role.id}.pdf", f"the poster of role '{role.id}'", role.id)
                for role in context.view.roles]

    def render(self, context, artifact):
        from generator.render.pdf import print_html

        role = next(r for r in context.view.roles if r.id == artifact.subject)
        html, problems = render_template(
            context.env, context.project, "poster.html", doc=context.view, role=role,
            size=self.option_values(context)["poster_size"],
            headline=self.campus_settings(context).headline,
            tagline=self.role_section(context, role.id).tagline)
        return print_html(html, context, "poster.html") if html else (None, problems)
'''
# The poster's template, in the project's templates (as a school adds one).
SIZED_POSTER = POSTER_TEMPLATE.replace("size: A3;", "size: {{ size }};").replace(
    "<body>", "<body><p>{{ headline }}</p><p>{{ tagline }}</p>")


def install(site: Path, distribution: str, module: str, code: str,
            entry: str = "poster", entries: str = "") -> None:
    """What pip leaves of a package in site-packages: its module and its .dist-info (its
    entry points: ``entries`` as given, else the kind ``entry``)."""
    (site / module).mkdir(parents=True)
    (site / module / "__init__.py").write_text(code)
    info = site / f"{distribution.replace('-', '_')}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\n"
                                   "Version: 0.1\n")
    (info / "entry_points.txt").write_text(
        entries or f"[careerdocs.kinds]\n{entry} = {module}:Poster\n")


def careerdocs(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``careerdocs ARGS`` in a process whose Python also has the packages of ``site``."""
    path = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=REPO, text=True,
                          capture_output=True, timeout=300, check=False,
                          env={**os.environ, "PYTHONPATH": path})


@pytest.fixture
def posters(project_dir: Path) -> Path:
    """The demo project, with demo-nord printing posters and the poster's template."""
    (project_dir / "templates/default/poster.html").write_text(SIZED_POSTER)
    edit(project_dir, NORD, "documents: [guide, handout, comparison, web]",
         "documents: [guide, handout, comparison, poster]")
    return project_dir


@pytest.mark.slow  # builds in processes of their own
def test_a_kind_installed_as_its_own_package_builds(posters: Path, tmp_path: Path) -> None:
    """The poster package: listed, its option in --help and honoured, its campus and role
    sections printed, its files in the manifest; a new campus setting or size makes only
    the posters, a new role section only that role's poster."""
    site = tmp_path / "site-packages"
    install(site, "careerdocs-poster", "careerdocs_poster", POSTER_PACKAGE)
    listing = careerdocs(site, "list", "--project", str(posters))
    assert listing.returncode == 0, listing.stderr
    assert "poster               a poster per role (PDF) (from careerdocs-poster 0.1)" \
        in listing.stdout, listing.stdout
    helped = " ".join(careerdocs(site, "build", "--help").stdout.split())
    assert "--doc [guide|handout|comparison|web|poster]" in helped, helped
    assert "--poster-size [A3|A2] Paper of the posters. Default: A3." in helped, helped
    edit(posters, NORD, "fictional: true", "fictional: true\nposter:\n  headline: Portes ouvertes")
    asked = ("build", "--project", str(posters), "--campus", "demo-nord", "--lang", "fr",
             "--doc", "poster", "--doc", "handout")
    first = careerdocs(site, *asked)
    assert first.returncode == 0, first.stdout + first.stderr
    folder = posters / "build/demo-nord/fr"
    assert poster_page(folder / "poster-po.pdf") == ("A3", "Portes ouvertes")
    assert sorted(p.name for p in folder.glob("poster-*.pdf")) == ["poster-pm.pdf",
                                                                  "poster-po.pdf"]
    manifest = (posters / "build/.careerdocs-manifest.json").read_text()
    assert "demo-nord/fr/poster-po.pdf" in manifest
    edit(posters, NORD, "headline: Portes ouvertes", "headline: Venez nous voir")
    again = careerdocs(site, *asked)
    assert "Done: 2 written, 2 already up to date." in again.stdout, again.stdout
    assert poster_page(folder / "poster-pm.pdf") == ("A3", "Venez nous voir")
    larger = careerdocs(site, *asked, "--poster-size", "A2")
    assert "Done: 2 written, 2 already up to date." in larger.stdout, larger.stdout
    assert poster_page(folder / "poster-pm.pdf") == ("A2", "Venez nous voir")
    unchanged = careerdocs(site, *asked, "--poster-size", "A2")
    assert "Done: 0 written, 4 already up to date." in unchanged.stdout, unchanged.stdout
    edit(posters, "content/roles/po.yaml", "short_title:", "poster:\n  tagline: Au cœur "
         "du produit\nshort_title:")
    tagged = careerdocs(site, *asked, "--poster-size", "A2")
    assert "Done: 1 written, 3 already up to date." in tagged.stdout, tagged.stdout
    text = PdfReader(folder / "poster-po.pdf").pages[0].extract_text().replace("\xa0", " ")
    assert "Au cœur du produit" in text  # its last two words bound: no short word alone


def poster_page(pdf: Path) -> tuple[str, str]:
    """The paper of a poster's page (A3 or A2, read back from its size) and its first line."""
    page = PdfReader(pdf).pages[0]
    width_mm = round(float(page.mediabox.width) * 25.4 / 72)
    return {297: "A3", 420: "A2"}.get(width_mm, f"{width_mm} mm"), \
        page.extract_text().splitlines()[0]


@pytest.mark.slow  # careerdocs in a process of its own
def test_a_kinds_settings_and_options_are_checked_like_the_rest(posters: Path,
                                                                tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    install(site, "careerdocs-poster", "careerdocs_poster", POSTER_PACKAGE)
    edit(posters, NORD, "fictional: true", "fictional: true\nposter:\n  headlne: Portes")
    edit(posters, "content/roles/po.yaml", "short_title:", "poster:\n  tagline: [1, 2]\n"
         "short_title:")
    done = careerdocs(site, "validate", "--project", str(posters))
    line = line_of(posters, NORD, "headlne")
    role_line = line_of(posters, "content/roles/po.yaml", "tagline")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"{NORD}:{line}:12: poster.headlne: unknown field" in done.stderr, done.stderr
    assert f"content/roles/po.yaml:{role_line}:3: poster.tagline: must be text" in done.stderr, \
        done.stderr
    wrong = careerdocs(site, "build", "--project", str(posters), "--poster-size", "B9")
    assert wrong.returncode == 2 and "'B9' is not one of 'A3', 'A2'" in wrong.stderr, \
        wrong.stderr


@pytest.mark.slow  # careerdocs in a process of its own
def test_packages_whose_kinds_clash_or_cannot_load_are_named(posters: Path,
                                                             tmp_path: Path) -> None:
    """Two packages bring a "poster"; a third cannot be imported; a fourth names something
    that is not a kind: every problem at once, in plain words, naming each package."""
    site = tmp_path / "site-packages"
    install(site, "careerdocs-poster", "careerdocs_poster", POSTER_PACKAGE)
    install(site, "school-kinds", "school_kinds", POSTER_PACKAGE)
    install(site, "badge-kinds", "badge_kinds", "import no_such_library\n", entry="badge")
    install(site, "flyer-kinds", "flyer_kinds", "Poster = 42\n", entry="flyer")
    done = careerdocs(site, "validate", "--project", str(posters))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    for said in [
            "two kinds of document are named 'poster': one from careerdocs-poster 0.1, one "
            "from school-kinds 0.1: uninstall one of the two packages",
            "careerdocs.kinds: the kind of document 'badge' of the package badge-kinds 0.1 "
            "cannot be loaded (ModuleNotFoundError: No module named 'no_such_library'): "
            "reinstall or remove that package",
            "the kind of document 'flyer' of the package flyer-kinds 0.1 cannot be loaded "
            "(TypeError: 'flyer_kinds:Poster' is not a DocumentKind named 'flyer')"]:
        assert said in done.stderr, done.stderr


BADGES_PACKAGE = '''"""A command of a school's own package: careerdocs badges."""
import click

from generator.commandline import PROJECT_OPTION


@click.command()
@PROJECT_OPTION
@click.option("--size", default="A7")
def badges(project_dir, size):
    """Name badges for the open day's staff."""
    click.echo(f"badges of {project_dir.name} in {size}")
'''


@pytest.mark.slow  # careerdocs in a process of its own
def test_a_command_installed_as_its_own_package_runs(project_dir: Path, tmp_path: Path) -> None:
    """A package's command is listed and runs as careerdocs' own; one that takes a taken
    name is left out, naming both packages; one that cannot load is said, and the other
    commands work."""
    site = tmp_path / "site-packages"
    install(site, "careerdocs-badges", "careerdocs_badges", BADGES_PACKAGE,
            entries="[careerdocs.commands]\nbadges = careerdocs_badges:badges\n")
    install(site, "school-tools", "school_tools", BADGES_PACKAGE,
            entries="[careerdocs.commands]\nlist = school_tools:badges\n"
                    "visitors = school_tools:badges\n")
    install(site, "broken-tools", "broken_tools", "import no_such_library\n",
            entries="[careerdocs.commands]\nflyers = broken_tools:flyers\n")
    helped = careerdocs(site, "--help")
    assert helped.returncode == 0, helped.stderr
    listed = " ".join(helped.stdout.split())
    assert "badges Name badges for the open day's staff." in listed, listed
    assert "visitors Personal guides for open-day visitors" in listed, listed
    ran = careerdocs(site, "badges", "--project", str(project_dir), "--size", "A6")
    assert ran.returncode == 0 and ran.stdout == f"badges of {project_dir.name} in A6\n", ran
    for said in ["the command 'careerdocs list' is careerdocs' own, and school-tools 0.1 "
                 "brings one too: that one is left out; uninstall it, or ask its authors to "
                 "rename it",
                 "the command 'careerdocs visitors' is careerdocs' own, and school-tools 0.1 "
                 "brings one too"]:
        assert said in " ".join(ran.stderr.split()), ran.stderr
    listing = careerdocs(site, "list", "--project", str(project_dir))
    assert listing.returncode == 0 and "Documents:" in listing.stdout, listing.stderr
    broken = careerdocs(site, "flyers")
    assert broken.returncode == 2 and "Traceback" not in broken.stderr, broken.stderr
    assert "the command 'careerdocs flyers' of the package broken-tools 0.1 cannot be loaded " \
        "(ModuleNotFoundError: No module named 'no_such_library')" in broken.stderr, \
        broken.stderr


def test_careerdocs_declares_each_of_its_kinds_as_another_package_would() -> None:
    """careerdocs' own kinds come through the entry point group, as a school's do: every
    module of generator/documents/ is declared in pyproject.toml, and nothing else."""
    import tomllib

    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
        "entry-points"]["careerdocs.kinds"]
    modules = {path.stem for path in (REPO / "generator/documents").glob("*.py")
               if not path.name.startswith("_") and path.stem != "registry"}
    assert {value.split(":")[0] for value in declared.values()} == {
        f"generator.documents.{module}" for module in modules}
    from generator.documents import get_kind

    for name, value in declared.items():
        assert type(get_kind(name)).__name__ == value.split(":")[1]
        assert get_kind(name).origin == "careerdocs"


def test_a_kind_registered_twice_by_another_class_is_refused() -> None:
    from toy_kinds import Poster

    from generator.documents import KindConflict, get_kind, register

    class Guide(Poster):
        name = "guide"

    with pytest.raises(KindConflict) as conflict:
        register(Guide(), "school-kinds 1.0")
    assert "two kinds of document are named 'guide': one from careerdocs, one from " \
           "school-kinds 1.0" in str(conflict.value.problems[0])
    assert get_kind("guide").origin == "careerdocs"
    assert register(get_kind("guide")) is get_kind("guide")  # the same kind again: kept


def test_an_option_or_a_section_another_has_is_refused() -> None:
    """A kind whose flag is careerdocs build's or another kind's, or whose campus section
    has the name of a campus setting, is refused, naming both."""
    from pydantic import BaseModel
    from toy_kinds import Poster

    from generator.documents import KindConflict, KindOption, kind_names, register

    class Flyer(Poster):
        name = "flyer"
        options = (KindOption("--role", help="Flyers of this role."),)

    class Badge(Poster):
        name = "badge"
        options = (KindOption("--campus", help="Badges of this campus."),)

    class Brand(Poster):
        name = "brand"
        settings = BaseModel

    class Salary(Poster):
        name = "salary"
        role_settings = BaseModel

    for kind, said in [(Flyer(), "'flyer' (school-kinds 1.0) has an option --role, as the "
                                 "kind 'handout' (careerdocs) has: uninstall one of the two"),
                       (Badge(), "has an option --campus, as careerdocs build has"),
                       (Brand(), "has settings under 'brand:' in campus files, a name "
                                 "careerdocs uses"),
                       (Salary(), "has settings under 'salary:' in role files")]:
        with pytest.raises(KindConflict) as conflict:
            register(kind, "school-kinds 1.0")
        assert said in str(conflict.value.problems[0])
        assert kind.name not in kind_names()


def test_the_flags_kinds_may_not_take_are_those_of_careerdocs_build() -> None:
    from generator.cli import build
    from generator.pipeline.options import CORE_FLAGS, CORE_NAMES

    assert {flag for param in build.params for flag in param.opts} | {"-h", "--help"} \
        == CORE_FLAGS
    assert {param.name for param in build.params} == CORE_NAMES


def test_a_kinds_option_given_through_the_api_is_checked(project_dir: Path) -> None:
    from generator import BuildOptions, CareerdocsError, Project, build

    asked = BuildOptions(documents=("handout",), kind_options={
        "roles": ("po", "cto"), "profiles": ("poster",), "poster_size": "A2"})
    with pytest.raises(CareerdocsError) as refused:
        build(Project.at(project_dir), asked)
    said = sorted(str(problem) for problem in refused.value.problems)
    assert said == [
        "command line: no kind of document has the option 'poster_size' (the options are: "
        "profiles, roles)",
        "command line: unknown role 'cto' (choose from: pm, po)",
        "command line: unknown value of --profile 'poster' (choose from: screen, print, "
        "booklet)"], said
