"""Concurrency: daily dossier codes never collide; two officers acting on one task, exactly one wins."""

import threading

from django.db import close_old_connections, connection
from django.utils import timezone

import pytest

from flows.services import dossier_code_next

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def require_postgresql():
    # pytest-django's SQLite test database lives in shared-cache memory, where concurrent threads get
    # table locks instead of waiting; the production SQLite file with IMMEDIATE transactions queues
    # writers. Row-level races are what these tests pin, and PostgreSQL is where they happen.
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")


def run_in_threads(count, target):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=30)
            results.append(target())
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def officers_assign_at_once(task, officers):
    """Each officer, logged in on a client of their own, takes `task` ("assign") at the same moment."""
    from django.test import Client

    url = task.flow_task.reverse("assign", args=[task.process_id, task.pk])
    clients = []
    for officer in officers:
        client = Client()
        client.force_login(officer)
        clients.append(client)
    turn = iter(clients)
    lock = threading.Lock()

    def post():
        with lock:
            client = next(turn)
        return client.post(url, follow=True)

    return run_in_threads(len(clients), post)


def test_concurrent_submissions_get_distinct_consecutive_codes(agency):
    require_postgresql()
    moment = timezone.now()
    results, errors = run_in_threads(8, lambda: dossier_code_next(agency=agency, moment=moment))
    assert errors == []
    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in results)
    assert numbers == list(range(1, 9))
    assert all(code.startswith("STP-") for code in results)


def test_two_officers_assign_one_task_at_once_exactly_one_wins(
    procedure, citizen, staff, make_user, agency, clamd
):
    from django.urls import get_resolver

    from flows.flows import DossierFlow
    from portal.accounts.roles import Role

    from .helpers import open_task, submitted_dossier

    require_postgresql()
    assert get_resolver().url_patterns
    dossier = submitted_dossier(procedure, citizen)
    task = open_task(dossier, DossierFlow.receive)
    officers = [staff[Role.RECEPTION], make_user("tiepnhan2.stp", agency=agency, role=Role.RECEPTION)]
    results, errors = officers_assign_at_once(task, officers)
    assert errors == []
    assert sorted(response.status_code for response in results) == [200, 200]
    lost = [r for r in results if "cán bộ khác" in r.content.decode()]
    assert len(lost) == 1
    task.refresh_from_db()
    assert task.owner in officers
