"""The preview's state: which document is on screen, the pages of its last good version,
the problems of the last attempt. It is made again when asked (a file changed, another
document chosen), one attempt at a time, in the printing process (:mod:`.worker`); a
change during an attempt makes one more attempt after it, never two at once."""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, TypeVar

from . import worker
from .worker import Listing, Outcome

T = TypeVar("T")
PAGE_SCALE = 1.5  # 108 pixels per inch: an A4 page 890 pixels wide, sharp on a screen
MAX_PAGE_CACHE = 64


@dataclass(frozen=True)
class Choice:
    """The document on screen: a file of one campus and language, made by ``kind``."""

    campus: str
    lang: str
    name: str
    kind: str
    subject: str  # the role of a handout, the guide's id…


class Preview:
    """One project's preview, shared by every browser tab that shows it."""

    def __init__(self, root: Path, output: Path, campus: str | None = None,
                 lang: str | None = None):
        self.root, self.output = root, output
        self.wanted_campus, self.wanted_lang = campus, lang
        self.listing = Listing()
        self.choice: Choice | None = None
        self.pdf: bytes = b""  # the pages on screen: the last good version
        self.file: Path | None = None  # the document itself, for the download link
        self.site = ""  # the address of the site's page on screen, with its version
        self.version = 0
        self.problems: tuple[str, ...] = ()
        self.warnings: tuple[str, ...] = ()
        self.rendering = False
        self.seconds = 0.0
        self.listeners: set[asyncio.Queue[dict[str, Any]]] = set()
        self._wanted = asyncio.Event()
        self._relist = True
        self._pool: ProcessPoolExecutor | None = None
        self._pdfium = threading.Lock()  # pdfium is not thread-safe
        self._pages: dict[tuple[int, int], bytes] = {}
        self._count = (-1, 0)  # (version, pages)

    # Attempts -------------------------------------------------------------------------

    def want(self, relist: bool = False) -> None:
        """Ask for the document on screen to be made again (and the list of documents)."""
        self._relist = self._relist or relist
        self._wanted.set()

    async def run(self) -> None:
        """Make the document on screen each time it is wanted, until cancelled."""
        await self.call(worker.warm_up)
        while True:
            await self._wanted.wait()
            self._wanted.clear()
            try:
                await self.attempt()
            except Exception as error:  # noqa: BLE001 - the preview must go on after a bug
                self.rendering = False
                self.problems = (f"careerdocs failed to make this document (an error of its "
                                 f"own: {type(error).__name__}: {error}); save a file to try "
                                 "again, or run careerdocs build to see the whole report",)
                self.publish()

    async def attempt(self) -> None:
        """One attempt: the document on screen first (what the user waits for), then the
        list of documents, which a new file of content/ may have changed."""
        started = time.perf_counter()
        self.rendering = True
        self.publish()
        if self.choice is None:
            await self.relist()
        outcome = Outcome(problems=self.listing.problems)
        if self.choice is not None:
            c = self.choice
            outcome = await self.call(worker.make, str(self.root), str(self.output),
                                      c.campus, c.lang, c.kind, c.name, c.subject)
        self.take(outcome)
        self.rendering, self.seconds = False, time.perf_counter() - started
        self.publish()
        if self._relist:
            await self.relist()
            self.publish()

    async def relist(self) -> None:
        """List the project's documents again; keep the one on screen if it still is one,
        else show another (made at the next attempt)."""
        self._relist = False
        listing = await self.call(worker.listing, str(self.root))
        if listing.problems and self.listing.files:
            return  # the content is broken: the attempt itself says how, with the old list
        self.listing, previous = listing, self.choice
        self.choice = self.choose(previous)
        if previous is not None and self.choice != previous:
            self.want()

    def take(self, outcome: Outcome) -> None:
        """Show what an attempt made; on problems, keep the last good pages beneath them."""
        self.problems, self.warnings = outcome.problems, outcome.warnings
        if outcome.problems or not outcome.path:
            return
        if self.choice is not None:
            c = self.choice
            self.file = self.output / c.campus / c.lang / c.name
        if outcome.path.endswith(worker.BROWSED):
            self.take_site()
            return
        self.site = ""
        pdf = Path(outcome.path).read_bytes()
        if pdf != self.pdf:
            self.pdf, self.version = pdf, self.version + 1
            self._pages.clear()

    def take_site(self) -> None:
        """Show a page of a site: a new version when any file of the campus's sites
        changed (its stylesheet, a page it links to, another language's), the printed
        documents aside."""
        assert self.choice is not None
        c = self.choice
        digest = hashlib.sha256()
        for lang in self.listing.languages:
            for name in sorted(self.listing.served.get(f"{c.campus}/{lang}", [])):
                path = self.output / c.campus / lang / name
                if not name.endswith(worker.SHOWN) and path.is_file():  # not the PDFs
                    digest.update(name.encode() + b"\0" + path.read_bytes())
        site = f"/out/{c.campus}/{c.lang}/{c.name}?v={digest.hexdigest()[:16]}"
        if site != self.site or self.pdf:
            self.site, self.pdf, self.version = site, b"", self.version + 1
            self._pages.clear()

    def served_file(self, campus: str, lang: str, name: str) -> Path | None:
        """A file the preview has made that a site's page may load (a page, its
        stylesheet, a PDF it offers): only a file the project declares there, never an
        address read as a file name."""
        if name not in self.listing.served.get(f"{campus}/{lang}", []):
            return None
        path = self.output / campus / lang / name
        return path if path.is_file() else None

    def choose(self, previous: Choice | None, campus: str | None = None,
               lang: str | None = None, name: str | None = None) -> Choice | None:
        """The document to show: the one asked for if the project makes it, else the
        previous one, else the first guide of the campus and language asked on the
        command line (or of the first ones)."""
        files = self.listing.files
        campus = campus or (previous.campus if previous else self.wanted_campus)
        lang = lang or (previous.lang if previous else self.wanted_lang)
        folder = f"{campus}/{lang}" if campus and lang else next(iter(files), "")
        if folder not in files:
            folder = next((f for f in files if f.split("/")[0] == campus), next(iter(files), ""))
        if not folder:
            return None
        name = name or (previous.name if previous else None)
        entries = {entry[0]: entry for entry in files[folder]}
        if name not in entries:
            name = next((n for n in entries if n.startswith("guide-") and n.endswith(".pdf")
                         and n.count(".") == 1), next(iter(entries)))
        campus_id, lang_id = folder.split("/")
        _name, kind, subject = entries[name]
        return Choice(campus_id, lang_id, name, kind, subject)

    def show(self, campus: str, lang: str, name: str) -> bool:
        """Put another document on screen; False when the project makes no such file."""
        if (name, campus, lang) not in {(entry[0], *f.split("/")) for f, entries in
                                       self.listing.files.items() for entry in entries}:
            return False
        self.choice = self.choose(None, campus, lang, name)
        self.pdf, self.file, self.problems, self.site = b"", None, (), ""
        self._pages.clear()
        self.version += 1
        self.want()
        return True

    # The printing process ------------------------------------------------------------

    async def call(self, function: Callable[..., T], *args: Any) -> T:
        """Run ``function`` in the printing process; if that process died (a crash, the
        memory limit), start another one and say so."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        try:
            return await asyncio.get_running_loop().run_in_executor(self._pool, function, *args)
        except BrokenProcessPool:
            self.close()
            message = ("the preview's printing process stopped while making this document "
                       "(it may need more memory than it is allowed); it was started again")
            return Outcome(problems=(message,)) if function is worker.make else Listing(
                problems=(message,))  # type: ignore[return-value]

    def close(self) -> None:
        """Stop the printing process, even in the middle of a document."""
        if self._pool is None:
            return
        processes = list(getattr(self._pool, "_processes", {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.kill()
        self._pool = None

    # What browsers see ---------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """Everything the page shows, as JSON."""
        c = self.choice
        return {"version": self.version, "pages": self.page_count(), "rendering": self.rendering,
                "seconds": round(self.seconds, 2), "problems": list(self.problems),
                "warnings": list(self.warnings), "listing": {
                    "campuses": self.listing.campuses, "languages": list(self.listing.languages),
                    "files": self.listing.files},
                "choice": c and {"campus": c.campus, "lang": c.lang, "name": c.name},
                "site": self.site,
                "download": bool(self.file and self.file.is_file() and not self.site)}

    def publish(self) -> None:
        """Tell every open page what changed."""
        state = self.state()
        for queue in self.listeners:
            queue.put_nowait(state)

    def page_count(self) -> int:
        """Pages of the document on screen (counted once per version: pages poll often)."""
        if not self.pdf:
            return 0
        if self._count[0] != self.version:
            import pypdfium2 as pdfium

            with self._pdfium:
                self._count = (self.version, len(pdfium.PdfDocument(self.pdf)))
        return self._count[1]

    def page_png(self, number: int) -> bytes | None:
        """Page ``number`` (from 1) of the document on screen as a PNG, or None."""
        key = (self.version, number)
        if key in self._pages:
            return self._pages[key]
        import pypdfium2 as pdfium

        with self._pdfium:
            if not self.pdf:
                return None
            document = pdfium.PdfDocument(self.pdf)
            if not 1 <= number <= len(document):
                return None
            image = document[number - 1].render(scale=PAGE_SCALE).to_pil()
        out = BytesIO()
        image.save(out, "PNG")
        if len(self._pages) >= MAX_PAGE_CACHE:
            self._pages.clear()
        self._pages[key] = out.getvalue()
        return self._pages[key]
