"""Untrusted templates and content cannot reach outside the project or into Python."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.render.pdf import ProjectFetcher, RefusedURL
from generator.resolve.markup import to_html

from helpers import NORD_GUIDE, build_fails, edit, lay_out_once, run_cli
from pdfread import text_of

COVER = "templates/default/partials/cover.html"


def test_fetcher_serves_project_files_only(tmp_path: Path) -> None:
    inside = tmp_path / "templates"
    inside.mkdir()
    (inside / "a.css").write_text("p {}")
    (tmp_path / "secret.txt").write_text("secret")
    fetcher = ProjectFetcher([inside])
    assert fetcher.fetch((inside / "a.css").as_uri()).read() == b"p {}"
    for url in ("https://example.org/logo.png", "http://127.0.0.1:9/x.png",
                (tmp_path / "secret.txt").as_uri(), (inside / ".." / "secret.txt").as_uri(),
                "data:text/plain,hello", "ftp://example.org/x"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


@pytest.mark.parametrize("source", ["http://127.0.0.1:9/logo.png", "file:///etc/hostname",
                                    "../../../../etc/hostname"])
def test_template_cannot_fetch_outside(built_project: Path, source: str) -> None:
    edit(built_project, COVER, '<div class="cover-top">',
         f'<div class="cover-top"><img src="{source}">')
    build_fails(built_project, "PDF printer (", "only files", narrow=NORD_GUIDE)


def test_template_cannot_reach_python_internals(built_project: Path) -> None:
    edit(built_project, COVER, '<div class="cover-top">',
         "<div class=\"cover-top\">{{ ''.__class__.__mro__[1].__subclasses__() }}")
    build_fails(built_project, f"{COVER}:", "not allowed in a template")


@pytest.mark.slow  # prints guides
@pytest.mark.parametrize("template,anchor,attachment", [
    ("templates/default/partials/school.html", '<p class="lead">',
     '<a rel="attachment" href="content/school.yaml">x</a>'),
    ("templates/default/guide.html", "<title>",
     '<link rel="attachment" href="content/school.yaml">'),
])
def test_template_cannot_attach_files(built_project: Path, template: str, anchor: str,
                                      attachment: str) -> None:
    edit(built_project, template, anchor, attachment + anchor)
    build_fails(built_project, "attachments are not allowed", narrow=NORD_GUIDE)


@pytest.mark.slow  # prints a guide
def test_content_cannot_inject_html(built_project: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    lay_out_once(monkeypatch)  # the texts, not the layout, for time
    injected = "<img src='http://127.0.0.1:9/x'> <script>alert(1)</script>"
    edit(built_project, "content/roles/pm.yaml", "  fr: Le garant de la réussite",
         f"  fr: {injected} Le garant de la réussite")
    result = run_cli("build", "--project", str(built_project), "--campus", "demo-nord",
                     "--lang", "fr", "--doc", "guide")
    assert result.exit_code == 0, result.output
    guide = built_project / "build/demo-nord/fr/guide-pm-vs-po.pdf"
    # The tags are printed as the words the writer typed, not obeyed: no image, no script.
    text = text_of(guide)
    assert "<img src=’http://127.0.0.1:9/x’>" in text and "<script>alert(1)</script>" in text
    targets = [str(annotation.get_object().get("/A", {}).get("/URI", ""))
               for page in PdfReader(guide).pages
               for annotation in page.get("/Annots") or []]
    assert targets and not any("127.0.0.1" in target for target in targets)


def test_content_cannot_link_to_scripts(built_project: Path) -> None:
    edit(built_project, "content/roles/pm.yaml", "  fr: Le garant de la réussite",
         "  fr: Voir [clic](javascript:alert(1)) Le garant de la réussite")
    build_fails(built_project, "content/roles/pm.yaml:", "hook.fr: the link to 'javascript:",
                "is not allowed")


def test_markdown_links_bold_italic() -> None:
    html = to_html("**gras** *italique* [site](https://example.org)")
    assert html == ('<strong>gras</strong> <em>italique</em> '
                    '<a href="https://example.org">site</a>')


def test_only_a_language_can_be_set_on_a_span() -> None:
    """{…} after a span or a link may carry only lang=: no style, class or handler."""
    html = to_html('le [backlog]{lang=en} [x]{.big #top style="color:red" onclick="f()"} '
                   '[y]{lang="en<b>"} [site](https://example.org){style="x" lang=en}')
    assert html == ('le <span lang="en">backlog</span> <span>x</span> <span>y</span> '
                    '<a href="https://example.org">site</a>')


def test_logo_outside_content_is_refused(built_project: Path) -> None:
    edit(built_project, "content/campuses/demo-nord.yaml", "logo: images/demo-nord.svg",
         "logo: ../templates/fonts/lato/OFL.svg")
    build_fails(built_project, "brand.logo: the logo must be a file inside the content/ folder")
