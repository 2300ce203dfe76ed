"""Open data (/api/v1/statistics/): the statistics page's figures per agency, field and month, as
JSON and CSV that agree with /thong-ke/; validated parameters with Vietnamese and English errors;
cacheable, rate-limited, no personal data, constant query count."""

import csv
import io
import random
from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from flows.choices import Channel, DossierStatus
from flows.models import DossierRating
from flows.statistics import COLUMN_KEYS
from services_catalog.models import Agency

from .conftest import make_procedure
from .test_statistics import _page_rows, make_dossier, procedure_b, vn  # noqa: F401 (procedure_b: fixture)

pytestmark = pytest.mark.django_db

YEAR_QUERY = "from=2026-01-01&to=2026-12-31"
PAGE_QUERY = "tu=2026-01-01&den=2026-12-31"
# Counts that add up month by month; carried over and pending are each period's own snapshot.
ADDITIVE = [
    "received_online",
    "received_offline",
    "resolved_total",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "refused",
    "withdrawn",
    "stopped",
]
LONG_AGENCY_NAME = (
    "Ủy ban nhân dân xã Phước Long, huyện Giồng Trôm, tỉnh Bến Tre (Bộ phận tiếp nhận và trả kết quả "
    "giải quyết thủ tục hành chính theo cơ chế một cửa, một cửa liên thông) - điểm tiếp nhận số 2"
)


def _year_of_dossiers(procedures, *, seed=22, per_month=6):
    """Dossiers received from December 2025 to November 2026 in every state, with ratings."""
    rng = random.Random(seed)  # noqa: S311 (repeatable test data, not a secret)
    made = []
    for month in range(0, 12):
        year, month_number = (2025, 12) if month == 0 else (2026, month)
        for number in range(per_month):
            procedure = procedures[number % len(procedures)]
            received = vn(month_number, rng.randint(1, 26), rng.randint(7, 16), year=year)
            due = received + timedelta(days=rng.randint(3, 15))
            channel = rng.choice([Channel.ONLINE, Channel.ONLINE, Channel.IN_PERSON, Channel.POST])
            outcome = rng.random()
            if outcome < 0.55:
                finished = due - timedelta(days=rng.randint(0, 2), hours=rng.randint(0, 3))
                status = DossierStatus.RETURNED
            elif outcome < 0.75:
                finished = due + timedelta(days=rng.randint(1, 20))
                status = DossierStatus.DONE
            elif outcome < 0.85:
                finished = received + timedelta(days=1)
                status = rng.choice([DossierStatus.WITHDRAWN, DossierStatus.STOPPED])
            else:
                finished, status = None, DossierStatus.PROCESSING
            dossier = make_dossier(
                procedure, status=status, channel=channel, received=received, due=due, finished=finished
            )
            made.append(dossier)
            if finished is not None and status == DossierStatus.RETURNED and rng.random() < 0.5:
                DossierRating.objects.create(
                    dossier=dossier,
                    score=rng.randint(1, 5),
                    rated_at=finished + timedelta(days=rng.randint(0, 40)),
                )
        make_dossier(procedures[0], status=DossierStatus.REFUSED, finished=vn(month_number, 27, year=year))
    return made


@pytest.fixture
def year(procedure, procedure_b, procedure_index):  # noqa: F811 (the imported fixture)
    district = Agency.objects.create(code="ubndxpl", name=LONG_AGENCY_NAME, level="xa")
    third = make_procedure(procedure_index, district, code="3.000777")
    return _year_of_dossiers([procedure, procedure_b, third])


def _api(client, query=YEAR_QUERY):
    response = client.get(reverse("flows:statistics_api") + "?" + query)
    assert response.status_code == 200, response.content[:500]
    return response


def test_the_api_agrees_with_the_statistics_page(client, year):
    page = client.get(reverse("flows:statistics") + "?" + PAGE_QUERY).content.decode()
    page_agencies = _page_rows(page, "table-agency")
    page_fields = _page_rows(page, "table-field")
    data = _api(client).json()
    assert data["period"] == {"from": "2026-01-01", "to": "2026-12-31"}

    api_agencies = {
        row["agency_name"]: [row[key] for key in COLUMN_KEYS] for row in data["totals"]["agencies"]
    }
    api_agencies["Tổng cộng"] = [data["totals"]["all"][key] for key in COLUMN_KEYS]
    assert api_agencies == page_agencies
    assert LONG_AGENCY_NAME in api_agencies
    api_fields = {row["field_name"]: [row[key] for key in COLUMN_KEYS] for row in data["totals"]["fields"]}
    api_fields["Tổng cộng"] = api_agencies["Tổng cộng"]
    assert api_fields == page_fields

    # The months add up to the year, agency by agency; January carries over what December left.
    for agency in data["totals"]["agencies"]:
        months = [row for row in data["months"] if row["agency_code"] == agency["agency_code"]]
        for key in ADDITIVE:
            assert sum(row[key] for row in months) == agency[key], (agency["agency_name"], key)
        january = [row for row in months if row["month"] == "2026-01"]
        assert sum(row["carried_over"] for row in january) == agency["carried_over"]
        if agency["resolved_total"]:
            in_time = agency["resolved_early"] + agency["resolved_on_time"]
            assert agency["on_time_rate"] == round(in_time / agency["resolved_total"], 4)
            assert agency["resolved_in_time"] == in_time
    assert (
        sum(row["rating_count"] for row in data["months"])
        == DossierRating.objects.filter(
            rated_at__gte=vn(1, 1, 0, year=2026), rated_at__lt=vn(1, 1, 0, year=2027)
        ).count()
    )
    assert {row["month"] for row in data["months"]} <= {f"2026-{month:02d}" for month in range(1, 13)}

    # The page's on-time rate of the whole province, with its decimal comma, is the API's.
    rate = data["totals"]["all"]["on_time_rate"] * 100
    assert f"{rate:.1f}".replace(".", ",") + " %" in page


