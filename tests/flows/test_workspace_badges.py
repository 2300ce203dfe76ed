"""The workspace menu's badges count exactly what the lists below them show, agency by agency, and the
demo leaves work in the queue of every demo officer (issue 19: "Hàng đợi 25" over an empty list)."""

import io
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from flows import services
from flows.choices import Channel, Decision, DossierStatus
from flows.demo import STAFF_WORK_MARK, demo_dossier_submit, seed_staff_work, task_complete
from flows.flows import DossierFlow
from flows.models import Dossier
from portal.accounts.roles import Role
from tests.e2e.demo import ACCOUNTS, CATALOGUE, HOME, seed

from .conftest import make_procedure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("urls_loaded")]

QA = "flows.feedback.demo.seed"
BADGE = re.compile(r'mdc-list-item__meta">\s*(\d+)\s*<')
FOOTER = re.compile(r"(\d+)\u2013(\d+) trong số (\d+)")  # en dash, as the template writes it


def badges_and_listed(client, app: str, listing: str) -> tuple[dict[str, int], int]:
    """The inbox and queue badges of the menu, and how many rows the list says it has."""
    page = client.get(f"/xu-ly/{app}/{listing}/")
    assert page.status_code == 200
    html = page.content.decode()
    inbox, queue = (int(value) for value in BADGE.findall(html))
    footer = FOOTER.search(html)
    assert footer, "the list footer is in Vietnamese"
    rows = len(re.findall(r'href="/xu-ly/[a-z]+/\d+/[a-z_]+/\d+/', html))
    return {"inbox": inbox, "queue": queue}, int(footer.group(3)) if rows else 0


def receive(dossier, officer):
    def accept(activation):
        activation.process.data["decision"] = Decision.ACCEPT
        activation.process.save()
        services.dossier_accept(dossier=dossier, actor=officer)

    task = DossierFlow.task_class.objects.get(process_id=dossier.process_id, flow_task=DossierFlow.receive)
    task_complete(task, user=officer, perform=accept)


@pytest.fixture
def two_agencies_at_work(procedure_index, agency, other_agency, staff, other_staff, citizen):
    """Dossiers at both agencies: Sở Tư pháp 3 new + 1 accepted, Sở Xây dựng 5 new (none of ours)."""
    own = make_procedure(procedure_index, agency, code="1.000001")
    other = make_procedure(procedure_index, other_agency, code="1.000002")
    for number in range(4):
        dossier = demo_dossier_submit(procedure=own, applicant=citizen, declaration={"request": f"{number}"})
        if number == 3:
            receive(dossier, staff[Role.RECEPTION])
    for number in range(5):
        demo_dossier_submit(procedure=other, applicant=citizen, declaration={"request": f"x{number}"})
    # One task taken by our reception officer: it leaves the queue for the inbox.
    taken = DossierFlow.task_class.objects.filter(
        flow_task=DossierFlow.receive, status="NEW", process__dossier__agency=agency
    ).first()
    taken.flow_task.activation_class(taken).assign(staff[Role.RECEPTION])


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.RECEPTION, {"inbox": 1, "queue": 3}),  # 2 to receive + 1 to transfer; 1 taken
        (Role.SPECIALIST, {"inbox": 0, "queue": 0}),
        (Role.HEAD, {"inbox": 0, "queue": 0}),
    ],
)
def test_badges_count_what_the_lists_show(client, staff, two_agencies_at_work, role, expected):
    client.force_login(staff[role])
    for listing in ("inbox", "queue"):
        badges, listed = badges_and_listed(client, "dossier", listing)
        assert badges == expected
        assert listed == badges[listing]


def test_the_other_agency_counts_only_its_own(client, other_staff, two_agencies_at_work):
    client.force_login(other_staff[Role.RECEPTION])
    badges, listed = badges_and_listed(client, "dossier", "queue")
    assert badges == {"inbox": 0, "queue": 5} and listed == 5


def test_the_badges_cost_the_same_whatever_the_queue_holds(client, procedure_index, agency, staff, citizen):
    procedure = make_procedure(procedure_index, agency, code="1.000003")
    client.force_login(staff[Role.RECEPTION])

    def queries():
        client.get("/xu-ly/dossier/queue/")  # warm the per-process caches (roles, menus)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/xu-ly/dossier/queue/").status_code == 200
        return len(captured)

    demo_dossier_submit(procedure=procedure, applicant=citizen, declaration={})
    few = queries()
    for _ in range(6):
        demo_dossier_submit(procedure=procedure, applicant=citizen, declaration={})
    assert queries() == few


def test_workspace_lists_speak_vietnamese(client, staff, two_agencies_at_work):
    client.force_login(staff[Role.RECEPTION])
    for url in ("/xu-ly/dossier/queue/", "/xu-ly/dossier/archive/", "/xu-ly/dossier/tasks/"):
        html = client.get(url).content.decode()
        assert FOOTER.search(html), url
        assert not re.search(r"\d+-\d+ of \d+", html), url
        assert ">Brief<" not in html and ">Receive<" not in html, url
    html = client.get("/xu-ly/dossier/tasks/").content.decode()
    assert "Tiếp nhận hồ sơ" in html
    # The step filter names steps by their titles, not by Viewflow's node names ("Xử lý hồ sơ/Receive").
    assert "/Receive" not in html and ">Start<" not in html and "Split" not in html
    dossier = Dossier.objects.filter(agency=staff[Role.RECEPTION].agency).first()
    html = client.get(f"/xu-ly/dossier/{dossier.process_id}/").content.decode()
    assert "Reception checks" not in html and "bộ phận chuyên môn thẩm định" in html


def test_each_demo_officer_finds_work_whose_badge_matches_the_list(client):
    from django.contrib.auth import get_user_model

    seed(HOME, CATALOGUE, ACCOUNTS, QA)
    output = io.StringIO()
    seed_staff_work(output)
    assert "Thử trước: đăng nhập tiepnhan.stp" in output.getvalue()

    expected_nodes = {
        "tiepnhan.stp": {DossierFlow.receive, DossierFlow.transfer},
        "chuyenvien.stp": {DossierFlow.examine},
        "lanhdao.stp": {DossierFlow.approve},
    }
    for username, nodes in expected_nodes.items():
        client.force_login(get_user_model().objects.get(username=username))
        badges, listed = badges_and_listed(client, "dossier", "queue")
        assert badges["queue"] == listed > 0, username
        waiting = {
            task.flow_task
            for task in DossierFlow.task_class.objects.filter(
                status="NEW", process__dossier__declaration__demo__startswith=STAFF_WORK_MARK
            )
            if task.flow_task in nodes
        }
        assert waiting == nodes, username
        badges, listed = badges_and_listed(client, "feedback", "queue")
        assert badges["queue"] == listed == 1, username  # a question to route, to draft, to approve

    new_online = Dossier.objects.filter(
        declaration__demo__startswith=f"{STAFF_WORK_MARK}:receive",
        channel=Channel.ONLINE,
        status=DossierStatus.NEW,
    )
    assert new_online.count() == 3
    made = Dossier.objects.filter(declaration__demo__startswith=STAFF_WORK_MARK).count()
    seed_staff_work(io.StringIO())
    assert Dossier.objects.filter(declaration__demo__startswith=STAFF_WORK_MARK).count() == made == 8
