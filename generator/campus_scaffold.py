"""``careerdocs campus new``: a new campus that builds at once and explains itself."""

from __future__ import annotations

import textwrap
import unicodedata
from pathlib import Path
from string import Template

import yaml

from .diagnostics import CareerdocsError, Diagnostics, Problem
from .documents import kind_names
from .fonts import available_fonts
from .pipeline.check import load_checked
from .project import Project, is_valid_id
from .publish.atomic_output import write_atomically
from .themes import campus_templates_dir, themes

CAMPUS_FILE = Template("""\
# Campus "$name": its details, its look and what it prints.
# Lines starting with # are comments. Replace the placeholders (the address, the
# e-mail, the logo), then run: careerdocs validate
# Texts are written once per language: $languages.

name:
$names
# true prints a "fictional demo campus" notice on every document: set it to false
# once the address, contact and dates below are real.
fictional: true

# The postal address, one line per item.
address:
  - Address to fill in
  - 00000 City to fill in

contact:
  email: contact@$ident.example   # the campus's e-mail address
  # phone: "+33 1 23 45 67 89"
  # website: https://www.example.org
  # registration: https://www.example.org/open-days   # where visitors sign up for an open day

# Open days, each written YYYY-MM-DD, e.g. [2027-03-13, 2027-04-10]
open_days: []

# A photo of the campus, printed under its name in the guide (PNG or JPEG under
# content/images/, about 2,000 pixels wide for a print shop): what it shows, in each
# language, and its credit (author, licence), printed under it.
# photo:
#   file: images/$ident.jpg
#   alt:
#     fr: La façade du campus, vue depuis la rue.
#     en: The campus building, seen from the street.
#   credit: "Photo: author's name, licence"

brand:
  primary: "#1d3557"          # main colour (#rrggbb): covers, headings, tables
  accent: "#e76f51"           # second colour: badges, rules, bullets
  logo: images/$ident.svg     # a file under content/: SVG, PNG or JPEG, at most 2 MB
  fonts:
    body: lato                # a folder of templates/fonts/: $fonts
    headings: lato
  paper: A4                   # A4 or A5 (guides and handouts; one-pagers stay A4)
  # theme: default             # the guides' look, a folder of templates/: $themes

# The documents this campus prints: $kinds
documents: [$kinds]
# Guides are always made for screens (guide-ID.pdf); add print (for a print shop:
# PDF/X-4 in CMYK, with bleed and crop marks) and/or booklet (for the school's duplex
# printer).
# profiles: [print, booklet]
# The print shop's press: the ICC profile it gives (under content/), the printing
# condition it is for and the total ink its paper takes. Without these, the print
# guide is made for offset on coated paper (FOGRA39), 300 % of ink at most.
# print:
#   icc: images/print-shop.icc
#   condition: FOGRA39
#   ink_limit: 300
# The booklet for the school's printer: its sheet (A4 or A3; by default the next size
# up, A3 for an A4 guide: A4 makes an A5 booklet of it) and the blank margin the
# printer cannot print (0 for one that prints to the edge).
# booklet:
#   sheet: A4
#   margin_mm: 8

# The guides it prints (files of content/guides/), and the roles and comparisons of
# its handouts and one-pagers. Leave these out to print them all.
# guides: [$guides]
# roles: [$roles]
# comparisons: [$comparisons]
""")

PLACEHOLDER_LOGO = Template("""\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120">
  <title>$name (placeholder logo: replace this file)</title>
  <rect width="120" height="120" rx="24" fill="#1d3557"/>
  <text x="60" y="80" font-family="sans-serif" font-size="60" font-weight="bold"
        text-anchor="middle" fill="#ffffff">$initial</text>
</svg>
""")

