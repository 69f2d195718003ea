"""ROME 4.0 (France Travail, Licence Ouverte): the zip of CSV files "Toutes les données
du ROME" (``unix_*_v4NN_utf8.csv``, UTF-8, comma, every field quoted). French only.

A role from one ``code_rome``: its name (``referentiel_code_rome``), its definition and
how to get there (``texte``, one row per sentence, by ``position_phrase``), its other
job titles (``referentiel_appellation``, those not marked rarely used), its skills
(``coherence_item`` → ``referentiel_competence``), and the jobs it leads to
(``rubrique_mobilite``, by ``numero_ordre``)."""

from __future__ import annotations

import re

from ..limits import MAX_LIST_ITEMS
from .files import Dataset, refused
from .record import Imported, Source, unknown_code

TITLE = "ROME 4.0 (Répertoire opérationnel des métiers et des emplois)"
LICENCE = "Licence Ouverte"
CODE = re.compile(r"^[A-N][0-9]{4}$")


def read_rome(dataset: Dataset, code: str) -> Imported:
    codes = dataset.find("unix_referentiel_code_rome_v4*_utf8.csv", "list of ROME codes")
    labels = {row["code_rome"]: row["libelle_rome"]
              for _line, row in dataset.rows(codes, ("code_rome", "libelle_rome"))}
    if code not in labels:
        raise unknown_code(dataset.display(codes), code, list(labels), labels, "ROME code")
    version = _version(dataset, codes)
    if not version:
        raise refused(str(dataset.path), "says neither its version nor its date (version.txt, "
                      "or _v4NN_ in its files' names), which the licence asks to print: use "
                      "the zip as downloaded")
    record = Imported(Source("rome", TITLE, version, LICENCE, code), codes={"rome": code})
    record.put_text("title", "fr", labels[code])
    _texts(dataset, code, record)
    _titles(dataset, code, labels[code], record)
    _skills(dataset, code, record)
    _moves(dataset, code, record)
    return record


def _version(dataset: Dataset, codes: str) -> str:
    """The release, as ``version.txt`` says it (its first line), else the files' names."""
    if dataset.has("version.txt"):
        lines = [line.strip() for line in dataset.text(dataset.find("version.txt", "")).
                 splitlines() if line.strip()]
        if lines:
            return lines[0][:200]
    found = re.search(r"_v4(\d+)_", codes)
    return f"version {found.group(1)}" if found else ""


def _texts(dataset: Dataset, code: str, record: Imported) -> None:
    """The definition (one paragraph) and the access to the job (one item a sentence)."""
    name = dataset.find("unix_texte_v4*_utf8.csv", "texts of the jobs")
    sentences: dict[str, list[tuple[int, str]]] = {}
    for line, row in dataset.rows(name, ("code_rome", "libelle_type_texte", "position_phrase",
                                         "libelle_texte")):
        if row["code_rome"] == code:
            sentences.setdefault(row["libelle_type_texte"], []).append(
                (_number(row["position_phrase"], dataset.display(name), line),
                 row["libelle_texte"]))
    ordered = {kind: [text for _position, text in sorted(found)]
               for kind, found in sentences.items()}
    record.put_text("summary", "fr", " ".join(ordered.get("definition", [])))
    record.put_list("access", "fr", ordered.get("acces_metier", [])[:MAX_LIST_ITEMS])


def _number(value: str, where: str, line: int) -> int:
    if not value.strip().isdigit():
        raise refused(where, f"has '{value}' where a position is a number", line)
    return int(value)


def _titles(dataset: Dataset, code: str, title: str, record: Imported) -> None:
    name = dataset.find("unix_referentiel_appellation_v4*_utf8.csv", "job titles")
    titles = [row["libelle_appellation_long"]
              for _line, row in dataset.rows(name, ("code_rome", "libelle_appellation_long"))
              if row["code_rome"] == code and row.get("peu_usite", "") != "O"
              and row["libelle_appellation_long"] != title]
    record.put_list("also_known_as", "fr", titles[:MAX_LIST_ITEMS])


def _skills(dataset: Dataset, code: str, record: Imported) -> None:
    """The skills the job's fiche lists, in the order of ``coherence_item``."""
    if not dataset.has("unix_coherence_item_v4*_utf8.csv"):
        return
    links = dataset.find("unix_coherence_item_v4*_utf8.csv", "skills of the jobs")
    skills = dataset.find("unix_referentiel_competence_v4*_utf8.csv", "list of skills")
    wanted = [row["code_ogr"] for _line, row in dataset.rows(links, ("code_rome", "code_ogr"))
              if row["code_rome"] == code]
    labels = {row["code_ogr"]: row["libelle_competence"]
              for _line, row in dataset.rows(skills, ("code_ogr", "libelle_competence"))}
    found = [labels[ogr] for ogr in wanted if ogr in labels]
    record.put_list("know_how", "fr", found[:MAX_LIST_ITEMS])


def _moves(dataset: Dataset, code: str, record: Imported) -> None:
    if not dataset.has("unix_rubrique_mobilite_v4*_utf8.csv"):
        return
    name = dataset.find("unix_rubrique_mobilite_v4*_utf8.csv", "moves between jobs")
    moves = sorted((_number(row["numero_ordre"], dataset.display(name), line),
                    row["code_rome_cible"]) for line, row in dataset.rows(
                        name, ("code_rome", "code_rome_cible", "numero_ordre"))
                   if row["code_rome"] == code)
    record.leads_to = [target for _order, target in moves]
