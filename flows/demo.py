"""Demo dossiers for `make run`: a few dozen in every status, some for the demo citizen, and work
waiting in the queue of each demo officer of the demo agency (Sở Tư pháp)."""

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from flows import services
from flows.choices import ApprovalDecision, Decision
from flows.models import Dossier, DossierFile, DossierRating, ProcedureProcess
from flows.seeding import dossiers_seed
from portal.accounts.roles import Role
from services_catalog.choices import ONLINE_SUBMISSION_LEVELS
from services_catalog.eform_demo import DEMO_EFORMS, demo_answers
from services_catalog.eforms import eform_version_current
from services_catalog.models import ProcedurePage

# A minimal, valid one-page PDF saying "Ket qua giai quyet ho so (demo)": the demo's attachments and results.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 60>>stream\nBT /F1 18 Tf 72 770 Td (Ket qua giai quyet ho so - demo) Tj ET\n"
    b"endstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

DEMO_DOSSIER_COUNT = 40


def seed(stdout) -> None:
    if Dossier.objects.exists():
        return
    if not ProcedurePage.objects.live().filter(service_level__in=ONLINE_SUBMISSION_LEVELS).exists():
        stdout.write("Hồ sơ demo: chưa có thủ tục mức độ 3-4 trong danh mục, bỏ qua.\n")
        return
    citizen = get_user_model().objects.filter(username="congdan").first()
    dossiers_seed(
        count=DEMO_DOSSIER_COUNT, stdout=stdout, rng_seed=2026, citizens=[citizen] if citizen else None
    )


def seed_eform_answers(stdout) -> None:
    """The demo dossiers of the procedures with a demo e-form carry filled answers to it."""
    filled = 0
    for procedure in ProcedurePage.objects.filter(code__in=DEMO_EFORMS):
        version = eform_version_current(procedure=procedure)
        if version is None:
            continue
        dossiers = list(
            Dossier.objects.filter(procedure=procedure, eform_version__isnull=True, is_draft=False)
        )
        for dossier in dossiers:
            dossier.eform_version = version
            dossier.eform_answers = demo_answers(
                code=procedure.code, name=dossier.applicant_name, number=dossier.pk
            )
        Dossier.objects.bulk_update(dossiers, ["eform_version", "eform_answers"], batch_size=500)
        filled += len(dossiers)
    if filled:
        stdout.write(f"Tờ khai điện tử demo: {filled} hồ sơ có câu trả lời.\n")


STATISTICS_DOSSIER_COUNT = 600
RATING_COMMENTS = ["", "", "Cán bộ hướng dẫn tận tình.", "Trả kết quả sớm hơn hẹn.", "Thời gian chờ hơi lâu."]


def seed_statistics(stdout) -> None:
    """A year of dossiers and some ratings, so that the statistics pages show meaningful numbers."""
    import random

    from flows.choices import DossierStatus

    if DossierRating.objects.exists() or not Dossier.objects.exists():
        return
    dossiers_seed(count=STATISTICS_DOSSIER_COUNT, stdout=stdout, rng_seed=2027, span_days=365)
    rng = random.Random(2027)
    # The demo citizen's own dossiers stay unrated, so that rating can be tried.
    finished = Dossier.objects.filter(
        applicant__isnull=False, status__in=(DossierStatus.DONE, DossierStatus.RETURNED)
    ).exclude(applicant__username="congdan")
    ratings = [
        DossierRating(
            dossier=dossier,
            score=rng.choices([5, 4, 3, 2, 1], weights=[45, 30, 15, 6, 4])[0],
            comment=rng.choice(RATING_COMMENTS),
            rated_at=dossier.finished_at or dossier.submitted_at,
        )
        for dossier in finished.only("pk", "finished_at", "submitted_at")
        if rng.random() < 0.4
    ]
    DossierRating.objects.bulk_create(ratings)
    stdout.write(f"Thống kê demo: {STATISTICS_DOSSIER_COUNT} hồ sơ trong một năm, {len(ratings)} đánh giá.\n")


