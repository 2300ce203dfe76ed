"""Who opened my dossier: every staff opening of a dossier, its declaration, a file, a paper or the
result is recorded once and shown to the applicant in plain words; the applicant's own views are
not; the records cannot be changed; the operator exports them; pages keep their query counts."""

import csv
import io
import re

from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import openpyxl
import pytest

from flows import services
from flows.access_log.models import AccessKind, AccessLogImmutable, DossierAccess
from flows.access_log.services import dossier_access_record
from flows.calendar import VIETNAM_TZ
from flows.choices import DossierStatus
from flows.flows import DossierFlow
from flows.models import ResultFile
from portal.accounts.roles import Role

from .conftest import PDF_BYTES
from .helpers import open_task, submitted_dossier

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clamd", "urls_loaded")]

OFFICER_NAME = "Trần Thị Bích Ngọc"
SPECIALIST_NAME = "Nguyễn Hoàng Phương Thảo"


@pytest.fixture
def named_staff(staff):
    staff[Role.RECEPTION].full_name = OFFICER_NAME
    staff[Role.RECEPTION].save()
    staff[Role.SPECIALIST].full_name = SPECIALIST_NAME
    staff[Role.SPECIALIST].save()
    return staff


@pytest.fixture
def dossier(procedure, citizen):
    return submitted_dossier(procedure, citizen)


def _access_inserts(context) -> list[str]:
    return [
        q["sql"]
        for q in context.captured_queries
        if q["sql"].startswith("INSERT") and "dossieraccess" in q["sql"]
    ]


def _accesses_on_page(client, dossier) -> list[str]:
    html = client.get(reverse("flows:dossier_detail", args=[dossier.pk])).content.decode()
    section = re.search(r'<section class="access-log".*?</section>', html, re.S).group(0)
    return [re.sub(r"\s+", " ", item).strip() for item in re.findall(r"<li>(.*?)</li>", section, re.S)]


def test_each_staff_opening_is_recorded_once_and_shown_in_plain_words(
    client, dossier, citizen, named_staff, agency
):
    reception, specialist = named_staff[Role.RECEPTION], named_staff[Role.SPECIALIST]
    client.force_login(reception)
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("dossier:process_detail", args=[dossier.process_id])).status_code == 200
    assert len(_access_inserts(context)) == 1

    # The task page shows the declaration: recorded in the role of the step.
    receive = open_task(dossier, DossierFlow.receive)
    client.post(receive.flow_task.reverse("assign", args=[dossier.process_id, receive.pk]))
    with CaptureQueriesContext(connection) as context:
        page = client.get(receive.flow_task.reverse("execute", args=[dossier.process_id, receive.pk]))
    assert page.status_code == 200
    assert len(_access_inserts(context)) == 1

    client.force_login(specialist)
    first_file = dossier.files.select_related("document").first()
    response = client.get(reverse("flows:file_download", args=[dossier.pk, first_file.pk]))
    assert response.status_code == 200

    # The applicant's own views are not staff accesses.
    client.force_login(citizen)
    client.get(reverse("flows:file_download", args=[dossier.pk, first_file.pk]))
    client.get(reverse("flows:dossier_detail", args=[dossier.pk]))

    rows = list(DossierAccess.objects.order_by("at", "pk").values_list("actor_id", "role", "kind", "item"))
    assert rows == [
        (reception.pk, Role.RECEPTION, AccessKind.DOSSIER, ""),
        (reception.pk, Role.RECEPTION, AccessKind.DECLARATION, ""),
        (specialist.pk, Role.SPECIALIST, AccessKind.FILE, first_file.document.name),
    ]
    lines = _accesses_on_page(client, dossier)
    first = DossierAccess.objects.order_by("at", "pk").first()
    local = timezone.localtime(first.at, VIETNAM_TZ)
    assert lines[-1] == (
        f"Cán bộ tiếp nhận {OFFICER_NAME}, Sở Tư pháp, đã mở hồ sơ lúc {local:%H:%M} ngày {local:%d/%m/%Y}"
    )
    assert lines[1].startswith(f"Cán bộ tiếp nhận {OFFICER_NAME}, Sở Tư pháp, đã xem tờ khai lúc ")
    assert lines[0].startswith(
        f"Chuyên viên xử lý {SPECIALIST_NAME}, Sở Tư pháp, đã tải tệp “{first_file.document.name}” lúc "
    )


