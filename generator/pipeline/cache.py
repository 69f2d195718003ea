"""The build cache: which documents are up to date, without making them again.

Each unit of a build (the files one kind makes from one subject, see
:class:`~.jobs.Unit`) has a key: a digest of everything its files are made from.

* For its campus and language: careerdocs' code and renderers, every file of the
  theme chain (templates, stylesheets, reference.docx), the fonts, the language's
  catalogue, the campus's logo, and the school and campus as the view model shows
  them.
* For the unit: its kind, its file names (which hold the profile) and the part of the
  view model the kind renders it from (:meth:`DocumentKind.inputs`: a role, a guide
  with its roles…; the whole view for a kind that does not say).
* What its making read besides (:mod:`generator.render.reads`): pictures and fonts
  the PDF printer fetched, whole collections a template went through, every role's
  titles when a template formatted text (they are kept from hyphenation), a kind's
  own section of a role's file.

The output manifest keeps, for each file, its key, those reads and its hash. A unit
is up to date when the key computed now, with the reads recorded then, is the key
recorded, and every file on disk still has the recorded hash. A manifest that is
missing, cut or hand-edited gives no key: the unit is made again, never skipped on a
guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..documents import get_kind
from ..documents.registry import as_data
from ..i18n import catalogue_path
from ..publish import ManifestEntry, OutputManifest, file_digest
from ..publish.folder import regular_file
from ..render.context import ContextCache, RenderContext
from ..render.reads import FILE, JOB_TITLES, SECTION, VIEW
from .fingerprint import careerdocs_digest, digest_bytes, tree_digest, value_digest
from .fingerprint import file_digest as input_digest
from .jobs import Unit


class BuildKeys:
    """The key of each unit of one build, from the inputs as they are now."""

    def __init__(self, contexts: ContextCache):
        self.contexts = contexts
        self.project = contexts.content.project
        self._groups: dict[tuple[str, str], str] = {}
        self._folders: dict[Path, str] = {}
        self._files: dict[Path, str] = {}  # every unit reads the same fonts: hash them once

    def key(self, unit: Unit, reads: Iterable[str]) -> str:
        """The digest of everything ``unit`` is made from, given what it read."""
        context = self.contexts.get(unit.job.campus, unit.job.lang)
        kind = get_kind(unit.job.document)
        inputs = kind.inputs(context, unit.items[0].artifact)
        shown = context.view if inputs is None else inputs
        return digest_bytes(self._group(unit.job.campus, unit.job.lang), kind.name,
                            *(item.artifact.name for item in unit.items), value_digest(shown),
                            value_digest(kind.state(context)),
                            *(f"{read}={self._read(context, read)}" for read in sorted(reads)))

    def prepare(self, units: Iterable[Unit]) -> None:
        """Digest the inputs every unit shares with its campus and language now, before
        anything is printed: what a unit is made from is what the files were then."""
        for unit in units:
            self._group(unit.job.campus, unit.job.lang)

    def _group(self, campus: str, lang: str) -> str:
        if (campus, lang) not in self._groups:
            context = self.contexts.get(campus, lang)
            view = context.view
            self._groups[campus, lang] = digest_bytes(
                careerdocs_digest(),
                *(f"{self.project.display(folder)}={self._folder(folder)}"
                  for folder in context.theme),
                self._folder(self.project.templates_dir / "fonts"),
                input_digest(catalogue_path(self.project, lang)),
                input_digest(context.logo),
                value_digest((view.lang, view.school, view.campus)))
        return self._groups[campus, lang]

    def _folder(self, folder: Path) -> str:
        if folder not in self._folders:
            self._folders[folder] = tree_digest(folder)
        return self._folders[folder]

    def _read(self, context: RenderContext, read: str) -> str:
        """The digest of one thing a unit read, as it is now."""
        if read.startswith(FILE):
            path = (self.project.root / read.removeprefix(FILE)).resolve()
            if not path.is_relative_to(self.project.root.resolve()):
                return "outside"
            if path not in self._files:
                self._files[path] = input_digest(path)
            return self._files[path]
        if read == JOB_TITLES:
            return value_digest(self.contexts.names)
        if read.startswith(SECTION):
            kind, _, role = read.removeprefix(SECTION).partition("/")
            return value_digest(as_data(context.role_settings.get(kind, {}).get(role)))
        name = read.removeprefix(VIEW)
        if read.startswith(VIEW) and name in type(context.view).RECORDED.values():
            return value_digest(getattr(context.view, name))
        return "unknown"


def recorded_reads(manifest: OutputManifest, unit: Unit) -> tuple[str, ...] | None:
    """What the unit's files read when they were last made; None when the manifest does
    not know one of them."""
    entries = [manifest.files.get(path.as_posix()) for path in unit.paths]
    if any(entry is None or not entry.key for entry in entries):
        return None
    return tuple(sorted({read for entry in entries if entry for read in entry.reads}))


def is_up_to_date(unit: Unit, keys: BuildKeys, manifest: OutputManifest,
                  output_dir: Path) -> bool:
    """Whether every file of ``unit`` was made from the inputs it would be made from now,
    and is still on disk as careerdocs wrote it."""
    reads = recorded_reads(manifest, unit)
    if reads is None:
        return False
    key = keys.key(unit, reads)
    for path in unit.paths:
        entry = manifest.files[path.as_posix()]
        if entry.key != key or not _intact(regular_file(output_dir, path), entry):
            return False
    return True


def _intact(path: Path | None, entry: ManifestEntry) -> bool:
    try:
        return path is not None and file_digest(path) == entry.sha256
    except OSError:
        return False
