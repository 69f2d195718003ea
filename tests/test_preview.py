"""`careerdocs preview`: its routes alone (quick), then the real command driven in
Debian's chromium with Playwright: the brochure's pages, an edit seen on the page, a
broken file shown with its line then cleared, the arrows, a Word handout, and no file
of the machine reachable through it."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from previewclient import raw_get, state, wait_for
from starlette.testclient import TestClient

from generator.preview.server import make_app
from generator.preview.session import Preview

from conftest import REPO, copy_project
from helpers import edit, run_cli

TRAVERSALS = ["/page/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
              "/download/../../../etc/passwd", "/page/1.png/..%2f..%2f..%2fetc%2fpasswd",
              "/..%2f..%2f..%2fetc/passwd", "/content/roles/po.yaml", "/page/-1.png",
              "/page/99.png"]


def test_routes_refuse_other_hosts_and_serve_no_file(tmp_path: Path) -> None:
    """Without making any document: a foreign Host is refused (DNS rebinding), and no
    address reaches a file, not even the project's own."""
    preview = Preview(copy_project(tmp_path / "p"), tmp_path / "out")
    with TestClient(make_app(preview, start=False), base_url="http://127.0.0.1") as client:
        assert client.get("/api/state").status_code == 200
        assert client.get("/api/state", headers={"Host": "evil.example"}).status_code == 400
        assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200
        for path in TRAVERSALS:
            response = client.get(path)
            assert response.status_code == 404 and b"root:" not in response.content, path
        refused = client.post("/api/show", json={"campus": "../..", "lang": "fr", "name": "x"})
        assert refused.status_code == 404


def test_a_site_s_files_are_served_only_when_declared_and_made(tmp_path: Path) -> None:
    """The preview sends a file of a site only when the project declares it for that
    campus and language and the preview has made it, sandboxed; never another file of
    its folder, nor one reached through "..", whatever the address."""
    from generator.preview.worker import Listing

    output = tmp_path / "out"
    (output / "demo-nord/fr/site/assets").mkdir(parents=True)
    (output / "demo-nord/fr/site/index.html").write_text("<h1>Accueil</h1>", "utf-8")
    (output / "demo-nord/fr/site/assets/Lato.woff2").write_bytes(b"wOF2")
    (output / "demo-nord/fr/secret.txt").write_text("root:x", "utf-8")
    preview = Preview(copy_project(tmp_path / "p"), output)
    preview.listing = Listing(served={"demo-nord/fr": [
        "site/index.html", "site/assets/Lato.woff2", "site/role-po.html"]})
    with TestClient(make_app(preview, start=False), base_url="http://127.0.0.1") as client:
        page = client.get("/out/demo-nord/fr/site/index.html")
        assert page.status_code == 200 and page.text == "<h1>Accueil</h1>"
        assert page.headers["content-type"].startswith("text/html")
        assert page.headers["content-security-policy"].startswith("sandbox allow-scripts")
        font = client.get("/out/demo-nord/fr/site/assets/Lato.woff2")
        assert font.headers["access-control-allow-origin"] == "null"
        for address in ("/out/demo-nord/fr/secret.txt", "/out/demo-nord/fr/site/role-po.html",
                        "/out/demo-nord/en/site/index.html",
                        "/out/demo-nord/fr/site/../secret.txt",
                        "/out/demo-nord/fr/site/..%2fsecret.txt", "/out/../../etc/passwd"):
            response = client.get(address)
            assert response.status_code == 404 and b"root:" not in response.content, address


def test_an_unknown_campus_or_a_busy_port_is_said_at_once(tmp_path: Path) -> None:
    project = str(copy_project(tmp_path / "p"))
    result = run_cli("preview", "--project", project, "--campus", "nowhere", "--lang", "de",
                     "--no-browser")
    assert result.exit_code == 1
    assert "--campus: no campus 'nowhere' (known: demo-nord, demo-sud)" in result.output
    assert "--lang: no language 'de' (known: fr, en)" in result.output
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = run_cli("preview", "--project", project, "--port", port, "--no-browser")
    assert result.exit_code == 1 and f"cannot listen on port {port}" in result.output


def die() -> None:
    os._exit(3)  # a printing process killed (out of memory, a crash in a library)


def fine() -> str:
    return "fine"


@pytest.mark.slow  # starts two printing processes
def test_a_dead_printing_process_is_said_and_replaced(tmp_path: Path) -> None:
    preview = Preview(tmp_path, tmp_path / "out")

    async def twice() -> tuple[object, object]:
        return await preview.call(die), await preview.call(fine)

    try:
        dead, alive = asyncio.run(twice())
    finally:
        preview.close()
    assert "printing process stopped" in " ".join(dead.problems)  # type: ignore[attr-defined]
    assert alive == "fine"


