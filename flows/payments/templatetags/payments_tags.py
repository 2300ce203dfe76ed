"""What the dossier flow's pages show about money, loaded by their templates (the flow never imports
payments)."""

from django import template

from flows.payments.selectors import DossierAccount, dossier_account, dossier_fees_context

register = template.Library()


@register.simple_tag
def dossier_fees(dossier) -> dict | None:
    """The citizen's dossier page: owed items, payments, refunds, how to pay (None for a draft)."""
    return dossier_fees_context(dossier=dossier)["fees"]


@register.simple_tag
def dossier_balance(dossier) -> DossierAccount:
    """What is owed, paid and refunded on a dossier (the return task warns of a balance)."""
    return dossier_account(dossier=dossier)
