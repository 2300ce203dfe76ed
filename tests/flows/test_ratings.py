"""Ratings (R-OPS-3): a citizen rates their own finished dossier, once, 1 to 5, with a comment."""

from django.urls import reverse

import pytest

from flows.choices import DossierStatus
from flows.models import DossierRating
from flows.statistics import period_year, rating_summary

from .test_statistics import make_dossier, vn


@pytest.fixture
def finished(procedure, citizen):
    return make_dossier(
        procedure,
        status=DossierStatus.RETURNED,
        received=vn(3, 3),
        due=vn(3, 10),
        finished=vn(3, 7),
        applicant=citizen,
    )


def test_citizen_rates_own_finished_dossier_once(client, citizen, finished, django_assert_max_num_queries):
    client.force_login(citizen)
    detail = reverse("flows:dossier_detail", args=[finished.pk])
    client.get(detail)  # the site, its settings and menus are kept per process after the first page
    with django_assert_max_num_queries(20):
        page = client.get(detail)
    assert "Đánh giá chất lượng phục vụ" in page.content.decode()
    response = client.post(
        reverse("flows:dossier_rate", args=[finished.pk]), {"score": "4", "comment": "Nhanh <b>gọn</b>"}
    )
    assert response.status_code == 302
    rating = DossierRating.objects.get(dossier=finished)
    assert (rating.score, rating.comment) == (4, "Nhanh <b>gọn</b>")
    page = client.get(detail).content.decode()
    assert "Bạn đã đánh giá hồ sơ này 4/5." in page
    assert "Nhanh &lt;b&gt;gọn&lt;/b&gt;" in page  # escaped
    assert "Gửi đánh giá" not in page
    # A second rating is refused and changes nothing.
    client.post(reverse("flows:dossier_rate", args=[finished.pk]), {"score": "1"}, follow=True)
    assert DossierRating.objects.get(dossier=finished).score == 4
    assert DossierRating.objects.count() == 1
    assert rating_summary(period=period_year(year=rating.rated_at.year))["count"] == 1


def test_only_the_applicant_may_rate(client, other_citizen, finished):
    client.force_login(other_citizen)
    response = client.post(reverse("flows:dossier_rate", args=[finished.pk]), {"score": "5"})
    assert response.status_code == 404
    assert not DossierRating.objects.exists()


def test_anonymous_cannot_rate(client, finished):
    response = client.post(reverse("flows:dossier_rate", args=[finished.pk]), {"score": "5"})
    assert response.status_code == 302 and "next=" in response["Location"]
    assert not DossierRating.objects.exists()


@pytest.mark.parametrize("status", [DossierStatus.PROCESSING, DossierStatus.WITHDRAWN, DossierStatus.REFUSED])
def test_unfinished_dossier_cannot_be_rated(client, procedure, citizen, status):
    dossier = make_dossier(procedure, status=status, received=vn(3, 3), due=vn(3, 10), applicant=citizen)
    client.force_login(citizen)
    detail = client.get(reverse("flows:dossier_detail", args=[dossier.pk]))
    assert "Gửi đánh giá" not in detail.content.decode()
    response = client.post(reverse("flows:dossier_rate", args=[dossier.pk]), {"score": "5"}, follow=True)
    assert "Chỉ đánh giá được hồ sơ đã có kết quả." in response.content.decode()
    assert not DossierRating.objects.exists()


@pytest.mark.parametrize("score", ["0", "6", "abc", ""])
def test_score_must_be_1_to_5(client, citizen, finished, score):
    client.force_login(citizen)
    response = client.post(reverse("flows:dossier_rate", args=[finished.pk]), {"score": score}, follow=True)
    assert response.status_code == 200
    assert not DossierRating.objects.exists()
