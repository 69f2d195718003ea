"""Generated projects: content nobody tuned, from a seed, for layout tests.

``generate(seed, root)`` writes ``content/`` for one school, one campus and one guide:
1 to 12 roles, lists of 1 to 15 items, texts of 1 to 120 words (comparison cells up
to 50), long words and web addresses, comparisons of 2 or 3 roles, A4 or A5, either
font, light or dark brand colours. The same seed always gives the same project, so
a failure can be replayed: ``generate(SEED, folder)`` then ``careerdocs build``.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator import BuildOptions, CareerdocsError, Project, build

REPO = Path(__file__).resolve().parent.parent
def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


DIMENSIONS = ["vision", "priorities", "interlocutors", "deliverables", "methods", "education",
              "career"]
WORDS = {
    "fr": _words("""
        le la les un une des produit équipe métier projet client données vision
        stratégie développement marché utilisateur besoin fonctionnalité qualité
        réussite entreprise numérique conception analyse gestion suivi
        performance compétence formation évolution carrière responsabilité
        priorité décision collaborer définir organiser piloter présenter mesurer
        améliorer écouter rapidement clairement ensemble chaque toujours souvent
        avec pour dans sur être avoir faire créer garantir Product Owner Scrum
        Master
    """),
    "en": _words("""
        the a an product team role project client data vision strategy
        development market user need feature quality success company digital
        design analysis management follow-up performance skill training growth
        career responsibility priority decision collaborate define organise lead
        present measure improve listen quickly clearly together each always
        often with for in on be have make create ensure Product Owner Scrum
        Master
    """),
}
LONG_WORDS = ["anticonstitutionnellement", "Donaudampfschifffahrtsgesellschaftskapitän",
              "intergouvernementalisations", "hyperspécialisation-transversale"]
URLS = ["https://www.example.org/metiers/product-owner?source=guide&lang=fr",
        "https://careers.example.com/a/very/long/path/to/a/job-description/2027/index.html",
        "contact.carrieres@example.org"]


@dataclass(frozen=True)
class Spec:
    """What a generated project is, for the test's messages."""

    seed: int
    paper: str
    roles: int
    comparisons: int
    moves: int = 0  # "moves on to" between the roles: the guide draws a career map
    photos: int = 0
    theme: str = "default"

    def __str__(self) -> str:
        return (f"seed {self.seed} ({self.paper}, theme {self.theme}, {self.roles} roles, "
                f"{self.comparisons} comparisons, {self.moves} moves, {self.photos} photos)")


class Writer:
    """Random texts in both languages, from one seeded generator."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def words(self, lang: str, count: int) -> str:
        chosen = [self.rng.choice(WORDS[lang]) for _ in range(count)]
        if count > 6 and self.rng.random() < 0.15:
            chosen[self.rng.randrange(count)] = self.rng.choice(LONG_WORDS)
        if count > 6 and self.rng.random() < 0.1:
            chosen[self.rng.randrange(count)] = self.rng.choice(URLS)
        return " ".join(chosen)

    def text(self, low: int, high: int, sentence: bool = True,
             limit: int = 100_000) -> dict[str, str]:
        """Between ``low`` and ``high`` words in each language, within the schema's
        ``limit`` of characters for that field."""
        count = self.rng.randint(low, high)
        texts = {}
        for lang in ("fr", "en"):
            words = self.words(lang, count).split()
            while len(" ".join(words)) + 1 > limit and len(words) > 1:
                words.pop()
            text = " ".join(words)[:limit - 1]
            texts[lang] = text[:1].upper() + text[1:] + ("." if sentence and count > 3 else "")
        return texts

    def texts(self, items: tuple[int, int], words: tuple[int, int]) -> list[dict[str, str]]:
        return [self.text(*words) for _ in range(self.rng.randint(*items))]

    def long_or_short(self) -> tuple[int, int]:
        """Most list items are short; some are long paragraphs."""
        return (1, 120) if self.rng.random() < 0.1 else (1, 30)


THEMES = ("default", "bold", "classic")  # the folders of templates/ a campus can pick


def _skeleton(root: Path) -> Path:
    """The repository's templates, empty content folders and a logo; the content folder."""
    shutil.copytree(REPO / "templates", root / "templates",
                    ignore=shutil.ignore_patterns("campuses"))
    content = root / "content"
    for folder in ("roles", "comparisons", "guides", "campuses", "images"):
        (content / folder).mkdir(parents=True)
    shutil.copy(REPO / "content/images/demo-nord.svg", content / "images/logo.svg")
    return content


