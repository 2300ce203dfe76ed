"""Receivers of the dossier flow's signals, connected in PaymentsConfig.ready()."""

from flows.payments.services import dossier_fees_snapshot


def dossier_submitted_fees(sender, *, dossier, **kwargs) -> None:
    """At submission the dossier comes to owe the procedure's fees as they are that day."""
    dossier_fees_snapshot(dossier=dossier)
