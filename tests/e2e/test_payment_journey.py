"""Browser journey: the citizen pays a level 4 dossier through the local test gateway (VNPay 2.1.0
protocol), downloads the result of a finished one and rates the service. Uses the demo data of
`make run`."""

from pathlib import Path

import pytest

from flows.models import Dossier
from flows.payments.choices import PaymentStatus
from flows.payments.demo import DEMO_MARK, RESULT_PDF
from flows.payments.models import Payment
from flows.payments.selectors import dossier_account
from tests.e2e.conftest import assert_accessible, save_screenshot
from tests.e2e.demo import ACCOUNTS, CATALOGUE, HOME, seed
from tests.e2e.test_journeys import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_citizen_pays_online_downloads_the_result_and_rates_the_service(page):
    seed(HOME, CATALOGUE, ACCOUNTS, "flows.payments.demo.seed")
    to_pay = Dossier.objects.get(declaration__demo=f"{DEMO_MARK}:to-pay")
    finished = Dossier.objects.get(declaration__demo=f"{DEMO_MARK}:finished")
    owed = dossier_account(dossier=to_pay).balance
    assert owed > 0

    sign_in(page, "congdan")
    page.goto(page.base_url + f"/ho-so-cua-toi/{to_pay.pk}/")
    main = page.locator("main")
    assert "Phí, lệ phí và thanh toán" in main.inner_text()
    assert_accessible(page)
    save_screenshot(page, "journey-payment-dossier")
    with page.expect_navigation():
        main.get_by_role("button", name="Thanh toán trực tuyến").click()
    assert "/cong-thanh-toan-thu/" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Cổng thanh toán thử nghiệm"
    assert_accessible(page)
    save_screenshot(page, "journey-payment-gateway")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Thanh toán", exact=True).click()
    assert "/thanh-toan/vnpay/ket-qua/" in page.url
    assert "Thanh toán của bạn đã được xác nhận" in page.locator("main").inner_text()
    assert_accessible(page)
    save_screenshot(page, "journey-payment-result")
    payment = Payment.objects.get(dossier=to_pay)
    assert payment.status == PaymentStatus.PAID and payment.amount_vnd == owed
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Quay lại hồ sơ").click()
    detail = page.locator("main").inner_text()
    assert payment.provider_transaction_no in detail
    assert page.locator("main").get_by_role("button", name="Thanh toán trực tuyến").count() == 0

    page.goto(page.base_url + f"/ho-so-cua-toi/{finished.pk}/")
    assert_accessible(page)
    save_screenshot(page, "journey-result-download")
    with page.expect_download() as download_info:
        page.locator("main").get_by_role("link", name="ket-qua-giai-quyet.pdf").click()
    download = download_info.value
    assert download.suggested_filename == "ket-qua-giai-quyet.pdf"
    assert Path(download.path()).read_bytes() == RESULT_PDF

    rating = page.locator("main").locator("section.rating")
    assert "Đánh giá chất lượng phục vụ" in rating.inner_text()
    rating.get_by_label("5 \N{EN DASH} Rất hài lòng").check()
    rating.get_by_label("Góp ý (không bắt buộc)").fill("Cán bộ hướng dẫn tận tình.")
    with page.expect_navigation():
        rating.get_by_role("button", name="Gửi đánh giá").click()
    assert_accessible(page)
    save_screenshot(page, "journey-rating")
    finished.refresh_from_db()
    assert finished.rating.score == 5 and finished.rating.comment == "Cán bộ hướng dẫn tận tình."
    assert page.locator("main").get_by_role("button", name="Gửi đánh giá").count() == 0
