"""The classroom handout: one editable DOCX per role, made with python-docx.

It reads the same view model as the brochure, and takes every style from the
theme's ``reference.docx``: only named styles are used (Title, Heading 1–3,
List Bullet, List Number, Strong, Emphasis, Hyperlink, a table style), never
direct formatting, so a teacher who changes "Heading 1" changes every heading.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import cairosvg
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from .docxutil import add_hyperlink, add_page_field, save_deterministic
from .markup import inline_tokens
from .viewmodel import DocumentView, RoleView

TABLE_STYLE = "Light Grid Accent 1"
_RUN_STYLES = {"strong_open": "Strong", "em_open": "Emphasis"}


def add_markdown(paragraph: Paragraph, text: str) -> None:
    """Inline Markdown as runs in the Strong/Emphasis styles and real hyperlinks."""
    styles: list[str] = []
    link: str | None = None
    link_text: list[str] = []
    for token in inline_tokens(text):
        if token.type in _RUN_STYLES:
            styles.append(_RUN_STYLES[token.type])
        elif token.type in ("strong_close", "em_close"):
            styles.pop()
        elif token.type == "link_open":
            link, link_text = str(token.attrs["href"]), []
        elif token.type == "link_close" and link:
            add_hyperlink(paragraph, link, "".join(link_text), "Hyperlink")
            link = None
        elif token.type in ("text", "code_inline", "softbreak"):
            content = " " if token.type == "softbreak" else token.content
            if link is not None:
                link_text.append(content)
            else:
                paragraph.add_run(content, style=styles[-1] if styles else None)


class HandoutBuilder:
    """Fills one handout for one role, from the view model and a reference document."""

    def __init__(self, reference: Path, view: DocumentView, logo: Path,
                 gettext: Callable[[str], str]):
        self.document: DocxDocument = Document(str(reference))
        self.view, self.logo, self._ = view, logo, gettext
        body = self.document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):  # keep the page set-up, drop sample text
                body.remove(child)

    def paragraph(self, text: str, style: str | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph(style=style)
        add_markdown(paragraph, text)
        return paragraph

    def heading(self, text: str, level: int) -> None:
        self.document.add_heading(text, level=level)

    def items(self, texts: tuple[str, ...], style: str = "List Bullet") -> None:
        for text in texts:
            self.paragraph(text, style)

    def build(self, role: RoleView) -> bytes:
        _ = self._
        self.header_and_footer()
        self.document.add_paragraph(role.title, style="Title")
        self.paragraph(role.hook, "Subtitle")
        self.paragraph(role.summary)
        self.key_facts(role)
        self.heading(_("Missions"), 1)
        self.items(role.missions, "List Number")
        self.heading(_("Key skills"), 1)
        self.skills(role)
        if role.working_methods:
            self.heading(_("Working methods"), 1)
            self.items(role.working_methods)
        self.heading(_("Career path"), 1)
        self.paragraph(role.career_path)
        self.classroom(role)
        title = f"{role.title} · {self.view.campus.name}"
        return save_deterministic(self.document, title, self.view.lang)

    def skills(self, role: RoleView) -> None:
        self.heading(self._("Know-how"), 2)
        self.items(role.know_how)
        if role.soft_skills:
            self.heading(self._("Soft skills"), 2)
            self.items(role.soft_skills)

    def key_facts(self, role: RoleView) -> None:
        _ = self._
        rows = [(_("Education"), role.education),
                *((_("Access to the job"), text) for text in role.access),
                (_("Career path"), role.career_path)]
        if role.related:
            rows.append((_("Related roles"), ", ".join(r.title for r in role.related)))
        table = self.document.add_table(rows=1, cols=2, style=TABLE_STYLE)
        header = table.rows[0]
        header.cells[0].text, header.cells[1].text = _("Key facts"), _("In short")
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeats on each page
        for label, text in rows:
            cells = table.add_row().cells
            cells[0].text = label
            add_markdown(cells[1].paragraphs[0], text)

    def classroom(self, role: RoleView) -> None:
        _ = self._
        comparisons = [c for c in self.view.comparisons if role.id in {r.id for r in c.roles}]
        self.heading(_("In class"), 1)
        takeaways = tuple(item for c in comparisons for item in (*c.shared, c.link) if item)
        if takeaways:
            self.heading(_("Key takeaways"), 2)
            self.items(takeaways)
        questions = tuple(q for c in comparisons for q in c.questions)
        if questions:
            self.heading(_("Discussion questions"), 2)
            self.items(questions)  # a second "List Number" list would go on from the first
        self.heading(_("Notes"), 2)
        for _line in range(3):
            self.document.add_paragraph("_" * 80)

    def header_and_footer(self) -> None:
        section = self.document.sections[0]
        header = section.header.paragraphs[0]
        header.style = "Header"
        header.add_run().add_picture(BytesIO(logo_png(self.logo)), height=Mm(9))
        header.add_run(f"  {self.view.school.name} · {self.view.campus.name}")
        footer = section.footer.paragraphs[0]
        footer.style = "Footer"
        footer.add_run(f"{self.view.school.name} · {self._('Page')} ")
        add_page_field(footer)


def logo_png(logo: Path) -> bytes:
    """Word cannot show SVG everywhere: SVG logos are turned into a PNG first."""
    if logo.suffix.lower() == ".svg":
        return cairosvg.svg2png(bytestring=logo.read_bytes(), output_height=240,
                                unsafe=False)
    return logo.read_bytes()
