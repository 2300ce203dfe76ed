from django import template

from flows.selectors import dossier_eform_rows

register = template.Library()


@register.simple_tag
def eform_rows_of(dossier) -> list:
    """The dossier's e-form answers as rows (label, value, is_heading) for `flows/_eform_answers.html`."""
    if dossier is None:
        return []
    return dossier_eform_rows(dossier=dossier)
