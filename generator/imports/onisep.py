"""Onisep's Idéo-Fiches métiers (ODbL): the XML export
``Onisep_Ideo_Fiches_Metiers_DDMMYYYY.xml`` (or its zip), one ``<metier>`` per job,
its texts HTML inside CDATA. French only.

A role from one ``identifiant`` (``MET.31``): its name (``nom_metier``), its hook
(``accroche_metier``), its short description (``format_court``), what the work is
(``nature_travail``: its parts' titles as missions), its skills (``competences``), how
to get there (``acces_metier``; the minimum studies of ``formations_min_requise``),
its working life (``vie_professionnelle``), its other names (``synonymes``), and its
ROME code (``romesV3``, a code of ROME's version 3)."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from ..limits import MAX_LIST_ITEMS
from .files import Dataset, refused
from .htmltext import items, paragraph
from .record import Imported, Source, unknown_code

TITLE = "Idéo-Fiches métiers"
LICENCE = "ODbL"


def read_onisep(dataset: Dataset, code: str) -> Imported:
    name = dataset.find("*.xml", "XML export of Idéo-Fiches métiers")
    jobs = _jobs(dataset, name)
    if code not in jobs:
        labels = {key: _text(job, "nom_metier") for key, job in jobs.items()}
        raise unknown_code(dataset.display(name), code, list(jobs), labels, "métier")
    job = jobs[code]
    if not (date := _date(name)):
        raise refused(dataset.display(name), "does not say its date in its name "
                      "(Onisep_Ideo_Fiches_Metiers_DDMMYYYY.xml), which the licence asks to "
                      "print: give it its downloaded name again")
    record = Imported(Source("onisep", TITLE, date, LICENCE, code), codes={"onisep_id": code})
    record.put_text("title", "fr", _text(job, "nom_metier"))
    record.put_text("hook", "fr", paragraph(_text(job, "accroche_metier")))
    record.put_text("summary", "fr", paragraph(_short(job)))
    record.put_text("education", "fr", paragraph(_text(job, "acces_metier")))
    record.put_text("career_path", "fr", paragraph(_text(job, "vie_professionnelle")))
    record.put_list("missions", "fr", items(_text(job, "nature_travail"))[:MAX_LIST_ITEMS])
    record.put_list("soft_skills", "fr", items(_text(job, "competences"))[:MAX_LIST_ITEMS])
    record.put_list("access", "fr", [_text(found, "libelle") for found in
                                     job.iterfind("formations_min_requise/*")][:MAX_LIST_ITEMS])
    record.put_list("also_known_as", "fr", _synonyms(job)[:MAX_LIST_ITEMS])
    if (rome := _text(job, "romesV3/romeV3")) and re.fullmatch(r"[A-N][0-9]{4}", rome):
        record.codes["rome"] = rome
    return record


def _jobs(dataset: Dataset, name: str) -> dict[str, Element]:
    try:
        root = fromstring(dataset.read(name), forbid_dtd=True)
    except (ParseError, DefusedXmlException) as error:
        raise refused(dataset.display(name), f"is not the XML Onisep exports ({error}): "
                      "use the file as downloaded") from None
    jobs = {_text(job, "identifiant"): job for job in root.iter("metier")}
    if not jobs:
        raise refused(dataset.display(name), "holds no <metier>: it is not the export of "
                      "Idéo-Fiches métiers (see the README for where to get it)")
    return jobs


def _text(element: Element, path: str) -> str:
    found = element.find(path)
    return "".join(found.itertext()).strip() if found is not None else ""


def _short(job: Element) -> str:
    """The short description: ``format_court``, or the newer wrapper's ``descriptif``."""
    return _text(job, "format_court/descriptif") or _text(job, "formats_courts/format_court/"
                                                              "descriptif") or \
        _text(job, "format_court")


def _synonyms(job: Element) -> list[str]:
    """Each synonym: its ``nom_metier``, or its own text (both shapes are exported)."""
    return [_text(synonym, "nom_metier") or "".join(synonym.itertext()).strip()
            for synonym in job.iterfind("synonymes/synonyme")]


def _date(name: str) -> str:
    """The export's date, from its name (``…_09122024.xml``): 09/12/2024."""
    found = re.search(r"_(\d{2})(\d{2})(\d{4})\.xml$", name)
    return f"{found.group(1)}/{found.group(2)}/{found.group(3)}" if found else ""
