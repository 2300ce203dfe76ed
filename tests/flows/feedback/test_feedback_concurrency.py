"""Two reception officers take one feedback item at once: exactly one gets it (PostgreSQL row lock)."""

from django.urls import get_resolver

import pytest

from flows.feedback.flows import FeedbackFlow
from portal.accounts.roles import Role

from ..test_concurrency import officers_assign_at_once, require_postgresql
from .helpers import open_task, submit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_officers_take_one_item_at_once_exactly_one_wins(agency, staff, make_user):
    require_postgresql()
    assert get_resolver().url_patterns
    feedback = submit()
    task = open_task(feedback, FeedbackFlow.route)
    officers = [staff[Role.RECEPTION], make_user("tiepnhan2.stp", agency=agency, role=Role.RECEPTION)]
    results, errors = officers_assign_at_once(task, officers)
    assert errors == []
    assert sorted(response.status_code for response in results) == [200, 200]
    assert len([r for r in results if "cán bộ khác" in r.content.decode()]) == 1
    task.refresh_from_db()
    assert task.owner in officers