def test_csv_has_the_json_months(client, year):
    data = _api(client).json()
    response = _api(client, YEAR_QUERY + "&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'rel="license"' in response["Link"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == len(data["months"]) > 12
    for row, record in zip(rows, data["months"], strict=True):
        assert row == {key: "" if value is None else str(value) for key, value in record.items()}


def test_definitions_licence_and_no_personal_data(client, year):
    response = _api(client)
    data = response.json()
    assert data["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["licence"]["text"]["vi"].startswith("Được tự do sử dụng lại")
    for key in [*COLUMN_KEYS, "on_time_rate", "online_share", "rating_average"]:
        assert data["definitions"][key]["definition"]["vi"] and data["definitions"][key]["definition"]["en"]
    assert data["definitions"]["resolved_late"]["label"]["vi"] == "Đã giải quyết: Quá hạn"
    text = response.content.decode()
    for dossier in year[:20]:
        assert dossier.code not in text and dossier.applicant_name not in text
    assert response["Access-Control-Allow-Origin"] == "*"


def test_partial_months_are_cut_to_the_period(client, year):
    data = _api(client, "from=2026-01-15&to=2026-02-10").json()
    months = {(row["month"], row["from"], row["to"]) for row in data["months"]}
    assert months == {("2026-01", "2026-01-15", "2026-01-31"), ("2026-02", "2026-02-01", "2026-02-10")}


@pytest.mark.parametrize(
    ("query", "parameter", "vietnamese"),
    [
        ("from=2026-13-01", "from", "Hãy ghi ngày theo dạng NNNN-TT-NN"),
        ("from=01/02/2026", "from", "Hãy ghi ngày theo dạng NNNN-TT-NN"),
        ("from=2026-05-01&to=2026-04-01", "to", "Ngày kết thúc không được trước ngày bắt đầu."),
        ("from=2025-01-01&to=2026-12-31", "to", "Hãy chọn khoảng thời gian không quá 366 ngày."),
        ("from=1900-01-01&to=1900-02-01", "from", "Hãy chọn ngày trong khoảng từ năm 2000 đến năm 2100."),
        ("format=xml", "format", "Định dạng phải là json hoặc csv."),
    ],
)
def test_bad_parameters_get_a_clear_message_in_both_languages(client, db, query, parameter, vietnamese):
    response = client.get(reverse("flows:statistics_api") + "?" + query)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["parameter"] == parameter
    assert error["message"]["vi"].startswith(vietnamese)
    assert error["message"]["en"] and error["message"]["en"] != error["message"]["vi"]


def test_cacheable_with_an_etag(client, year):
    response = _api(client)
    assert "public" in response["Cache-Control"] and "max-age=900" in response["Cache-Control"]
    again = client.get(
        reverse("flows:statistics_api") + "?" + YEAR_QUERY, HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304
    csv_response = _api(client, YEAR_QUERY + "&format=csv")
    assert csv_response["ETag"] != response["ETag"]


def test_rate_limited_per_address(client, db, settings):
    settings.OPEN_DATA_RATE_LIMIT = (3, 60)
    url = reverse("flows:statistics_api")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(url)
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert refused.json()["error"]["message"]["vi"].startswith("Quá nhiều yêu cầu")
    assert client.get(url, REMOTE_ADDR="203.0.113.9").status_code == 200


def test_query_count_does_not_grow_with_the_data(client, year, procedure):
    query = "from=2026-03-01&to=2026-05-31"

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            _api(client, query)
        return len(context.captured_queries)

    before = count()
    for day in range(1, 25):
        make_dossier(
            procedure,
            status=DossierStatus.RETURNED,
            received=vn(4, day, year=2026),
            due=vn(5, 1, year=2026),
            finished=vn(4, 28, year=2026),
        )
    assert count() == before
    # One grain per month (3) and one for the period, two queries for the ratings. A grain is its
    # aggregate and the labels of its procedures and agencies (flows.statistics._grain_rows); on
    # PostgreSQL the aggregate also runs in a savepoint with JIT off (three statements more).
    per_grain = 6 if connection.vendor == "postgresql" else 3
    assert before == 4 * per_grain + 2


def test_the_statistics_page_links_the_api(client, db):
    page = client.get(reverse("flows:statistics") + "?" + PAGE_QUERY).content.decode()
    assert "/api/v1/statistics/?from=2026-01-01&amp;to=2026-12-31&amp;format=csv" in page
    assert "Dữ liệu mở" in page
