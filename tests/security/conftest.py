"""A small world of private data for the security suite: an owner citizen with a submitted dossier
(files, tasks), a draft, the owning agency's staff, and the intruders (anonymous, another citizen,
staff of another agency holding every agency-scoped role).

`World.markers` are strings only the owner and the owning agency may ever see; every intruder's
response is searched for them.
"""

from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from flows import services
from flows.choices import Decision
from flows.feedback.models import Feedback
from flows.feedback.services import feedback_due
from flows.flows import DossierFlow
from flows.payments.choices import PaymentMethod, PaymentStatus
from flows.payments.models import Payment
from portal.accounts.roles import ROLE_GROUP_NAMES, Role
from tests.flows.conftest import (  # noqa: F401 (fixtures shared with the flow tests)
    PDF_BYTES,
    agency,
    make_user,
    other_agency,
    procedure,
    procedure_index,
    urls_loaded,
)
from tests.flows.helpers import api_complete, set_decision

OWNER_NAME = "Lương Thị Kín Đáo"
OWNER_PHONE = "+84912765432"
OWNER_REQUEST = "Xin cấp bản sao QX-SECRET-4471"
OWNER_FILE_STEM = "giay-to-rieng-zq93"
DRAFT_REQUEST = "Bản nháp riêng DR-SECRET-5582"
OWNER_QUESTION = "Câu hỏi riêng QA-SECRET-6693 về hồ sơ của tôi"


@dataclass
class World:
    owner: object
    dossier: object
    payment: object
    draft: object
    procedure: object
    agency: object
    agency_staff: dict
    agency_it_officer: object
    other_citizen: object
    other_staff: object
    markers: list[str] = field(default_factory=list)
    feedback: object = None

    def leaked(self, content: bytes) -> list[str]:
        text = content.decode("utf-8", errors="replace")
        return [marker for marker in self.markers if marker in text]


def _with_roles(user, *roles):
    from django.contrib.auth.models import Group

    user.groups.add(*Group.objects.filter(name__in=[ROLE_GROUP_NAMES[role] for role in roles]))
    return user


@pytest.fixture
def world(make_user, agency, other_agency, procedure, urls_loaded, clamd):  # noqa: F811
    owner = make_user("chu.ho.so")
    owner.full_name = OWNER_NAME
    owner.phone = OWNER_PHONE
    owner.email = "kin.dao.zq93@example.vn"
    owner.save()

    dossier = services.dossier_draft_create(
        procedure=procedure, applicant=owner, declaration={"request": OWNER_REQUEST, "address": "Ngõ 7 kín"}
    )
    for document in procedure.documents.filter(is_required=True):
        services.dossier_file_attach(
            dossier=dossier,
            document=document,
            upload=SimpleUploadedFile(f"{OWNER_FILE_STEM}-{document.pk}.pdf", PDF_BYTES),
            user=owner,
        )
    services.dossier_submit(dossier=dossier, user=owner)
    agency_staff = {
        Role.RECEPTION: make_user("tn.stp", agency=agency, role=Role.RECEPTION),
        Role.SPECIALIST: make_user("cv.stp", agency=agency, role=Role.SPECIALIST),
        Role.HEAD: make_user("ld.stp", agency=agency, role=Role.HEAD),
    }
    # Reception accepts it, so the process has done and open tasks of several nodes.
    receive = DossierFlow.task_class.objects.get(process_id=dossier.process_id, flow_task=DossierFlow.receive)

    def accept(activation):
        set_decision(activation, Decision.ACCEPT)
        services.dossier_accept(dossier=dossier, actor=agency_staff[Role.RECEPTION])

    api_complete(receive, agency_staff[Role.RECEPTION], accept)
    dossier.refresh_from_db()
    # A confirmed payment at the desk: its receipt is the owner's.
    payment = Payment.objects.create(
        dossier=dossier,
        method=PaymentMethod.COUNTER,
        status=PaymentStatus.PAID,
        amount_vnd=50_000,
        paid_at=timezone.now(),
        recorded_by=agency_staff[Role.RECEPTION],
        receipt_number="BL-ZQ93",
    )

    draft = services.dossier_draft_create(
        procedure=procedure, applicant=owner, declaration={"request": DRAFT_REQUEST}
    )
    # Stored directly: submitting would also queue an e-mail to the owner, and the Wagtail admin's
    # delivery history is outside what this world is about.
    received_at = timezone.now()
    feedback = Feedback.objects.create(
        code="HD-SEC-0001",
        title="Hỏi về thời hạn",
        question=OWNER_QUESTION,
        asker=owner,
        asker_name=OWNER_NAME,
        agency=agency,
        received_by=agency,
        wants_private=True,
        received_at=received_at,
        due_at=feedback_due(received_at=received_at),
    )
    agency_it_officer = make_user("cntt.stp", agency=agency, role=Role.IT_OFFICER)
    agency_it_officer.full_name = "Cán Bộ Riêng Zq93"
    agency_it_officer.save()

    other_citizen = make_user("congdan.la")
    other_staff = _with_roles(
        make_user("canbo.sxd", agency=other_agency),
        Role.RECEPTION,
        Role.SPECIALIST,
        Role.HEAD,
        Role.IT_OFFICER,
    )
    markers = [
        OWNER_NAME,
        OWNER_PHONE,
        "0912765432",
        owner.email,
        OWNER_REQUEST,
        OWNER_FILE_STEM,
        DRAFT_REQUEST,
        OWNER_QUESTION,
        dossier.code,
        dossier.lookup_secret,
        agency_it_officer.full_name,
    ]
    return World(
        owner=owner,
        dossier=dossier,
        payment=payment,
        draft=draft,
        procedure=procedure,
        agency=agency,
        agency_staff=agency_staff,
        agency_it_officer=agency_it_officer,
        other_citizen=other_citizen,
        other_staff=other_staff,
        markers=markers,
        feedback=feedback,
    )
