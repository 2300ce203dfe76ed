"""Drive a dossier to a given point of DossierFlow through the Python API."""

from flows import services
from flows.choices import Decision
from flows.flows import DossierFlow
from portal.accounts.roles import Role
from tests.flows.helpers import api_complete, open_task, set_decision


def accept(dossier, staff):
    officer = staff[Role.RECEPTION]

    def perform(activation):
        set_decision(activation, Decision.ACCEPT)
        services.dossier_accept(dossier=dossier, actor=officer)

    api_complete(open_task(dossier, DossierFlow.receive), officer, perform)
    dossier.refresh_from_db()


def refuse(dossier, staff):
    officer = staff[Role.RECEPTION]

    def perform(activation):
        set_decision(activation, Decision.REFUSE)
        services.dossier_refuse(dossier=dossier, actor=officer, reason="Không thuộc thẩm quyền")

    api_complete(open_task(dossier, DossierFlow.receive), officer, perform)
    dossier.refresh_from_db()


def to_result_ready(dossier, staff):
    """Accept, transfer and examine (no head approval configured): the result is ready."""
    accept(dossier, staff)
    api_complete(
        open_task(dossier, DossierFlow.transfer),
        staff[Role.RECEPTION],
        lambda a: services.dossier_transfer(dossier=dossier, actor=staff[Role.RECEPTION]),
    )

    def examine(activation):
        set_decision(activation, "complete")
        services.dossier_examine(dossier=dossier, actor=staff[Role.SPECIALIST], note="Đủ điều kiện")

    api_complete(open_task(dossier, DossierFlow.examine), staff[Role.SPECIALIST], examine)
    dossier.refresh_from_db()