CAMPUS_README = Template("""\
# Templates of campus $ident

Files in this folder replace the school's files of the same name, for this campus only.
Lookup order: this folder, then the campus's theme (`brand: theme:` in its content file,
or else the school's), then `templates/default/`.

- To change one part of the guides, create `guide.html` here with:

  ```
  {% extends "!default/guide.html" %}
  {% block cover %}
    ... your cover ...
  {% endblock %}
  ```

  The blocks are: `cover`, `contents`, `school`, `roles`, `comparisons`, `campus`,
  `notes`, `back_cover`, and `extra_head` (for a `<style>` of your own).
- To replace a whole part, copy it from `templates/default/partials/` to a `partials/`
  folder here and edit the copy (e.g. `partials/campus.html`).
- To change the look of the Word handouts, put a `reference.docx` edited in Word here
  (start from `templates/default/reference.docx`). Word styles you change there
  (Heading 1, Title, …) apply to every handout of this campus.

Colours, logo, fonts and paper size are set in `content/campuses/$ident.yaml`, not here.
Run `careerdocs validate` after a change: it names the file and line of any mistake.
""")


def new_campus(project: Project, ident: str, name: str) -> list[Path]:
    """Create the content file, a placeholder logo and the template folder of a campus."""
    content = load_checked(project, Diagnostics(allow_missing=True))
    paths = _paths(project, ident)
    _check(project, ident, name, paths)
    # The name goes through a YAML serializer: whatever it holds, it reads back as itself.
    quoted = yaml.safe_dump(name, allow_unicode=True, default_style='"', width=1000)
    names = "\n".join(f"{lang}: {quoted.splitlines()[0]}" for lang in content.languages)
    files = {
        paths["yaml"]: CAMPUS_FILE.substitute(
            name=_comment_text(name), names=textwrap.indent(names, "  "), ident=ident,
            languages=", ".join(content.languages),
            fonts=", ".join(available_fonts(project.root)), kinds=", ".join(kind_names()),
            themes=", ".join(themes(project)),
            roles=", ".join(content.roles), comparisons=", ".join(content.comparisons),
            guides=", ".join(content.guides)),
        paths["logo"]: PLACEHOLDER_LOGO.substitute(
            name=_xml_text(name), initial=_xml_text(name[:1].upper())),
        paths["readme"]: CAMPUS_README.substitute(ident=ident),
    }
    _write_all(project, files)
    return list(paths.values())


def _write_all(project: Project, files: dict[Path, str]) -> None:
    """Write every file, each atomically; if one fails, none is left behind."""
    written: list[Path] = []
    try:
        for path, text in files.items():
            write_atomically(path, text.encode("utf-8"))
            written.append(path)
    except OSError as error:
        for path in written:
            path.unlink(missing_ok=True)
        raise CareerdocsError([Problem(project.display(Path(error.filename or project.root)),
                                       None, None, f"cannot create the campus's files: "
                                       f"{error.strerror or error}")]) from None


def _comment_text(text: str) -> str:
    """The name on one line of a YAML comment."""
    return " ".join(text.split())


def _paths(project: Project, ident: str) -> dict[str, Path]:
    return {
        "yaml": project.content_dir / "campuses" / f"{ident}.yaml",
        "logo": project.content_dir / "images" / f"{ident}.svg",
        "readme": campus_templates_dir(project, ident) / "README.md",
    }


def _check(project: Project, ident: str, name: str, paths: dict[str, Path]) -> None:
    problems = []
    if not is_valid_id(ident):
        problems.append("the campus id becomes a file name: use only lowercase letters, "
                        f"digits and dashes, e.g. lyon or paris-est (not '{ident}')")
    if not name.strip() or len(name) > 80 or any(_unprintable(char) for char in name):
        problems.append("give the campus a name of at most 80 letters, digits, spaces or "
                        "punctuation, e.g. --name \"Campus de Lyon\"")
    existing = [project.display(path) for path in paths.values() if path.exists()]
    if existing and not problems:
        problems.append(f"campus '{ident}' already exists ({', '.join(existing)}): "
                        "choose another id, or edit its files")
    if problems:
        raise CareerdocsError([Problem("command line", None, None, p) for p in problems])


def _unprintable(char: str) -> bool:
    """Control characters, line separators, and the halves of characters a terminal
    could not decode: none of them belongs in a campus name."""
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
