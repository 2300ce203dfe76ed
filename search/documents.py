"""What goes into the index for a page: its kind and its folded title, keywords and body."""

from dataclasses import dataclass

from django.utils.html import strip_tags

from wagtail.models import Page
from wagtail.search import index

from search.models import DocumentKind
from search.text import indexed_form

# Pages of these models are listed under their own kind; every other page type is an information page.
# A Q&A page model joins the index by adding its label here.
KIND_BY_MODEL = {
    "services_catalog.procedurepage": DocumentKind.PROCEDURE,
    "flows.questionpage": DocumentKind.QUESTION,
}

# A citizen who types "thủ tục …" still means the procedure: these words belong to every procedure.
PROCEDURE_WORDS = "thủ tục hành chính dịch vụ công"

# The body is for recall, not ranking: a bounded prefix is enough and keeps the index small.
MAX_BODY_CHARS = 4000


@dataclass(frozen=True)
class DocumentText:
    kind: str
    title_text: str
    keywords_text: str
    body_text: str

    @property
    def search_text(self) -> str:
        parts = (self.title_text, self.keywords_text, self.body_text)
        return f" {' '.join(part.strip() for part in parts if part)} "


def _plain(value) -> str:
    return strip_tags(str(value or "")).replace("&nbsp;", " ")


def _searchable_fields_text(page: Page, *, skip: set[str]) -> str:
    """The text of the page's own `search_fields` (Wagtail's declaration of what is worth searching)."""
    parts = []
    for field in page.get_search_fields():
        if isinstance(field, index.SearchField) and field.field_name not in skip:
            parts.append(_plain(getattr(page, field.field_name, "")))
    return " ".join(parts)


def document_text(page: Page) -> DocumentText:
    """Build the indexed text of `page` (pass the specific page, with related objects loaded if many)."""
    kind = KIND_BY_MODEL.get(page._meta.label_lower, DocumentKind.PAGE)
    if kind == DocumentKind.PROCEDURE:
        keywords = " ".join(
            [
                page.code,
                page.sector.name,
                page.field.name,
                page.agency.name if page.agency_id else "",
                page.national_agencies,
                PROCEDURE_WORDS,
            ]
        )
        body = " ".join(
            _plain(value)
            for value in (page.search_description, page.eligible_applicants, page.result, page.conditions)
        )
    elif kind == DocumentKind.QUESTION:
        # Q&A: found by the answering agency and the field too; the question and answer are the body.
        keywords = " ".join([page.agency.name, page.field.name if page.field_id else "", "hỏi đáp"])
        body = " ".join([_plain(page.question), _plain(page.answer)])
    else:
        keywords = ""
        body = " ".join(
            [_plain(page.search_description), _searchable_fields_text(page, skip={"title", "code"})]
        )
    return DocumentText(
        kind=kind,
        # A procedure's title may be its shortened name: every word of the official one is searchable.
        title_text=indexed_form(page.full_name if kind == DocumentKind.PROCEDURE else page.title),
        keywords_text=indexed_form(keywords),
        body_text=indexed_form(body[:MAX_BODY_CHARS]),
    )