def demo_dossier_submit(*, procedure: ProcedurePage, applicant, declaration: dict) -> Dossier:
    """An online dossier of `applicant`, its required documents a demo PDF (nothing to scan), submitted."""
    dossier = services.dossier_draft_create(procedure=procedure, applicant=applicant, declaration=declaration)
    for document in procedure.documents.filter(is_required=True):
        services.stored_with_file(
            DossierFile(
                dossier=dossier,
                document=document,
                original_name="to-khai-mau.pdf",
                content_type="application/pdf",
                size=len(DEMO_PDF),
            ),
            file_field="file",
            name="to-khai-mau.pdf",
            content=ContentFile(DEMO_PDF),
        )
    return services.dossier_submit(dossier=dossier, user=applicant)


def task_complete(task, *, user, perform) -> None:
    """Assign, start and execute a human task as the workspace's views do, under the flow's lock."""
    with task.flow_task.flow_class.lock(task.process_id):
        task.refresh_from_db()
        activation = task.flow_task.activation_class(task)
        activation.assign(user)
        activation.start(None)
        perform(activation)
        activation.execute()


STAFF_WORK_MARK = "demo-staff-work"
DEMO_STAFF_AGENCY = "stp"  # the agency of the demo staff accounts (portal/accounts/demo.py)
# How far each demo dossier goes, so that each officer finds it in their queue: new online dossiers
# for reception, one accepted to transfer, dossiers to examine, examined ones for the head to approve.
STAFF_WORK = [("receive", 3), ("transfer", 1), ("examine", 2), ("approve", 2)]
STAFF_WORK_APPLICANTS = ["Nguyễn Thị Thu Hà", "Trần Quốc Bảo", "Lê Hoàng Yến", "Phạm Minh Khôi"]
# Who to try first: reception starts the journey of a dossier the citizen submitted online.
DEMO_STAFF_ORDER = [
    ("tiepnhan.stp", Role.RECEPTION),
    ("chuyenvien.stp", Role.SPECIALIST),
    ("lanhdao.stp", Role.HEAD),
]


def _staff_work_procedures() -> tuple[ProcedurePage, ProcedurePage] | None:
    """Two online procedures of the demo agency: one the head approves, one examined only."""
    procedures = list(
        ProcedurePage.objects.live()
        .filter(agency__code=DEMO_STAFF_AGENCY, service_level__in=ONLINE_SUBMISSION_LEVELS, is_retired=False)
        .select_related("agency")
        .order_by("code")[:2]
    )
    if len(procedures) < 2:
        return None
    ProcedureProcess.objects.get_or_create(procedure=procedures[1], defaults={"head_approval_required": True})
    return procedures[0], procedures[1]


def _advance(dossier: Dossier, *, stage: str, staff: dict) -> None:
    from flows.flows import DossierFlow

    def complete(node, user, perform):
        task = DossierFlow.task_class.objects.get(
            process_id=dossier.process_id, flow_task=node, finished=None
        )
        task_complete(task, user=user, perform=perform)
        dossier.refresh_from_db()

    def decide(activation, decision):
        activation.process.data["decision"] = decision
        activation.process.save()

    steps = ["receive", "transfer", "examine", "approve"]
    reception, specialist = staff[Role.RECEPTION], staff[Role.SPECIALIST]
    if steps.index(stage) > 0:

        def accept(activation):
            decide(activation, Decision.ACCEPT)
            services.dossier_accept(dossier=dossier, actor=reception, note="Hồ sơ đầy đủ, hợp lệ.")

        complete(DossierFlow.receive, reception, accept)
    if steps.index(stage) > 1:
        complete(
            DossierFlow.transfer,
            reception,
            lambda activation: services.dossier_transfer(dossier=dossier, actor=reception),
        )
    if steps.index(stage) > 2:

        def examine(activation):
            decide(activation, ApprovalDecision.APPROVE)
            services.dossier_examine(
                dossier=dossier, actor=specialist, note="Đủ điều kiện; trình lãnh đạo phê duyệt kết quả."
            )

        complete(DossierFlow.examine, specialist, examine)


