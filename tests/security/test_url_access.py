"""Every URL pattern, tried by intruders against a real owner's dossier, files, tasks and staff.

Intruders: an anonymous visitor, another citizen, and staff of another agency with every
agency-scoped role (reception, specialist, head, IT officer). Each pattern is opened with GET and
(except public pages) POST. A URL that names a private object must be refused: a redirect to sign-in,
403, 404 (or 405 for a wrong method). No response to an intruder may contain the owner's name,
phone, e-mail, dossier code, look-up secret, declaration or file names; nothing may change.
"""

from urllib.parse import urlsplit

from django.test import Client
from django.urls import reverse

import pytest

from flows.flows import DossierFlow
from flows.models import DossierEvent, DossierFile

from .urlmap import (
    ADMIN,
    CITIZEN,
    KNOWN_SERVER_ERRORS,
    PUBLIC,
    SECRET_LINK,
    STAFF,
    UnknownParameter,
    build_url,
    classify,
    url_entries,
)

pytestmark = pytest.mark.django_db

REDIRECTS = (301, 302, 303, 307, 308)


def sign_in_paths() -> set[str]:
    return {reverse("accounts:login"), reverse("wagtailadmin_login"), reverse("admin:login")}


def refusal_problem(response, *, may_land_on_admin_home: bool) -> str | None:
    """None when the response refuses; otherwise what it did instead."""
    if response.status_code in (403, 404, 405):
        return None
    if response.status_code in REDIRECTS:
        target = urlsplit(response["Location"]).path
        allowed = sign_in_paths() | ({reverse("wagtailadmin_home")} if may_land_on_admin_home else set())
        return None if target in allowed else f"redirected to {target}"
    return f"answered {response.status_code}"


def test_every_url_pattern_is_classified():
    unclassified = [entry.route for entry in url_entries() if classify(entry) is None]
    assert not unclassified, (
        "These URL patterns are not classified for the security suite. Add a Rule to "
        "tests/security/urlmap.py:RULES saying who may open each (PUBLIC with a reason, CITIZEN or "
        "STAFF):\n  " + "\n  ".join(unclassified)
    )


def test_the_suite_sees_the_private_areas():
    """Guards the walker itself: the patterns that matter are found and classified as private."""
    kinds = {entry.route: classify(entry).kind for entry in url_entries() if classify(entry)}
    assert kinds["ho-so-cua-toi/<int:pk>/"] == CITIZEN
    assert kinds["ho-so/<int:dossier_pk>/tep/<int:file_pk>/"] == CITIZEN
    assert kinds["xu-ly/dossier/<int:process_pk>/"] == STAFF
    assert kinds["quan-ly/can-bo/<int:pk>/"] == STAFF
    assert kinds["admin/users/edit/<int:pk>/"] == STAFF
    assert sum(kind in (STAFF, ADMIN) for kind in kinds.values()) > 300


def visitors(world):
    return {
        "anonymous": None,
        "another citizen": world.other_citizen,
        "staff of another agency": world.other_staff,
    }


def snapshot(world):
    tasks = DossierFlow.task_class.objects.filter(process_id=world.dossier.process_id)
    world.dossier.refresh_from_db()
    world.agency_it_officer.refresh_from_db()
    world.owner.refresh_from_db()
    return {
        "status": world.dossier.status,
        "events": DossierEvent.objects.filter(dossier=world.dossier).count(),
        "files": DossierFile.objects.filter(dossier=world.dossier).count(),
        "tasks": sorted(tasks.values_list("pk", "status", "owner_id")),
        "draft": world.draft.__class__.objects.filter(pk=world.draft.pk).exists(),
        "staff active": world.agency_it_officer.is_active,
        "staff password": world.agency_it_officer.password,
        "owner password": world.owner.password,
    }


def probe(world, entry, rule, visitor_name, user, path, problems):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    private_object = bool(entry.private_params)
    must_refuse = (
        (user is None and rule.kind in (CITIZEN, STAFF, ADMIN))
        or (visitor_name == "another citizen" and rule.kind in (STAFF, ADMIN))
        or (rule.kind in (CITIZEN, STAFF) and private_object)
    )
    task_pks = list(
        DossierFlow.task_class.objects.filter(process_id=world.dossier.process_id).values_list(
            "pk", flat=True
        )
    )
    methods = ["get"] if rule.kind in (PUBLIC, SECRET_LINK) else ["get", "post"]
    for method in methods:
        if method == "get":
            response = client.get(path)
        else:
            response = client.post(path, {"pk": task_pks, "reason": "x", "note": "x", "decision": "accept"})
        where = f"{method.upper()} {path} ({entry.route}) as {visitor_name}"
        if response.status_code >= 500 and (method.upper(), entry.route) not in KNOWN_SERVER_ERRORS:
            problems.append(f"{where}: server error {response.status_code}")
            continue
        leaked = world.leaked(b"".join(response) if response.streaming else response.content)
        if leaked:
            problems.append(f"{where}: shows the owner's data {leaked}")
        if must_refuse:
            problem = refusal_problem(
                response,
                may_land_on_admin_home=user is not None and rule.kind in (STAFF, ADMIN) and user.agency_id,
            )
            if problem:
                problems.append(f"{where}: {problem}, expected sign-in redirect, 403 or 404")


@pytest.mark.parametrize("visitor_name", ["anonymous", "another citizen", "staff of another agency"])
def test_intruders_get_nothing_from_any_url(world, visitor_name):
    user = visitors(world)[visitor_name]
    before = snapshot(world)
    problems: list[str] = []
    tried = 0
    for entry in url_entries():
        rule = classify(entry)
        if rule is None:
            continue  # test_every_url_pattern_is_classified reports it
        try:
            path = build_url(entry, world)
        except UnknownParameter as error:
            problems.append(str(error))
            continue
        probe(world, entry, rule, visitor_name, user, path, problems)
        tried += 1
    assert tried > 400
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
    assert snapshot(world) == before, "an intruder's request changed the owner's data"


def test_the_markers_are_on_the_owners_pages(world):
    """The probe can fail: the owner and the owning agency do see the markers on these pages."""
    client = Client()
    client.force_login(world.owner)
    page = client.get(reverse("flows:dossier_detail", args=[world.dossier.pk])).content
    assert {world.dossier.code, world.dossier.lookup_secret} <= set(world.leaked(page))
    draft_form = client.get(reverse("flows:submit", args=[world.procedure.code])).content
    assert "Bản nháp riêng DR-SECRET-5582" in world.leaked(draft_form)
    file = world.dossier.files.first()
    download = client.get(reverse("flows:file_download", args=[world.dossier.pk, file.pk]))
    assert download.status_code == 200
    client.force_login(world.agency_staff["reception"])
    receipt = client.get(reverse("flows:staff_receipt", args=[world.dossier.pk])).content
    assert {world.dossier.code, world.dossier.lookup_secret} <= set(world.leaked(receipt))


def test_the_workspace_task_list_opens_and_is_scoped(world):
    """It was a 500 (a column Viewflow's task list lacks), found by the intruder sweep above."""
    client = Client()
    client.force_login(world.agency_staff["reception"])
    response = client.get("/xu-ly/dossier/tasks/")
    assert response.status_code == 200
    assert world.dossier.code in response.content.decode()
    client.force_login(world.other_staff)
    response = client.get("/xu-ly/dossier/tasks/")
    assert response.status_code == 200
    assert not world.leaked(response.content)