def generate(seed: int, root: Path) -> Spec:
    """Write a project under ``root`` (templates copied from the repository)."""
    writer = Writer(seed)
    rng = writer.rng
    content = _skeleton(root)
    role_ids = [f"role-{n:02d}" for n in range(1, rng.randint(1, 12) + 1)]
    _dump(content / "school.yaml", _school(writer))
    moves = photos = 0
    for role_id in role_ids:
        role = _role(writer, role_id, role_ids)
        # Photos draw from a random stream of their own: the texts of a seed stay the same.
        if photo := _photo(content, random.Random(f"{seed}-{role_id}"), role_id):
            role["photo"], photos = photo, photos + 1
        moves += len(role["moves_on_to"])
        _dump(content / "roles" / f"{role_id}.yaml", role)
    comparison_ids = []
    if len(role_ids) >= 2:
        for n in range(1, rng.randint(0, 3) + 1):
            comparison_ids.append(f"comparison-{n}")
            _dump(content / "comparisons" / f"comparison-{n}.yaml", _comparison(writer, role_ids))
    _dump(content / "guides/generated.yaml", {
        "title": writer.text(2, 12, sentence=False, limit=100),
        "subtitle": writer.text(3, 30, limit=240),
        "why": writer.text(1, 120), "roles": role_ids, "comparisons": comparison_ids})
    paper = rng.choice(["A4", "A5"])
    campus = _campus(writer, paper)
    if photo := _photo(content, random.Random(f"{seed}-campus"), "campus"):
        campus["photo"], photos = photo, photos + 1
    # The theme too: the texts and colours of a seed stay those it always had.
    theme = campus["brand"]["theme"] = random.Random(f"{seed}-theme").choice(THEMES)
    _dump(content / "campuses/campus.yaml", campus)
    return Spec(seed, paper, len(role_ids), len(comparison_ids), moves, photos, theme)


def _photo(content: Path, rng: random.Random, name: str) -> dict | None:
    """A photo for a role or a campus, two times in five: coloured discs on a sky, of a
    random shape (tall, wide), sharp enough for a screen."""
    if rng.random() >= 0.4:
        return None
    from PIL import Image, ImageDraw

    width, height = rng.choice([(1100, 400), (1000, 1000), (700, 1000), (1600, 500)])
    image = Image.new("RGB", (width, height), (120, 170, 210))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(40, 300)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in "rgb"))
    image.save(content / "images" / f"{name}.jpg", quality=85)
    return {"file": f"images/{name}.jpg",
            "alt": {"fr": f"Photo d'illustration ({name})", "en": f"An illustration ({name})"},
            "credit": f"Photo : générée pour les tests ({name}), domaine public"}


def _school(writer: Writer) -> dict:
    return {"name": "École Générée", "languages": ["fr", "en"],
            "mission": writer.text(1, 120), "pitch": writer.text(1, 120),
            "programmes": writer.texts((0, 4), (1, 12)),
            "call_to_action": writer.text(3, 25), "website": "https://www.example.org"}


