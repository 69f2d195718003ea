"""TEST DATA, written for careerdocs' tests: small downloads of the four open datasets
in their published structure (file names, headers, delimiters, quoting, encodings), with
invented records. None of these words comes from the real datasets; the demo content
stays the seed's."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

ROME_CODE = "N9901"  # invented, of the ROME's shape (no real code is numbered 99xx)
ROME = {
    "version.txt": "ROME 4.0 version 99 test data, 01/01/2027\n",
    "unix_referentiel_code_rome_v499_utf8.csv": [
        ["code_rome", "code_fiche_metier", "code_ogr", "libelle_rome", "transition_eco",
         "transition_num", "transition_demo", "emploi_reglemente", "emploi_cadre",
         "code_rome_parent"],
        [ROME_CODE, "1", "1", "Testeur / Testeuse de fiches", "", "", "", "", "", "N9901"],
        ["N9902", "2", "2", "Relecteur / Relectrice de fiches", "", "", "", "", "", "N9902"],
        ["N9910", "3", "3", "Archiviste de fiches", "", "", "", "", "", "N9910"]],
    "unix_referentiel_appellation_v499_utf8.csv": [
        ["code_ogr", "libelle_appellation_long", "libelle_appellation_court", "code_rome",
         "transition_eco", "transition_num", "transition_demo", "emploi_reglemente",
         "emploi_cadre", "classification", "origine", "code_rome_parent", "peu_usite"],
        ["10", "Vérificateur / Vérificatrice de fiches", "Vérificateur", ROME_CODE, "", "", "",
         "", "", "SYNONYME", "", ROME_CODE, "N"],
        ["11", "Contrôleur de fiches rare", "Contrôleur", ROME_CODE, "", "", "", "", "",
         "SYNONYME", "", ROME_CODE, "O"]],
    "unix_texte_v499_utf8.csv": [
        ["code_rome", "code_compo_bloc", "libelle_type_texte", "position_phrase",
         "libelle_texte"],
        [ROME_CODE, "3", "definition", "2", "Il les corrige, avec soin."],
        [ROME_CODE, "3", "definition", "1", "Vérifie des fiches de test, une à une."],
        [ROME_CODE, "4", "acces_metier", "1", "Ce métier de test est accessible sans diplôme."],
        [ROME_CODE, "4", "acces_metier", "2", "Une expérience de la relecture est appréciée."]],
    "unix_coherence_item_v499_utf8.csv": [
        ["code_rome", "code_ogr", "coeur_metier"],
        [ROME_CODE, "500", "Principale"], [ROME_CODE, "501", ""]],
    "unix_referentiel_competence_v499_utf8.csv": [
        ["code_ogr", "nature", "libelle_competence", "definition", "code_ogr_macro_comp",
         "code_macro_comp", "cat_comp", "sous_cat_comp", "transition_eco", "transition_num",
         "libelle_heterogeneite", "libelle_origine"],
        ["500", "Compétence", "Relire une fiche de test", "", "", "", "", "", "", "", "", ""],
        ["501", "Compétence", "Classer des fiches par thème", "", "", "", "", "", "", "", "",
         ""]],
    "unix_rubrique_mobilite_v499_utf8.csv": [
        ["code_rome", "code_rome_cible", "numero_ordre"],
        [ROME_CODE, "N9910", "2"], [ROME_CODE, "N9902", "1"]],
}

ONISEP_ID = "MET.9901"
ONISEP_FILE = "Onisep_Ideo_Fiches_Metiers_01012027.xml"


def onisep_xml(hook: str = "Il <strong>vérifie</strong> des fiches de test.") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<metiers>
<metier>
<identifiant>{ONISEP_ID}</identifiant>
<nom_metier>testeur/euse de fiches</nom_metier>
<libelle_feminin>testeuse de fiches</libelle_feminin>
<libelle_masculin>testeur de fiches</libelle_masculin>
<synonymes><synonyme><nom_metier>vérificateur/trice de fiches</nom_metier></synonyme>
<synonyme>relecteur de test</synonyme></synonymes>
<romesV3><romeV3>N9901</romeV3></romesV3>
<accroche_metier><![CDATA[<p>{hook}</p>]]></accroche_metier>
<format_court><![CDATA[<p>Le testeur de fiches relit des fiches inventées.</p>]]></format_court>
<nature_travail><![CDATA[<h4>Relire les fiches</h4><p>Il relit chaque fiche.</p>
<h4>Classer les fiches</h4><p>Il les range par thème.</p>]]></nature_travail>
<competences><![CDATA[<h4>Rigueur</h4><p>Une fiche ne doit rien oublier.</p>]]></competences>
<acces_metier><![CDATA[<p>Accessible avec un
<a href="https://example.org/test">diplôme de test</a>.</p>]]></acces_metier>
<vie_professionnelle><![CDATA[<p>Il peut devenir archiviste de fiches.</p>]]></vie_professionnelle>
<formations_min_requise><formation_min_requise><id>FOR.1</id><libelle>bac de test</libelle>
</formation_min_requise></formations_min_requise>
</metier>
<metier><identifiant>MET.9902</identifiant><nom_metier>archiviste de fiches</nom_metier></metier>
</metiers>
"""


