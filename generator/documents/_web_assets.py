"""What the web edition's pages load besides themselves: the bundled fonts as WOFF2, the
pictures under names a web server serves as they are, the other languages' pages, and
the search index.

The search index lists each role's words cut to their stem by the Snowball stemmer of
the page's language (``missions`` and ``mission`` are one word), without accents; the
page's script matches each word the reader types against those stems.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
from pathlib import Path, PurePosixPath

from babel import Locale

from ..fonts import FontFace
from ..render.reads import read_project_file
from ..resolve.markup import to_plain
from ..resolve.viewmodel import DocumentView, RoleView
from ..usercache import cache_dir, cached

# The characters the pages' fonts keep: Latin (French, English and their neighbours),
# punctuation, currency, arrows. The rest of a font is left out: a phone loads a
# fifth of it.
LATIN = [*range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x2000, 0x2070),
         *range(0x20A0, 0x20C0), *range(0x2100, 0x2150), *range(0x2190, 0x2200), 0x2212]
MIN_STEM = 2  # shorter stems ("a", "l") would match every role


def font_file(face: FontFace) -> str:
    """A font's name in the site: ``assets/fonts/Lato-700-italic.woff2``."""
    family = face.family.replace(" ", "")
    return f"assets/fonts/{family}-{face.weight}-{face.style}.woff2"


def licence_file(face: FontFace) -> str:
    """The licence of a font's family, shipped beside it."""
    return f"assets/fonts/{face.family.replace(' ', '')}-licence.txt"


LICENCE = re.compile(r"(OFL|LICEN[CS]E|COPYING)\b", re.IGNORECASE)


def licence_source(root: Path, face: FontFace) -> str | None:
    """The licence file of a font's folder (``OFL.txt``, ``LICENSE``…), project-relative;
    None when the folder has none."""
    folder = PurePosixPath(face.url).parent
    found = sorted(path.name for path in (root / folder).iterdir()
                   if LICENCE.match(path.name) and path.is_file() and not path.is_symlink())
    return str(folder / found[0]) if found else None


def picture_file(source: str) -> str:
    """A project picture's name in the site: its name in letters, digits and dashes, and
    a digest of its path (two pictures of one name in two folders stay two)."""
    path = PurePosixPath(source)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem).strip("-")[:40] or "picture"
    suffix = re.sub(r"[^A-Za-z0-9.]", "", path.suffix.lower())[:6]
    digest = hashlib.sha256(source.encode()).hexdigest()[:8]
    return f"assets/images/{stem}-{digest}{suffix}"


def woff2(root: Path, relative: str) -> bytes:
    """A bundled font as WOFF2, its Latin characters only (read as a project file). A
    font takes a second to compress: each is kept in the user cache, by its digest and
    the characters kept."""
    font = read_project_file(root, relative)
    key = hashlib.sha256(font + repr(LATIN).encode()).hexdigest()
    return cached(cache_dir("woff2"), f"{key}.woff2", lambda: _compressed(font))


def _compressed(font: bytes) -> bytes:
    from fontTools import subset  # only for the web edition

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    loaded = subset.load_font(io.BytesIO(font), options, dontLoadGlyphNames=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=LATIN)
    subsetter.subset(loaded)
    written = io.BytesIO()
    subset.save_font(loaded, written, options)
    return written.getvalue()


def language_links(view: DocumentView) -> list[dict[str, str]]:
    """The same page in each other language of the school: its code, and its name in
    that language (a reader looks for the name of their own language)."""
    return [{"lang": lang, "name": Locale.parse(lang).get_display_name(lang) or lang,
             "folder": f"../../{lang}/site/"} for lang in view.languages if lang != view.lang]


def normalised(word: str) -> str:
    """A word without case or accents: ``Équipe`` → ``equipe``."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def role_words(role: RoleView) -> str:
    """Every text of a role's page, as plain words."""
    texts = [role.title, role.short_title, role.hook, role.summary, *role.missions,
             *role.know_how, *role.soft_skills, *role.working_methods, role.education,
             *role.access, role.career_path, *role.also_known_as]
    return " ".join(to_plain(text) for text in texts if text)


def stems(text: str, lang: str) -> list[str]:
    """The distinct stems of a text's words, sorted: cut by the Snowball stemmer of the
    language (``fr`` → ``french``), or left whole in a language Snowball has none for."""
    import snowballstemmer  # only for the web edition

    words = re.findall(r"\w+", text.casefold())
    algorithm = (Locale.parse(lang).english_name or "").lower()
    if algorithm in snowballstemmer.algorithms():
        words = snowballstemmer.stemmer(algorithm).stemWords(words)
    return sorted({normalised(word) for word in words if len(word) >= MIN_STEM})


def search_script(view: DocumentView, shown: list[RoleView]) -> bytes:
    """The search index, as a script the pages load (a page opened from a disk, with
    no web server, cannot fetch a JSON file, but runs a script)."""
    roles = [{"title": role.title, "file": f"role-{role.id}.html", "hook": to_plain(role.hook),
              "stems": stems(role_words(role), view.lang)} for role in shown]
    data = json.dumps({"lang": view.lang, "roles": roles}, ensure_ascii=False,
                      sort_keys=True, separators=(",", ":"))
    return f"window.careerdocsSearch = {data};\n".encode()