def test_papers_and_the_result_are_recorded_with_their_names(client, dossier, named_staff, settings):
    reception = named_staff[Role.RECEPTION]
    services.dossier_accept(dossier=dossier, actor=reception)
    result = ResultFile(
        dossier=dossier, original_name="Giấy khai sinh bản chính.pdf", content_type="application/pdf", size=10
    )
    result.file.save("ket-qua.pdf", ContentFile(PDF_BYTES), save=False)
    result.save()
    client.force_login(reception)
    assert client.get(reverse("flows:staff_document", args=[dossier.pk, "giay-tiep-nhan"])).status_code == 200
    assert client.get(reverse("flows:staff_receipt", args=[dossier.pk])).status_code == 200
    response = client.get(reverse("flows:staff_result_download", args=[dossier.pk, result.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert list(DossierAccess.objects.order_by("at", "pk").values_list("kind", "item")) == [
        (AccessKind.DOCUMENT, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
        (AccessKind.DOCUMENT, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
        (AccessKind.RESULT, "Giấy khai sinh bản chính.pdf"),
    ]


def test_staff_of_another_agency_record_nothing_and_see_nothing(client, dossier, other_staff):
    client.force_login(other_staff[Role.RECEPTION])
    file = dossier.files.first()
    assert client.get(reverse("dossier:process_detail", args=[dossier.process_id])).status_code == 404
    assert client.get(reverse("flows:file_download", args=[dossier.pk, file.pk])).status_code == 404
    assert not DossierAccess.objects.exists()


def test_a_citizen_sees_only_their_own_dossiers_log(client, procedure, citizen, other_citizen, named_staff):
    mine = submitted_dossier(procedure, citizen)
    theirs = submitted_dossier(procedure, other_citizen)
    dossier_access_record(dossier=theirs, user=named_staff[Role.SPECIALIST], kind=AccessKind.DECLARATION)
    client.force_login(citizen)
    assert _accesses_on_page(client, mine) == []
    assert (
        "Chưa có cán bộ nào mở hồ sơ của bạn."
        in client.get(reverse("flows:dossier_detail", args=[mine.pk])).content.decode()
    )
    assert client.get(reverse("flows:dossier_detail", args=[theirs.pk])).status_code == 404
    client.force_login(other_citizen)
    assert len(_accesses_on_page(client, theirs)) == 1


def test_records_cannot_be_changed_or_deleted(dossier, named_staff):
    access = dossier_access_record(dossier=dossier, user=named_staff[Role.RECEPTION], kind=AccessKind.DOSSIER)
    access.item = "sửa"
    with pytest.raises(AccessLogImmutable):
        access.save()
    with pytest.raises(AccessLogImmutable):
        access.delete()
    with pytest.raises(AccessLogImmutable):
        DossierAccess.objects.filter(pk=access.pk).update(item="sửa")
    with pytest.raises(AccessLogImmutable):
        DossierAccess.objects.all().delete()
    codenames = set(
        Permission.objects.filter(content_type__model="dossieraccess").values_list("codename", flat=True)
    )
    assert codenames == {"view_dossieraccess"}
    if connection.vendor == "postgresql":
        for statement in ("UPDATE flows_dossieraccess SET item = 'x'", "DELETE FROM flows_dossieraccess"):
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement)
    assert DossierAccess.objects.get(pk=access.pk).item == ""


def test_the_dossier_page_and_the_queue_keep_their_query_counts(client, dossier, citizen, named_staff):
    client.force_login(citizen)
    url = reverse("flows:dossier_detail", args=[dossier.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(60):
        dossier_access_record(
            dossier=dossier,
            user=named_staff[Role.RECEPTION if number % 2 else Role.SPECIALIST],
            kind=AccessKind.DOSSIER,
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(_accesses_on_page(client, dossier)) == 60

    # The workspace's lists record nothing and cost the same whatever the number of dossiers.
    client.force_login(named_staff[Role.RECEPTION])
    queue = reverse("dossier:queue")
    client.get(queue)
    with CaptureQueriesContext(connection) as before:
        client.get(queue)
    for _ in range(3):
        submitted_dossier(dossier.procedure, citizen)
    with CaptureQueriesContext(connection) as after:
        client.get(queue)
    assert len(after.captured_queries) == len(before.captured_queries)
    assert DossierAccess.objects.count() == 60


@pytest.fixture
def operator(make_user, agency):
    return make_user("quantri.stttt", agency=agency, role=Role.OPERATOR)


def test_operator_exports_the_log_for_an_inspection(client, dossier, named_staff, operator, agency):
    agency.name = '=HYPERLINK("http://example.com","Sở Tư pháp")'
    agency.save()
    named_staff[Role.RECEPTION].agency.refresh_from_db()
    dossier_access_record(dossier=dossier, user=named_staff[Role.RECEPTION], kind=AccessKind.DECLARATION)
    today = timezone.localdate(timezone=VIETNAM_TZ).isoformat()
    url = reverse("flows:access_log_export")
    client.force_login(operator)
    response = client.get(url, {"start": today, "end": today, "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "private, no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Thời điểm", "Mã hồ sơ", "Cán bộ"]
    assert rows[1][1:3] == [dossier.code, OFFICER_NAME]
    assert rows[1][5].startswith("'=HYPERLINK")
    assert rows[1][6] == "đã xem tờ khai"

    response = client.get(url, {"start": today, "end": today, "format": "xlsx", "dossier_code": dossier.code})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)] == [dossier.code]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)

    # Bad dates: the form again, with a Vietnamese message.
    response = client.get(url, {"start": today, "end": "2000-01-01", "format": "csv"})
    assert response.status_code == 200
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.content.decode()


def test_only_the_operator_exports(client, dossier, named_staff, citizen):
    for user in (citizen, named_staff[Role.HEAD], named_staff[Role.RECEPTION]):
        client.force_login(user)
        assert client.get(reverse("flows:access_log_export")).status_code == 404


def test_the_demo_citizen_sees_the_demo_reception_officer(client):
    from tests.e2e.demo import ACCOUNTS, CATALOGUE, HOME, seed

    seed(HOME, CATALOGUE, ACCOUNTS, "flows.demo.seed", "flows.payments.demo.seed", "flows.demo.seed_access")
    access = DossierAccess.objects.get(kind=AccessKind.DOSSIER)
    assert access.dossier.applicant.username == "congdan"
    assert access.dossier.status != DossierStatus.NEW or access.dossier.is_draft is False
    client.force_login(access.dossier.applicant)
    lines = _accesses_on_page(client, access.dossier)
    assert any(
        line.startswith("Cán bộ tiếp nhận Lê Văn Nhận, ") and "đã mở hồ sơ lúc" in line for line in lines
    )
    # Seeding again adds nothing.
    seed("flows.demo.seed_access")
    assert DossierAccess.objects.filter(dossier=access.dossier).count() == 2