def seed_staff_work(stdout) -> None:
    """Leave work in the queue of each demo officer of the demo agency, then say who to try first."""
    User = get_user_model()
    staff = {role: User.objects.filter(username=username).first() for username, role in DEMO_STAFF_ORDER}
    applicant = User.objects.filter(username="congdan").first()
    procedures = _staff_work_procedures()
    if None in staff.values() or applicant is None or procedures is None:
        stdout.write("Việc chờ cán bộ demo: thiếu tài khoản demo hoặc thủ tục trực tuyến của Sở Tư pháp.\n")
        return
    examined_only, head_approves = procedures
    existing = set(
        Dossier.objects.filter(declaration__demo__startswith=STAFF_WORK_MARK).values_list(
            "declaration__demo", flat=True
        )
    )
    number = 0
    for stage, count in STAFF_WORK:
        for _ in range(count):
            number += 1
            mark = f"{STAFF_WORK_MARK}:{stage}:{number}"
            if mark in existing:
                continue
            dossier = demo_dossier_submit(
                procedure=head_approves if stage == "approve" else examined_only,
                applicant=applicant,
                declaration={
                    "request": f"Đề nghị giải quyết cho {STAFF_WORK_APPLICANTS[number % 4]}",
                    "demo": mark,
                },
            )
            _advance(dossier, stage=stage, staff=staff)
    _staff_work_report(staff, stdout)


def _staff_work_report(staff: dict, stdout) -> None:
    """What each demo officer finds in their queues: the numbers the workspace menu's badges show."""
    from flows.flows import DossierFlow
    from flows.workspace import WORKSPACE_VIEWSETS, DossierWorkspace
    from flows.workspace_menu import tasks_listed

    # The dossier queue, then those of the rooms registered in the workspace (the Q&A flow).
    queues = [(DossierWorkspace.queue_view_class, DossierFlow)]
    queues += [(viewset.queue_view_class, viewset._flow_class) for viewset in WORKSPACE_VIEWSETS]
    stdout.write("\nViệc đang chờ cán bộ Sở Tư pháp trong khu xử lý /xu-ly/ (số trên menu Hàng đợi):\n")
    for username, role in DEMO_STAFF_ORDER:
        listed = [
            (flow_class.process_title, tasks_listed(view_class, flow_class=flow_class, user=staff[role]))
            for view_class, flow_class in queues
        ]
        counts = ", ".join(f"{title} {tasks.count()}" for title, tasks in listed)
        stdout.write(f"  {username:<18} {role.label}: {counts}\n")
    stdout.write(
        "Thử trước: đăng nhập tiepnhan.stp, vào /xu-ly/ và tiếp nhận một hồ sơ trực tuyến mới; "
        "rồi chuyenvien.stp thẩm định, lanhdao.stp phê duyệt.\n"
    )


DEMO_RECEPTION_OFFICER = "tiepnhan.stp"


def seed_access(stdout) -> None:
    """The demo reception officer opened the demo citizen's latest dossier at their agency and read
    its declaration, so that "Who opened my dossier" shows something on the citizen's page."""
    from flows.access_log.models import AccessKind, DossierAccess
    from flows.access_log.services import dossier_access_record
    from portal.accounts.roles import Role

    User = get_user_model()
    officer = User.objects.select_related("agency").filter(username=DEMO_RECEPTION_OFFICER).first()
    if officer is None or officer.agency_id is None:
        return
    citizen = User.objects.filter(username="congdan").first()
    if citizen is None:
        return
    dossier = (
        Dossier.objects.filter(applicant=citizen, agency_id=officer.agency_id, is_draft=False)
        .order_by("-submitted_at", "-pk")
        .first()
    )
    if dossier is None:
        # The random demo dossiers may all be at other agencies (communes): submit one at the officer's.
        procedures = _staff_work_procedures()
        if procedures is None:
            return
        dossier = demo_dossier_submit(
            procedure=procedures[0],
            applicant=citizen,
            declaration={"request": "Đề nghị cấp bản sao trích lục hộ tịch", "demo": "demo-access"},
        )
    if DossierAccess.objects.filter(dossier=dossier).exists():
        return
    for kind in (AccessKind.DOSSIER, AccessKind.DECLARATION):
        dossier_access_record(dossier=dossier, user=officer, kind=kind, role=Role.RECEPTION)
    stdout.write(
        f"Nhật ký truy cập demo: {officer.get_full_name()} đã mở hồ sơ {dossier.code} của công dân congdan.\n"
    )
