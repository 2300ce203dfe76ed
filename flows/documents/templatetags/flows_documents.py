from django import template

from flows.documents.services import dossier_documents_available

register = template.Library()


@register.simple_tag
def dossier_documents(dossier, for_applicant: bool = False) -> list[tuple[str, str]]:
    """(slug, title) of the PDFs the dossier's history can produce (flows.documents.services)."""
    if dossier is None or dossier.is_draft:
        return []
    return dossier_documents_available(dossier=dossier, for_applicant=for_applicant)
