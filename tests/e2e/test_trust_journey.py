"""Browser journey of issue 22 on the demo data of `make run`: the demo reception officer opens the
demo citizen's dossier in the workspace and the citizen reads it under "Ai đã xem hồ sơ của tôi";
the citizen asks a question and sees the working-day countdown; /thong-ke/ links the open data."""

import json
import re

import pytest

from flows.access_log.models import DossierAccess
from flows.feedback.services import feedback_submit
from flows.models import Dossier
from tests.e2e.conftest import assert_accessible, save_screenshot
from tests.e2e.demo import ACCOUNTS, CATALOGUE, HOME, seed
from tests.e2e.test_journeys import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_citizen_sees_who_opened_the_dossier_and_the_answer_clock(page):
    seed(HOME, CATALOGUE, ACCOUNTS, "flows.demo.seed", "flows.payments.demo.seed", "flows.demo.seed_access")
    seeded = DossierAccess.objects.get(kind="dossier")
    dossier = Dossier.objects.get(pk=seeded.dossier_id)

    sign_in(page, "tiepnhan.stp")
    response = page.goto(page.base_url + f"/xu-ly/dossier/{dossier.process_id}/")
    assert response.status == 200 and "Giấy tờ để in (PDF)" in page.locator("body").inner_text()
    assert DossierAccess.objects.filter(dossier=dossier, kind="dossier").count() == 2

    sign_in(page, "congdan")
    page.goto(page.base_url + f"/ho-so-cua-toi/{dossier.pk}/")
    log = page.locator("section.access-log")
    assert log.get_by_role("heading", level=2).inner_text() == "Ai đã xem hồ sơ của tôi"
    lines = log.locator("li").all_inner_texts()
    assert len(lines) == 3
    opened = r"Cán bộ tiếp nhận Lê Văn Nhận, Sở Tư pháp tỉnh Bến Tre, đã mở hồ sơ lúc \d\d:\d\d ngày "
    assert re.fullmatch(opened + r"\d\d/\d\d/\d{4}", lines[0])
    assert_accessible(page)
    save_screenshot(page, "journey-who-opened-my-dossier")

    citizen = dossier.applicant
    question = feedback_submit(
        title="Thời hạn cấp bản sao trích lục khai sinh",
        question="Tôi nộp hồ sơ hôm qua, khi nào có kết quả?",
        asker=citizen,
        asker_name=citizen.get_full_name(),
        asker_email=citizen.email,
        agency=dossier.agency,
    )
    page.goto(page.base_url + "/cau-hoi-cua-toi/")
    card = page.locator("article.my-question", has_text=question.title)
    assert re.search(
        r"Hạn trả lời: \d\d/\d\d/\d{4} \d\d:\d\d \(3 ngày làm việc\) · còn \d", card.inner_text()
    )
    assert_accessible(page)
    with page.expect_navigation():
        card.get_by_role("link", name=question.title).click()
    assert "ngày làm việc" in page.locator("p.answer-clock").inner_text()
    assert_accessible(page)
    save_screenshot(page, "journey-answer-clock")

    page.goto(page.base_url + "/thong-ke/?tu=2026-01-01&den=2026-12-31")
    with page.expect_navigation():
        page.locator("section.open-data").get_by_role("link", name="JSON").click()
    data = json.loads(page.locator("body").inner_text())
    assert data["period"] == {"from": "2026-01-01", "to": "2026-12-31"}