ESCO_URI = "http://data.europa.eu/esco/occupation/00000000-0000-4000-8000-000000009901"
ESCO_CODE = "9999.1"
ESCO_OCCUPATION_HEADER = ["conceptType", "conceptUri", "iscoGroup", "preferredLabel",
                          "altLabels", "hiddenLabels", "status", "modifiedDate",
                          "regulatedProfessionNote", "scopeNote", "definition", "inScheme",
                          "description", "code", "naceCode"]
ESCO_WORDS = {
    "fr": ("testeur de fiches", "vérificateur de fiches\ncontrôleur de fiches",
           "Les testeurs de fiches vérifient des fiches inventées.",
           ["relire des fiches", "classer des fiches"]),
    "en": ("record tester", "record checker",
           "Record testers check invented records.", ["proofread records", "file records"]),
}
SKILLS = ["http://data.europa.eu/esco/skill/00000000-0000-4000-8000-00000000a001",
          "http://data.europa.eu/esco/skill/00000000-0000-4000-8000-00000000a002"]

ONET_CODE = "99-9901.00"
ONET = {
    "Occupation Data.txt": [["O*NET-SOC Code", "Title", "Description"],
                            [ONET_CODE, "Record Testers", "Check invented records, one by one."],
                            ["99-9902.00", "Record Filers", "File invented records."]],
    "Task Statements.txt": [["O*NET-SOC Code", "Task ID", "Task", "Task Type",
                             "Incumbents Responding", "Date", "Domain Source"],
                            [ONET_CODE, "1", "Check each record for errors.", "Core", "10",
                             "01/2027", "Incumbent"],
                            [ONET_CODE, "2", "Sort records by theme.", "Supplemental", "10",
                             "01/2027", "Incumbent"],
                            [ONET_CODE, "3", "Report errors to the team.", "Core", "10",
                             "01/2027", "Incumbent"]],
    "Alternate Titles.txt": [["O*NET-SOC Code", "Alternate Title", "Short Title", "Source(s)"],
                             [ONET_CODE, "Record Checker", "n/a", "08"]],
    "Related Occupations.txt": [["O*NET-SOC Code", "Related O*NET-SOC Code",
                                 "Relatedness Tier", "Index"],
                                [ONET_CODE, "99-9902.00", "Primary-Short", "1"]],
}


def _csv(rows: list[list[str]], delimiter: str = ",", quote_all: bool = True) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n",
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_NONE,
                        escapechar=None if quote_all else "\\")
    writer.writerows(rows)
    return out.getvalue()


def rome_zip(folder: Path, texts: dict[str, str] | None = None) -> Path:
    """The ROME's "RefRomeCsv.zip": every field quoted, UTF-8."""
    path = folder / "RefRomeCsv.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, rows in ROME.items():
            archive.writestr(name, rows if isinstance(rows, str) else _csv(rows))
        for name, text in (texts or {}).items():
            archive.writestr(name, text)
    return path


def onisep_file(folder: Path, hook: str | None = None) -> Path:
    path = folder / ONISEP_FILE
    path.write_text(onisep_xml(hook) if hook else onisep_xml(), encoding="utf-8")
    return path


