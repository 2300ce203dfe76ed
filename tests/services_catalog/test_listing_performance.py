"""The shortcuts the catalogue listing takes for speed give the same page as the long way."""

import itertools
from datetime import date
from urllib.parse import urlencode

from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

import pytest

from services_catalog.filters import LEVEL_FLAGS
from services_catalog.models import Agency, Field, ProcedurePage, Sector
from services_catalog.selectors import (
    PAGE_SIZE,
    MatchingProcedures,
    catalogue_listing,
    published_procedures,
    taxonomy_load,
)
from services_catalog.services import FeeData

pytestmark = pytest.mark.django_db


def test_the_taxonomy_is_cached_and_forgotten_when_a_sector_field_or_agency_changes(taxonomy):
    first = taxonomy_load()
    with CaptureQueriesContext(connection) as queries:
        assert taxonomy_load() == first
    assert len(queries) == 0

    Agency.objects.create(code="sct", name="Sở Công Thương", level="tinh")
    assert "sct" in taxonomy_load().agency_ids

    justice = Sector.objects.get(pk=taxonomy["justice"].pk)
    justice.name = "Tư pháp và Hộ tịch"
    justice.save()
    assert "Tư pháp và Hộ tịch" in [sector.name for sector in taxonomy_load().sectors]

    Field.objects.create(name="Quốc tịch", slug="quoc-tich", sector=justice)
    assert "quoc-tich" in taxonomy_load().field_ids

    Field.objects.filter(slug="quoc-tich").get().delete()
    assert "quoc-tich" not in taxonomy_load().field_ids


def test_a_new_agency_shows_in_the_filter_at_once(client, make_procedure, catalogue):
    make_procedure()
    client.get(catalogue.url)  # fills the cached taxonomy
    Agency.objects.create(code="sct", name="Sở Công Thương", level="tinh")
    make_procedure(agency=Agency.objects.get(code="sct"))
    html = client.get(catalogue.url + "?agency=sct").content.decode()
    assert "Sở Công Thương (1)" in html
    assert 'data-count="1"' in html


def test_listing_rows_link_to_each_procedure_and_show_its_details(client, make_procedure, catalogue):
    free = make_procedure(title="Đăng ký khai sinh", processing_days=1, service_level=4)
    paid = make_procedure(
        title="Đăng ký kết hôn", processing_days=5, fees=[FeeData(label="Lệ phí", amount_vnd=1_500_000)]
    )
    html = client.get(catalogue.url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    for procedure in (free, paid):
        assert f'href="{procedure.url}"' in html
        assert procedure.code in html
    assert "Mức độ 4" in html
    assert "1 ngày làm việc" in html and "5 ngày làm việc" in html
    assert "1.500.000\N{NO-BREAK SPACE}₫" in html
    assert "Không thu phí" in html


def test_every_filter_combination_lists_and_counts_what_the_database_holds(bulk_procedures, make_procedure):
    """The listing filters and counts on its cached index (bitmasks): checked here against the
    procedures as the database holds them, filtered in plain Python, for every combination."""
    bulk_procedures(40)
    make_procedure(title="Thủ tục đã bãi bỏ", is_retired=True, retired_date=date(2025, 7, 1))
    draft = make_procedure(title="Thủ tục chưa xuất bản")
    draft.unpublish()
    rows = list(
        published_procedures().values(
            "pk", "sector__slug", "field__slug", "agency__code", "service_level", *LEVEL_FLAGS.values()
        )
    )
    facts = [
        {
            "pk": row["pk"],
            "sector": row["sector__slug"],
            "field": row["field__slug"],
            "agency": row["agency__code"],
            "service_level": str(row["service_level"]),
            "admin_level": {level.value for level, flag in LEVEL_FLAGS.items() if row[flag]},
        }
        for row in rows
    ]

    def matches(fact: dict, chosen: dict, *, but: str = "") -> bool:
        return all(
            value in fact[name] if name == "admin_level" else fact[name] == value
            for name, value in chosen.items()
            if name != but
        )

    options = {
        "sector": ["tu-phap", "xay-dung"],
        "field": ["ho-tich", "chung-thuc", "hoat-dong-xay-dung"],
        "agency": ["stp", "sxd"],
        "service_level": ["0", "1", "2", "3", "4"],
        "admin_level": ["tinh", "huyen", "xa"],
    }
    for values in itertools.product(*[[None, *choices] for choices in options.values()]):
        chosen = {name: value for name, value in zip(options, values, strict=True) if value}
        listing = catalogue_listing(params=QueryDict(urlencode(chosen)))
        expected = [fact["pk"] for fact in facts if matches(fact, chosen)]
        assert listing.total == len(expected), chosen
        assert [procedure.pk for procedure in listing.procedures] == expected[:PAGE_SIZE], chosen
        for name, facet in listing.facets.items():
            others = [fact for fact in facts if matches(fact, chosen, but=name)]
            counts = {
                value: sum(1 for fact in others if matches(fact, {name: value})) for value in options[name]
            }
            shown = {option.value: option.count for option in facet}
            assert shown == {
                value: count
                for value, count in counts.items()
                # Sectors, fields and agencies without a procedure here are left out, unless chosen.
                if count or name in ("service_level", "admin_level") or value == chosen.get(name)
            }, (chosen, name)


def test_a_procedure_unpublished_after_the_index_was_read_is_not_listed(bulk_procedures):
    """Another process's change reaches this one's index within a second; its rows are read fresh."""
    bulk_procedures(3)
    first = catalogue_listing(params=QueryDict()).procedures[0]
    ProcedurePage.objects.filter(pk=first.pk).update(live=False)  # no signal: the index is not renewed
    listed = [procedure.pk for procedure in catalogue_listing(params=QueryDict()).procedures]
    assert first.pk not in listed
    assert len(listed) == 2


def test_matching_procedures_slice_like_the_list_of_every_match():
    order = tuple(range(100, 170))
    mask = sum(1 << position for position in range(70) if position % 3 == 0 or position in (1, 68))
    every = [order[position] for position in range(70) if mask >> position & 1]
    matching = MatchingProcedures(order=order, mask=mask)
    assert len(matching) == len(every)
    assert list(matching) == every
    for start, stop in [(0, 5), (3, 9), (20, 40), (24, 25), (30, 30)]:
        assert matching[start:stop] == every[start:stop]
    assert (matching[0], matching[7], matching[-1]) == (every[0], every[7], every[-1])
    with pytest.raises(IndexError):
        matching[len(every)]
