"""Bulk dossiers for benchmarks and reports: `manage.py seed_dossiers --count N`.

Dossiers are spread over agencies, procedures, channels and every status, with dates over the last
months (some overdue). For speed the rows of the flow (process, open task) are written in bulk
with the same shape the flow gives them, instead of running every step through the engine.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from wagtail.models import Site

from viewflow.workflow.status import PROCESS, STATUS

from flows.calendar import VIETNAM_TZ, calendar_current
from flows.choices import FINAL_STATUSES, Channel, DossierStatus, EventKind
from flows.flows import DossierFlow
from flows.models import Dossier, DossierCodeCounter, DossierEvent
from flows.services import SECRET_ALPHABET, SECRET_LENGTH
from portal.accounts.roles import ROLE_GROUP_NAMES, Role
from services_catalog.choices import ONLINE_SUBMISSION_LEVELS, AdministrativeLevel, ServiceLevel
from services_catalog.models import Agency, Field, ProcedureIndexPage, ProcedurePage, RequiredDocument, Sector

SEED_AGENCIES = {
    "stp": "Sở Tư pháp",
    "sxd": "Sở Xây dựng",
    "sct": "Sở Công Thương",
    "stnmt": "Sở Tài nguyên và Môi trường",
}
# A province receives about this many dossiers a day: N dossiers span N / DOSSIERS_PER_DAY days, so a
# large register is mostly history and the work in progress stays what a few weeks bring.
DOSSIERS_PER_DAY = 50
# Status mix by the dossier's age (days since submission).
STATUS_WEIGHTS_BY_AGE = (
    (
        3,
        {
            DossierStatus.NEW: 40,
            DossierStatus.RECEIVED: 20,
            DossierStatus.PROCESSING: 30,
            DossierStatus.SUPPLEMENT_REQUESTED: 5,
            DossierStatus.REFUSED: 5,
        },
    ),
    (
        30,
        {
            DossierStatus.PROCESSING: 30,
            DossierStatus.SUPPLEMENT_REQUESTED: 5,
            DossierStatus.FINANCIAL_OBLIGATION: 2,
            DossierStatus.DONE: 15,
            DossierStatus.RETURNED: 40,
            DossierStatus.REFUSED: 3,
            DossierStatus.WITHDRAWN: 3,
            DossierStatus.STOPPED: 2,
        },
    ),
    (
        365,
        {
            DossierStatus.RETURNED: 88,
            DossierStatus.REFUSED: 5,
            DossierStatus.WITHDRAWN: 4,
            DossierStatus.STOPPED: 2,
            DossierStatus.PROCESSING: 1,  # long overdue
        },
    ),
    # Older than a year: every dossier was closed one way or another.
    (
        None,
        {
            DossierStatus.RETURNED: 89,
            DossierStatus.REFUSED: 5,
            DossierStatus.WITHDRAWN: 4,
            DossierStatus.STOPPED: 2,
        },
    ),
)
CHANNEL_WEIGHTS = {Channel.ONLINE: 60, Channel.IN_PERSON: 35, Channel.POST: 5}
OPEN_TASK_BY_STATUS = {
    DossierStatus.NEW: DossierFlow.receive,
    DossierStatus.RECEIVED: DossierFlow.transfer,
    DossierStatus.PROCESSING: DossierFlow.examine,
    DossierStatus.FINANCIAL_OBLIGATION: DossierFlow.examine,
    DossierStatus.SUPPLEMENT_REQUESTED: DossierFlow.wait_supplement,
    DossierStatus.DONE: DossierFlow.return_result,
}
ROLE_BY_NODE = {
    DossierFlow.receive: Role.RECEPTION,
    DossierFlow.transfer: Role.RECEPTION,
    DossierFlow.examine: Role.SPECIALIST,
    DossierFlow.return_result: Role.RECEPTION,
}
SEED_PASSWORD = "seed-cong-dich-vu-2026"  # noqa: S105 (seed accounts for local benchmarks only)


def _catalogue_ensure() -> list[ProcedurePage]:
    """Procedures that take online dossiers; a small catalogue is created when there are none."""
    procedures = list(
        ProcedurePage.objects.live()
        # Dossiers of a procedure each commune carries out go to the citizen's commune: not seeded.
        .filter(service_level__in=ONLINE_SUBMISSION_LEVELS, is_retired=False, agency__isnull=False)
        .select_related("agency")
    )
    if procedures:
        return procedures
    index = ProcedureIndexPage.objects.first()
    if index is None:
        root = Site.objects.get(is_default_site=True).root_page
        index = ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
        root.add_child(instance=index)
    sector, _ = Sector.objects.get_or_create(name="Tổng hợp", defaults={"slug": "tong-hop"})
    field, _ = Field.objects.get_or_create(sector=sector, name="Hồ sơ mẫu", defaults={"slug": "ho-so-mau"})
    for number, (code, name) in enumerate(SEED_AGENCIES.items(), start=1):
        agency, _ = Agency.objects.get_or_create(
            code=code, defaults={"name": name, "level": AdministrativeLevel.PROVINCE}
        )
        for variant in range(3):
            procedure = ProcedurePage(
                title=f"Thủ tục mẫu {number}.{variant + 1} của {agency.name}",
                slug=f"thu-tuc-mau-{code}-{variant + 1}",
                code=f"9.{number:03d}{variant + 1:03d}",
                sector=sector,
                field=field,
                agency=agency,
                service_level=ServiceLevel.FULLY_ONLINE if variant else ServiceLevel.PARTLY_ONLINE,
                processing_days=(5, 10, 15)[variant],
                online_processing_days=(3, None, 12)[variant],
            )
            index.add_child(instance=procedure)
            RequiredDocument.objects.create(procedure=procedure, name="Tờ khai", sort_order=0)
            procedures.append(procedure)
    return procedures


def _staff_ensure(agencies: list[Agency]) -> dict[tuple[int, Role], object]:
    User = get_user_model()
    staff = {}
    for agency in agencies:
        for role, prefix in (
            (Role.RECEPTION, "tiepnhan"),
            (Role.SPECIALIST, "chuyenvien"),
            (Role.HEAD, "lanhdao"),
        ):
            user = User.objects.filter(agency=agency, groups__name=ROLE_GROUP_NAMES[role]).first()
            if user is None:
                user = User.objects.create_user(
                    username=f"{prefix}.{agency.code}",
                    password=SEED_PASSWORD,
                    agency=agency,
                    full_name=prefix,
                )
                user.groups.add(Group.objects.get(name=ROLE_GROUP_NAMES[role]))
            staff[(agency.pk, role)] = user
    return staff


def _citizens_ensure(count: int) -> list:
    User = get_user_model()
    existing = list(User.objects.filter(username__startswith="congdan.mau.").order_by("pk")[:count])
    for number in range(len(existing), count):
        existing.append(
            User.objects.create_user(
                username=f"congdan.mau.{number:03d}",
                password=SEED_PASSWORD,
                full_name=f"Công dân mẫu {number}",
            )
        )
    return existing


def dossiers_seed(
    *,
    count: int,
    stdout,
    batch_size: int = 2000,
    rng_seed: int | None = None,
    citizens: list | None = None,
    span_days: float | None = None,
) -> int:
    rng = random.Random(rng_seed)  # noqa: S311 (demo data, not security)
    with transaction.atomic():
        procedures = _catalogue_ensure()
        agencies = list({procedure.agency for procedure in procedures})
        staff = _staff_ensure(agencies)
        citizens = citizens or _citizens_ensure(50)
    calendar = calendar_current()
    counters = Counter(
        {(row.agency_id, row.day): row.last_number for row in DossierCodeCounter.objects.all()}
    )
    now = timezone.now()
    # Over how many days the dossiers spread; the statistics demo asks for a year.
    span_days = span_days or max((Dossier.objects.count() + count) / DOSSIERS_PER_DAY, 1)
    channels, channel_weights = zip(*CHANNEL_WEIGHTS.items(), strict=True)
    created = 0
    while created < count:
        size = min(batch_size, count - created)
        with transaction.atomic():
            _seed_batch(
                start=created,
                size=size,
                total=count,
                rng=rng,
                now=now,
                calendar=calendar,
                procedures=procedures,
                staff=staff,
                citizens=citizens,
                counters=counters,
                span_days=span_days,
                channels=(channels, channel_weights),
            )
        created += size
        stdout.write(f"  {created}/{count} hồ sơ\n")
    with transaction.atomic():
        for (agency_id, day), last_number in counters.items():
            DossierCodeCounter.objects.update_or_create(
                agency_id=agency_id, day=day, defaults={"last_number": last_number}
            )
    return created


def _status_for_age(rng, age_days: float) -> DossierStatus:
    for limit, weights in STATUS_WEIGHTS_BY_AGE:
        if limit is None or age_days < limit:
            return rng.choices(list(weights), weights=list(weights.values()))[0]
    raise AssertionError("the last age band has no limit")


def _seed_batch(
    *, start, size, total, rng, now, calendar, procedures, staff, citizens, counters, span_days, channels
):
    rows = []
    every_status = list(DossierStatus)
    for number in range(start, start + size):
        procedure = rng.choice(procedures)
        # Oldest first, as a register fills: each dossier in its own slice of the span, so the table
        # is stored in arrival order as in production (queries on recent periods read few pages).
        age_days = span_days * (total - number - rng.random()) / total
        status = _status_for_age(rng, age_days)
        if number < len(every_status):
            # The first dossiers take every status once, so even a small seed covers them all.
            status, age_days = every_status[number], rng.uniform(0, 3)
        channel = rng.choices(*channels)[0]
        submitted = now - timedelta(days=age_days)
        day = submitted.astimezone(VIETNAM_TZ).date()
        counters[(procedure.agency_id, day)] += 1
        code = f"{procedure.agency.code.upper()}-{day:%y%m%d}-{counters[(procedure.agency_id, day)]:04d}"
        citizen = rng.choice(citizens) if channel == Channel.ONLINE else None
        dossier = Dossier(
            code=code,
            procedure=procedure,
            agency_id=procedure.agency_id,
            applicant=citizen,
            applicant_name=citizen.full_name if citizen else f"Người nộp {rng.randint(1, 99999)}",
            channel=channel,
            declaration={"request": "Hồ sơ mẫu"},
            status=status,
            is_draft=False,
            lookup_secret="".join(rng.choice(SECRET_ALPHABET) for _ in range(SECRET_LENGTH)),
            submitted_at=submitted,
        )
        if status != DossierStatus.NEW and status != DossierStatus.REFUSED:
            dossier.received_at = min(submitted + timedelta(hours=rng.uniform(0.5, 20)), now)
            days = procedure.online_time_limit if channel == Channel.ONLINE else procedure.processing_days
            dossier.due_at = calendar.add_working_days(dossier.received_at, days or 5)
            if status in (DossierStatus.DONE, DossierStatus.RETURNED, DossierStatus.STOPPED):
                # About one closed dossier in eight was late.
                late = rng.random() < 0.12
                finished = dossier.due_at + (
                    timedelta(days=rng.uniform(0.5, 6)) if late else -timedelta(hours=rng.uniform(1, 40))
                )
                dossier.finished_at = min(max(finished, dossier.received_at), now)
            if status == DossierStatus.RETURNED:
                dossier.returned_at = min(dossier.finished_at + timedelta(days=rng.uniform(0, 5)), now)
            if status == DossierStatus.SUPPLEMENT_REQUESTED:
                dossier.paused_at = min(dossier.received_at + timedelta(hours=rng.uniform(1, 30)), now)
        if status in (DossierStatus.REFUSED, DossierStatus.WITHDRAWN):
            dossier.finished_at = min(submitted + timedelta(days=rng.uniform(0.1, 3)), now)
        rows.append(dossier)

    processes = DossierFlow.process_class.objects.bulk_create(
        [
            DossierFlow.process_class(
                flow_class=DossierFlow,
                status=PROCESS.DONE if dossier.status in FINAL_STATUSES else PROCESS.NEW,
                created=dossier.submitted_at,
                finished=dossier.finished_at if dossier.status in FINAL_STATUSES else None,
                data={"dossier_code": dossier.code},
            )
            for dossier in rows
        ]
    )
    for dossier, process in zip(rows, processes, strict=True):
        dossier.process_id = process.pk
    Dossier.objects.bulk_create(rows)
    tasks = []
    for dossier in rows:
        node = OPEN_TASK_BY_STATUS.get(dossier.status)
        if node is None:
            continue
        task = DossierFlow.task_class(
            process_id=dossier.process_id,
            flow_task=node,
            flow_task_type=node.task_type,
            status=STATUS.NEW,
            created=dossier.received_at or dossier.submitted_at,
        )
        role = ROLE_BY_NODE.get(node)
        # Most open tasks were already taken by an officer of the agency (their inbox).
        if role is not None and rng.random() < 0.6:
            task.owner = staff[(dossier.agency_id, role)]
            task.status = STATUS.ASSIGNED
            task.assigned = task.created
        tasks.append(task)
    DossierFlow.task_class.objects.bulk_create(tasks)
    DossierEvent.objects.bulk_create(
        DossierEvent(
            dossier=dossier,
            kind=EventKind.SUBMITTED if dossier.channel == Channel.ONLINE else EventKind.REGISTERED_ON_PAPER,
            at=dossier.submitted_at,
            from_status=DossierStatus.NEW,
            to_status=dossier.status,
        )
        for dossier in rows
    )
