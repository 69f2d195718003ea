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
from toy_kinds import POSTER_TEMPLATE

from conftest import REPO
from helpers import edit

NORD = "content/campuses/demo-nord.yaml"
POSTER_PACKAGE = '''"""A poster per role, as a school would write it in a package of its own."""
from generator.documents import Artifact, DocumentKind
from generator.render.templating import render_template


class Poster(DocumentKind):
    name = "poster"
    formats = ("pdf",)
    summary = "a poster per role (PDF)"

    def declare(self, context):
        return [Artifact(f"poster-{role.id}.pdf", f"the poster of role '{role.id}'", role.id)
                for role in context.view.roles]

    def render(self, context, artifact):
        from generator.render.pdf import print_html

        role = next(r for r in context.view.roles if r.id == artifact.subject)
        html, problems = render_template(context.env, context.project, "poster.html",
                                         doc=context.view, role=role)
        return print_html(html, context, "poster.html") if html else (None, problems)
'''


def install(site: Path, distribution: str, module: str, code: str,
            entry: str = "poster") -> None:
    """What pip leaves of a package in site-packages: its module and its .dist-info."""
    (site / module).mkdir(parents=True)
    (site / module / "__init__.py").write_text(code)
    info = site / f"{distribution.replace('-', '_')}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\n"
                                   "Version: 0.1\n")
    (info / "entry_points.txt").write_text(f"[careerdocs.kinds]\n{entry} = {module}:Poster\n")


def careerdocs(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``careerdocs ARGS`` in a process whose Python also has the packages of ``site``."""
    path = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=REPO, text=True,
                          capture_output=True, timeout=300, check=False,
                          env={**os.environ, "PYTHONPATH": path})


@pytest.fixture
def posters(project_dir: Path) -> Path:
    """The demo project, with demo-nord printing posters and the poster's template."""
    (project_dir / "templates/default/poster.html").write_text(POSTER_TEMPLATE)
    edit(project_dir, NORD, "documents: [guide, handout, comparison]",
         "documents: [guide, handout, comparison, poster]")
    return project_dir


@pytest.mark.slow  # a build in a process of its own
def test_a_kind_installed_as_its_own_package_builds(posters: Path, tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    install(site, "careerdocs-poster", "careerdocs_poster", POSTER_PACKAGE)
    listing = careerdocs(site, "list", "--project", str(posters))
    assert listing.returncode == 0, listing.stderr
    assert "poster               a poster per role (PDF) (from careerdocs-poster 0.1)" \
        in listing.stdout, listing.stdout
    assert "--doc [guide|handout|comparison|poster]" in careerdocs(site, "build",
                                                                    "--help").stdout
    built = careerdocs(site, "build", "--project", str(posters), "--campus", "demo-nord",
                       "--lang", "fr", "--doc", "poster")
    assert built.returncode == 0, built.stdout + built.stderr
    folder = posters / "build/demo-nord/fr"
    assert sorted(p.name for p in folder.glob("poster-*.pdf")) == ["poster-pm.pdf",
                                                                  "poster-po.pdf"]
    manifest = (posters / "build/.careerdocs-manifest.json").read_text()
    assert "demo-nord/fr/poster-po.pdf" in manifest
    again = careerdocs(site, "build", "--project", str(posters), "--campus", "demo-nord",
                       "--lang", "fr", "--doc", "poster")
    assert "Done: 0 written, 2 already up to date." in again.stdout, again.stdout


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