def _role(writer: Writer, role_id: str, all_ids: list[str]) -> dict:
    rng = writer.rng
    letters = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(rng.randint(2, 6)))
    role = {
        "title": writer.text(1, 5, sentence=False, limit=80),
        "short_title": {"fr": letters, "en": letters},
        "hook": writer.text(1, 40, limit=300), "summary": writer.text(1, 120),
        "missions": writer.texts((1, 15), writer.long_or_short()),
        "skills": {"know_how": writer.texts((1, 15), writer.long_or_short()),
                   "soft_skills": writer.texts((0, 8), (1, 20))},
        "education": writer.text(1, 120), "access": writer.texts((0, 3), (1, 60)),
        "career_path": writer.text(1, 80),
        "related_roles": rng.sample([i for i in all_ids if i != role_id],
                                    min(rng.randint(0, 3), len(all_ids) - 1)),
        "moves_on_to": rng.sample([i for i in all_ids if i != role_id],
                                  min(rng.choice([0, 0, 1, 1, 2, 3]), len(all_ids) - 1)),
        "also_known_as": writer.texts((0, 3), (1, 4)),
        "working_methods": writer.texts((0, 8), (1, 25)),
        "links": [{"label": writer.text(1, 8, sentence=False), "url": rng.choice(URLS[:2])}
                  for _ in range(rng.randint(0, 3))],
    }
    if rng.random() < 0.3:
        role["codes"] = {"rome": "N9999", "esco_uri": "https://esco.example.org/occupation/x"}
    return role


def _comparison(writer: Writer, role_ids: list[str]) -> dict:
    rng = writer.rng
    roles = rng.sample(role_ids, min(rng.choice([2, 3]), len(role_ids)))
    keys = rng.sample(DIMENSIONS, rng.randint(1, len(DIMENSIONS)))
    return {"title": writer.text(2, 10, sentence=False, limit=120), "intro": writer.text(1, 60),
            "roles": roles,
            "dimensions": [{"key": key, "values": {r: writer.text(1, 50) for r in roles}}
                           for key in keys],
            "shared": writer.texts((0, 5), (1, 30)),
            **({"link": writer.text(1, 80)} if rng.random() < 0.7 else {}),
            "questions": writer.texts((0, 4), (3, 20))}


def _campus(writer: Writer, paper: str) -> dict:
    rng = writer.rng

    def colour() -> str:
        return "#" + "".join(f"{rng.randrange(256):02x}" for _ in range(3))

    return {
        "name": writer.text(1, 4, sentence=False), "fictional": True,
        "address": [" ".join(writer.words("fr", rng.randint(1, 6)).split())
                    for _ in range(rng.randint(1, 4))],
        "contact": {"email": "contact@campus.example", "website": "https://campus.example"},
        "open_days": [f"2027-0{month}-1{day}" for month, day in
                      zip(range(1, rng.randint(1, 4)), range(3), strict=False)],
        "brand": {"primary": colour(), "accent": colour(), "logo": "images/logo.svg",
                  "fonts": {"body": rng.choice(["lato", "noto-serif"]),
                            "headings": rng.choice(["lato", "noto-serif"])},
                  "paper": paper},
        "documents": ["guide"],
    }