# The real command, in a real browser ------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    """`careerdocs preview` on a copy of the demo, as a user starts it."""
    project = copy_project(tmp_path_factory.mktemp("preview") / "project")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator", "preview", "--project",
                               str(project), "--no-browser", "--port", str(port)],
                              cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_for(port, lambda s: s["version"] >= 1 and not s["rendering"], 120)
        yield project, port
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is needed: make test installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium,
                                              args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object, served: tuple[Path, int]) -> Iterator[object]:
    tab = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab.goto(f"http://localhost:{served[1]}/")
    tab.wait_for_function("document.body.dataset.version !== undefined", timeout=60_000)
    yield tab
    tab.close()


def download_pdf(port: int) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/download", timeout=30) as answer:
        return bytes(answer.read())


def pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


@pytest.mark.slow
def test_the_page_shows_every_page_of_the_brochure(page: object, served: tuple[Path, int],
                                                   tmp_path: Path) -> None:
    pdf = download_pdf(served[1])
    figures = page.locator("main figure img")  # type: ignore[attr-defined]
    assert figures.count() == len(pdfium.PdfDocument(pdf)) == 8
    assert page.locator("#name").input_value() == "guide-pm-vs-po.pdf"  # type: ignore[attr-defined]
    assert page.locator("#problems").is_hidden()  # type: ignore[attr-defined]
    page.screenshot(path=str(tmp_path / "preview.png"))  # type: ignore[attr-defined]
    assert (tmp_path / "preview.png").stat().st_size > 20_000


@pytest.mark.slow
def test_an_edit_on_disk_changes_the_page_by_itself(page: object,
                                                    served: tuple[Path, int]) -> None:
    """The reader stays where they were: the new pages replace the old in place."""
    project, port = served
    before = state(port)
    old_picture = raw_get(port, "/page/4.png")[1]
    page.evaluate("window.scrollTo(0, 3000)")  # type: ignore[attr-defined]
    edit(project, "content/roles/po.yaml", "Le rôle clé des méthodologies agiles",
         "Le rôle pivot des méthodologies agiles")
    saved = time.monotonic()
    page.wait_for_function(  # type: ignore[attr-defined]
        f"Number(document.body.dataset.version) > {before['version']}", timeout=20_000)
    seconds = time.monotonic() - saved
    assert page.evaluate("window.scrollY") == 3000  # type: ignore[attr-defined]
    assert "Le rôle pivot des méthodologies agiles" in pdf_text(download_pdf(port))
    assert raw_get(port, "/page/4.png")[1] != old_picture, "the page's picture did not change"
    assert seconds < 10, f"{seconds:.1f} s from save to new pages (bench/preview.py measures)"


BREAKS = {  # a file, what breaks it, and where the page must say the problem is
    "yaml": ("content/roles/po.yaml", "short_title:\n", "short_title: [unclosed\n"),
    "template": ("templates/default/partials/school.html", "</section>",
                 "{{ doc.nothing_here }}</section>"),
}


@pytest.mark.slow
@pytest.mark.parametrize("broken", BREAKS)
def test_a_broken_file_shows_its_line_then_clears_when_fixed(page: object, broken: str,
                                                             served: tuple[Path, int]) -> None:
    """The problem, with its file and line, above the last good pages; the server goes
    on; the file fixed, the message goes."""
    (project, port), (name, old, new) = served, BREAKS[broken]
    path = project / name
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace(old, new, 1), encoding="utf-8")
    problems = page.locator("#problems")  # type: ignore[attr-defined]
    problems.wait_for(state="visible", timeout=20_000)
    assert re.search(rf"{re.escape(name)}:\d+", problems.inner_text())
    assert page.locator("main figure img").count() == 8  # type: ignore[attr-defined]
    path.write_text(good, encoding="utf-8")
    problems.wait_for(state="hidden", timeout=20_000)
    assert wait_for(port, lambda s: not s["rendering"])["problems"] == []


@pytest.mark.slow
def test_arrows_move_from_page_to_page(page: object) -> None:
    page.keyboard.press("ArrowRight")  # type: ignore[attr-defined]
    page.keyboard.press("ArrowRight")  # type: ignore[attr-defined]
    third = page.locator("main figure").nth(2)  # type: ignore[attr-defined]
    assert "current" in (third.get_attribute("class") or "")
    top = third.bounding_box()["y"]
    assert 0 <= top < 120, f"the third page starts at {top} px, not at the top"
    page.keyboard.press("ArrowLeft")  # type: ignore[attr-defined]
    assert "current" in (page.locator("main figure").nth(1).get_attribute("class") or "")  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.libreoffice
