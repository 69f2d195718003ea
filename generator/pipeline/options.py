"""What a build is asked to make (the command line's options), in a module that loads
nothing else: the quick check of an up-to-date build needs only this."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuildOptions:
    """What to build; an empty tuple means "all"."""

    campuses: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    output_dir: Path | None = None
    roles: tuple[str, ...] = ()
    allow_missing: bool = False  # missing translations: warnings, another language printed
    profiles: tuple[str, ...] = ()  # guides for print or booklet too (besides screen)
    jobs: int | None = None  # documents made at once; None: one per processor
    force: bool = False  # make every document again, even those up to date

    def cache_label(self) -> str:
        """The options that decide which files a build makes, as recorded for the next
        build in the output folder's manifest (the folder itself is where the manifest
        is; how many at once, or whether forced, changes no file)."""
        return repr((self.campuses, self.languages, self.documents, self.roles,
                     self.allow_missing, self.profiles))

    @property
    def is_full(self) -> bool:
        """Everything is built: no campus, language, document or role was picked."""
        return not (self.campuses or self.languages or self.documents or self.roles)