def esco_zip(folder: Path, lang: str, description: str | None = None) -> Path:
    """One language's CSV download, release 1.2 (its folder says the version)."""
    label, alt, text, skills = ESCO_WORDS[lang]
    inside = f"ESCO dataset - v1.2.1 - classification - {lang} - csv/"
    occupation = ["Occupation", ESCO_URI, "9999", label, alt, "", "released",
                  "2027-01-01T00:00:00Z", "", "", "", "", description or text, ESCO_CODE, ""]
    relations = [["occupationUri", "occupationLabel", "relationType", "skillType", "skillUri",
                  "skillLabel"]] + [[ESCO_URI, label, "essential", "skill/competence", uri,
                                     skill] for uri, skill in zip(SKILLS, skills, strict=True)]
    relations.append([ESCO_URI, label, "optional", "knowledge", SKILLS[0] + "0", "x"])
    path = folder / f"esco-{lang}.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(inside + f"occupations_{lang}.csv",
                         _csv([ESCO_OCCUPATION_HEADER, occupation], quote_all=True))
        archive.writestr(inside + f"occupationSkillRelations_{lang}.csv", _csv(relations))
    return path


def onet_zip(folder: Path, description: str | None = None,
             tasks: list[list[str]] | None = None) -> Path:
    """The text release ``db_99_0_text.zip``: tab-delimited, no quoting; ``tasks``: the
    task statements' rows of another release."""
    path = folder / "db_99_0_text.zip"
    files = {**ONET, **({"Task Statements.txt": [ONET["Task Statements.txt"][0], *tasks]}
                        if tasks else {})}
    with zipfile.ZipFile(path, "w") as archive:
        for name, rows in files.items():
            if description and name == "Occupation Data.txt":
                rows = [rows[0], [ONET_CODE, "Record Testers", description], *rows[2:]]
            archive.writestr(f"db_99_0_text/{name}", _csv(rows, "\t", quote_all=False))
    return path


NEWER_SUMMARY = "Texte de la nouvelle version."  # a newer release's summary (every dataset)
NEWER_TITLE = " (2028)"  # and what it adds to the title


def newer_rome(folder: Path) -> Path:
    """The next release: a new title and definition for ROME_CODE."""
    rows = {name: [list(row) for row in value] if isinstance(value, list) else value
            for name, value in ROME.items()}
    codes = rows["unix_referentiel_code_rome_v499_utf8.csv"]
    codes[1][3] += NEWER_TITLE
    texts = rows["unix_texte_v499_utf8.csv"]
    rows["unix_texte_v499_utf8.csv"] = [texts[0], [ROME_CODE, "3", "definition", "1",
                                                   NEWER_SUMMARY], *texts[3:]]
    path = folder / "RefRomeCsv.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, value in rows.items():
            archive.writestr(name, value if isinstance(value, str) else _csv(value))
    return path


def newer_onisep(folder: Path) -> Path:
    path = folder / ONISEP_FILE
    text = onisep_xml().replace("<nom_metier>testeur/euse de fiches</nom_metier>",
                                f"<nom_metier>testeur/euse de fiches{NEWER_TITLE}</nom_metier>")
    text = text.replace("<p>Le testeur de fiches relit des fiches inventées.</p>",
                        f"<p>{NEWER_SUMMARY}</p>")
    path.write_text(text, encoding="utf-8")
    return path


def newer_esco(folder: Path) -> Path:
    words = ESCO_WORDS["fr"]
    saved = dict(ESCO_WORDS)
    ESCO_WORDS["fr"] = (words[0] + NEWER_TITLE, words[1], words[2], words[3])
    try:
        return esco_zip(folder, "fr", description=NEWER_SUMMARY)
    finally:
        ESCO_WORDS.update(saved)


def newer_onet(folder: Path) -> Path:
    path = onet_zip(folder, description=NEWER_SUMMARY)
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    name = "db_99_0_text/Occupation Data.txt"
    files[name] = files[name].replace(b"Record Testers", f"Record Testers{NEWER_TITLE}".encode())
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in files.items():
            archive.writestr(member, data)
    return path