def test_a_word_handout_is_shown_through_libreoffice(page: object,
                                                     served: tuple[Path, int]) -> None:
    port = served[1]
    page.select_option("#name", "handout-po.docx")  # type: ignore[attr-defined]
    shown = wait_for(port, lambda s: s["choice"]["name"] == "handout-po.docx"
                     and not s["rendering"] and s["pages"] > 0, 120)
    assert shown["problems"] == [] and shown["pages"] >= 2
    page.wait_for_function(  # type: ignore[attr-defined]
        f"document.body.dataset.version == {shown['version']}", timeout=20_000)
    assert download_pdf(port)[:2] == b"PK"  # the download is the Word file itself
    page.select_option("#name", "guide-pm-vs-po.pdf")  # type: ignore[attr-defined]
    wait_for(port, lambda s: s["choice"]["name"] == "guide-pm-vs-po.pdf" and s["pages"] == 8)


@pytest.mark.slow
def test_a_web_page_is_shown_as_a_browser_shows_it_and_follows_an_edit(
        page: object, served: tuple[Path, int], tmp_path: Path) -> None:
    """A page of the site in a frame: its stylesheet and fonts loaded (no refusal in the
    console), the phone width chosen, the language switcher's page served; an edit of
    the role shows on the page by itself."""
    project, port = served
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)  # type: ignore[attr-defined]
            if message.type == "error" else None)
    page.select_option("#name", "site/role-po.html")  # type: ignore[attr-defined]
    old, new = "Collaborer étroitement avec", "Travailler chaque jour avec"
    try:
        shown_as_a_browser_would(page, port, tmp_path)
        english = raw_get(port, "/out/demo-nord/en/site/role-po.html")
        assert english[0] == 200 and b'lang="en"' in english[1]
        edit(project, "content/roles/po.yaml", old, new)
        try:
            page.frame_locator("#site").get_by_text(  # type: ignore[attr-defined]
                f"{new} les équipes de développement.").wait_for(timeout=20_000)
        finally:
            edit(project, "content/roles/po.yaml", new, old)
        assert not [text for text in refused if "Content Security Policy" in text], refused
    finally:  # the other tests start from the guide
        page.select_option("#name", "guide-pm-vs-po.pdf")  # type: ignore[attr-defined]
        wait_for(port, lambda s: s["choice"]["name"] == "guide-pm-vs-po.pdf" and s["pages"] == 8)


def shown_as_a_browser_would(page: Any, port: int, folder: Path) -> None:
    """The role's page in the frame: its title, its fonts loaded, and at 360 px."""
    shown = wait_for(port, lambda s: s["site"] and not s["rendering"], 60)
    assert shown["problems"] == [] and shown["site"].startswith("/out/demo-nord/fr/site/")
    title = page.frame_locator("#site").locator("h1")
    title.wait_for(timeout=20_000)
    assert "Product Owner" in title.inner_text().replace("\xa0", " ")
    family = title.evaluate("e => getComputedStyle(e).fontFamily")
    assert "Noto Serif" in family or "Lato" in family, family
    loaded = title.evaluate(
        "async () => { await document.fonts.ready; "
        "return [...document.fonts].filter(f => f.status === 'loaded').length; }")
    assert loaded >= 1, "no font of the site loaded in the preview's frame"
    page.screenshot(path=str(folder / "preview-site-1280.png"))
    page.select_option("#width", "360")
    assert page.locator("#site").bounding_box()["width"] == 360
    page.screenshot(path=str(folder / "preview-site-360.png"))


@pytest.mark.slow
def test_a_traversal_address_gets_404_from_the_running_server(served: tuple[Path, int]) -> None:
    for path in TRAVERSALS:
        status, body = raw_get(served[1], path)
        assert status == 404 and b"root:" not in body, path
    assert raw_get(served[1], "/api/state", host="attacker.example")[0] == 400


@pytest.mark.slow
def test_a_renamed_guide_is_followed_and_the_server_goes_on(served: tuple[Path, int]) -> None:
    """The guide on screen is no longer made under its name: the page says so at once,
    then shows the guide under its new name."""
    project, port = served
    guides, sud = project / "content/guides", "content/campuses/demo-sud.yaml"
    edit(project, sud, "guides: [pm-vs-po]", "guides: [pm-et-po]")
    (guides / "pm-vs-po.yaml").rename(guides / "pm-et-po.yaml")
    try:
        shown = wait_for(port, lambda s: s["choice"]["name"] == "guide-pm-et-po.pdf"
                         and not s["rendering"] and s["pages"] > 0, 60)
        assert shown["problems"] == [] and shown["pages"] == 8
    finally:
        (guides / "pm-et-po.yaml").rename(guides / "pm-vs-po.yaml")
        edit(project, sud, "guides: [pm-et-po]", "guides: [pm-vs-po]")
    wait_for(port, lambda s: s["choice"]["name"] == "guide-pm-vs-po.pdf"
             and not s["rendering"] and s["pages"] == 8, 60)
