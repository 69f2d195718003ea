"""The classroom handout: one editable DOCX per role, made with python-docx.

It reads the same view model as the guides and takes every style from the
theme's ``reference.docx`` (see :mod:`generator.render.docx.builder`).
"""

from __future__ import annotations

from docx.shared import Mm

from ..diagnostics import Problem
from ..render.context import RenderContext
from ..render.docx.builder import DocxBuilder, add_markdown, reference_problems
from ..render.docx.oxml import add_hyperlink
from ..resolve.viewmodel import RoleView
from .registry import Artifact, Rendered, register


class Handout:
    """``handout-ROLE.docx``: one editable Word handout per role the campus prints."""

    name = "handout"
    formats: tuple[str, ...] = ("docx",)
    summary = "classroom handouts (Word), one per role"

    def declare(self, context: RenderContext) -> list[Artifact]:
        return [Artifact(f"handout-{role.id}.docx", f"the handout of role '{role.id}'", role.id)
                for role in context.view.roles
                if not context.roles or role.id in context.roles]

    def check(self, context: RenderContext) -> list[Problem]:
        return reference_problems(context)

    def render(self, context: RenderContext, artifact: Artifact) -> Rendered:
        if problems := reference_problems(context):
            return None, problems
        role = next(role for role in context.view.roles if role.id == artifact.subject)
        return HandoutBuilder(context).build(role), []


class HandoutBuilder(DocxBuilder):
    """Fills one handout for one role."""

    def build(self, role: RoleView) -> bytes:
        _ = self._
        self.header_and_footer()
        self.document.add_paragraph(role.title, style="Title")
        if role.also_known_as:
            self.paragraph(_("Also known as: %(names)s") % {
                "names": ", ".join(role.also_known_as)})
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
        self.learn_more(role)
        self.classroom(role)
        return self.save(role.title)

    def learn_more(self, role: RoleView) -> None:
        """Links for further reading, as real hyperlinks, and reference codes."""
        if not (role.links or role.codes):
            return
        self.heading(self._("Learn more"), 1)
        for link in role.links:
            paragraph = self.document.add_paragraph(style="List Bullet")
            add_hyperlink(paragraph, link.url, link.label, "Hyperlink")
            paragraph.add_run(f" ({link.url})")
        for code in role.codes:
            paragraph = self.document.add_paragraph(style="List Bullet")
            paragraph.add_run(self._("%(label)s:") % {"label": code.label} + " ")
            if code.url:
                add_hyperlink(paragraph, code.url, code.value, "Hyperlink")
            else:
                paragraph.add_run(code.value)

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
        if role.salary_note:
            rows.append((_("Salary"), role.salary_note))
        rows += [(_("Salary"), _("%(label)s: %(amounts)s") % {"label": line.label,
                                                               "amounts": line.amounts}
                  + f" ({_('source: %(source)s') % {'source': line.source}})")
                 for line in role.salary_ranges]
        table = self.table([_("Key facts"), _("In short")])
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
        section = self.document.sections[0]
        text_width = sum(int(measure or 0) * sign for measure, sign in (
            (section.page_width, 1), (section.left_margin, -1), (section.right_margin, -1)))
        width_mm = text_width / Mm(1)
        for _line in range(3):  # writing lines that fill the text width, A4 or A5
            self.document.add_paragraph("_" * int(width_mm / 2.2))


register(Handout())
