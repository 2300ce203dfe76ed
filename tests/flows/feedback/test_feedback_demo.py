"""The Q&A demo data of `make run`: a dozen answered questions across fields and agencies, a few in
the staff's queues, and nothing more on a second run."""

import pytest

from flows.feedback.choices import FeedbackStatus
from flows.feedback.flows import FeedbackFlow
from flows.feedback.models import Feedback, QuestionPage
from home.management.commands.seed_demo import DEMO_SEEDERS
from tests.e2e.demo import ACCOUNTS, CATALOGUE, HOME, seed

pytestmark = [pytest.mark.django_db]

QA = "flows.feedback.demo.seed"


def test_the_seeder_runs_before_the_search_index():
    assert DEMO_SEEDERS.index(QA) < DEMO_SEEDERS.index("search.demo.seed")


def test_demo_questions_are_published_and_pending_ones_wait_in_queues(client, urls_loaded):
    seed(HOME, CATALOGUE, ACCOUNTS, QA)
    published = QuestionPage.objects.live()
    assert published.count() == 12
    assert published.values("agency").distinct().count() >= 5
    assert published.values("field").distinct().count() >= 8
    pending = Feedback.objects.exclude(status=FeedbackStatus.ANSWERED)
    assert sorted(pending.values_list("status", flat=True)) == sorted(
        [FeedbackStatus.NEW, FeedbackStatus.ROUTED, FeedbackStatus.AWAITING_APPROVAL]
    )
    nodes = {
        task.flow_task
        for task in FeedbackFlow.task_class.objects.filter(status="NEW", process__feedback__in=pending)
    }
    assert nodes == {FeedbackFlow.route, FeedbackFlow.draft, FeedbackFlow.approve}
    assert client.get("/hoi-dap/").status_code == 200

    seed(QA)
    assert QuestionPage.objects.count() == 12
    assert Feedback.objects.count() == 15