def _dump(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")


def one_pager_project(seed: int, root: Path) -> int:
    """A generated project printing only one-pagers, half of them in landscape."""
    generate(seed, root)
    campus = root / "content" / "campuses" / "campus.yaml"
    data = yaml.safe_load(campus.read_text(encoding="utf-8"))
    data["documents"] = ["comparison"]
    campus.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    files = sorted((root / "content" / "comparisons").glob("*.yaml"))
    for index, path in enumerate(files):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["orientation"] = ("portrait", "landscape")[(seed + index) % 2]
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return len(files)


def build_fitting(root: Path) -> bool:
    """Build the project, leaving out the comparisons whose PDF cannot fit (the build
    refuses those in both formats, with the same message): the others are measured."""
    for _attempt in range(4):
        try:
            build(Project.at(root), BuildOptions())
            return True
        except CareerdocsError as error:
            refused = set(re.findall(r"the comparison '([\w-]+)' does not fit", error.report()))
            if not refused:
                print(f"{root.name}: not built\n{error.report()}")
                return False
            for comparison_id in refused:
                (root / "content" / "comparisons" / f"{comparison_id}.yaml").unlink()
                guide = root / "content" / "guides" / "generated.yaml"
                data = yaml.safe_load(guide.read_text(encoding="utf-8"))
                data["comparisons"] = [c for c in data["comparisons"] if c != comparison_id]
                guide.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            if not any((root / "content" / "comparisons").glob("*.yaml")):
                return False
    return False


GUIDE_ROLES = 8  # roles per guide of a scaled project
COMPARISON_ROLES = 5  # one comparison per this many roles


def scaled_project(root: Path, roles: int, campuses: int, seed: int = 0,
                   languages: tuple[str, ...] = ("fr", "en")) -> int:
    """A project of ``roles`` generated roles printed by ``campuses`` campuses in every
    kind: a guide per 8 roles, a one-pager per 5 roles (of modest length, so that it
    fits); the number of documents it makes."""
    writer = Writer(seed)

    def dump(path: Path, data: object) -> None:
        _dump(path, _only(data, languages))

    content = _skeleton(root)
    dump(content / "school.yaml", {**_school(writer), "languages": list(languages)})
    role_ids = [f"role-{n:02d}" for n in range(1, roles + 1)]
    for role_id in role_ids:
        dump(content / "roles" / f"{role_id}.yaml", _role(writer, role_id, role_ids))
    comparisons = _scaled_comparisons(writer, content, role_ids, dump)
    for start in range(0, roles, GUIDE_ROLES):
        members = role_ids[start:start + GUIDE_ROLES]
        dump(content / "guides" / f"guide-{start // GUIDE_ROLES + 1}.yaml", {
            "title": writer.text(2, 8, sentence=False, limit=100),
            "subtitle": writer.text(3, 20, limit=240), "why": writer.text(20, 60),
            "roles": members,
            "comparisons": [c for c, pair in comparisons.items() if set(pair) <= set(members)]})
    for n in range(1, campuses + 1):
        campus = {**_campus(writer, "A4"), "documents": ["guide", "handout", "comparison"]}
        dump(content / "campuses" / f"campus-{n}.yaml", campus)
    per_campus = -(-roles // GUIDE_ROLES) + roles + 2 * len(comparisons)
    return per_campus * campuses * len(languages)


def _only(value: object, languages: tuple[str, ...]) -> object:
    """``value`` with the texts of other languages than ``languages`` left out."""
    if isinstance(value, dict):
        if value and set(value) <= {"fr", "en"}:
            return {lang: text for lang, text in value.items() if lang in languages}
        return {key: _only(item, languages) for key, item in value.items()}
    if isinstance(value, list):
        return [_only(item, languages) for item in value]
    return value


def _scaled_comparisons(writer: Writer, content: Path, role_ids: list[str],
                        dump: Callable[[Path, object], None]) -> dict[str, tuple[str, str]]:
    """A one-pager for each pair of neighbours, one per COMPARISON_ROLES roles."""
    made = {}
    for index in range(0, len(role_ids) - 1, COMPARISON_ROLES):
        pair = (role_ids[index], role_ids[index + 1])
        ident = f"comparison-{index // COMPARISON_ROLES + 1}"
        dump(content / "comparisons" / f"{ident}.yaml", {
            "title": writer.text(2, 8, sentence=False, limit=120), "intro": writer.text(5, 30),
            "roles": list(pair),
            "dimensions": [{"key": key, "values": {r: writer.text(5, 25) for r in pair}}
                           for key in DIMENSIONS[:4]],
            "shared": writer.texts((1, 3), (3, 15)), "link": writer.text(5, 30),
            "questions": writer.texts((1, 3), (3, 12))})
        made[ident] = pair
    return made
