"""Two reception officers take one feedback item at once: exactly one gets it (PostgreSQL row lock)."""

import threading

from django.test import Client
from django.urls import get_resolver

import pytest

from flows.feedback.flows import FeedbackFlow
from portal.accounts.roles import Role

from .feedback_helpers import open_task, submit
from .test_concurrency import require_postgresql, run_in_threads

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_officers_take_one_item_at_once_exactly_one_wins(agency, staff, make_user):
    require_postgresql()
    assert get_resolver().url_patterns
    feedback = submit()
    task = open_task(feedback, FeedbackFlow.route)
    url = task.flow_task.reverse("assign", args=[task.process_id, task.pk])
    officers = [staff[Role.RECEPTION], make_user("tiepnhan2.stp", agency=agency, role=Role.RECEPTION)]
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

    results, errors = run_in_threads(2, post)
    assert errors == []
    assert sorted(response.status_code for response in results) == [200, 200]
    assert len([r for r in results if "cán bộ khác" in r.content.decode()]) == 1
    task.refresh_from_db()
    assert task.owner in officers
