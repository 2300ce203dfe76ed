"""The index follows publishing, and bulk imports index thousands of pages in a few queries."""

from django.core.management import call_command
from django.db.models import Count

import pytest

from search.models import DocumentKind, SearchDocument
from search.procedures import procedures_matching
from search.services import pages_index
from services_catalog.models import Agency, Field, ProcedureIndexPage, ProcedurePage, Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue_index(home_page):
    return home_page.add_child(instance=ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc"))


@pytest.fixture
def taxonomy():
    sector = Sector.objects.create(name="Tư pháp", slug="tu-phap")
    field = Field.objects.create(sector=sector, name="Hộ tịch", slug="ho-tich")
    agency = Agency.objects.create(name="Sở Tư pháp", code="stp", level="tinh")
    return sector, field, agency


def new_procedure(taxonomy, title: str, code: str, **extra) -> ProcedurePage:
    sector, field, agency = taxonomy
    return ProcedurePage(
        title=title,
        slug=code.replace(".", "-"),
        code=code,
        sector=sector,
        field=field,
        agency=agency,
        **extra,
    )


def found(query: str) -> list[str]:
    return list(
        procedures_matching(ProcedurePage.objects.live(), query=query).values_list("title", flat=True)
    )


def test_publishing_a_revision_indexes_the_page(catalogue_index, taxonomy):
    page = catalogue_index.add_child(instance=new_procedure(taxonomy, "Đăng ký khai sinh", "1.1", live=False))
    assert not SearchDocument.objects.filter(page=page).exists()
    page.save_revision().publish()
    document = SearchDocument.objects.get(page=page)
    assert document.kind == DocumentKind.PROCEDURE
    assert document.title_text == " dang ki khai sinh "  # ký and kí are one syllable
    assert " so tu phap " in document.keywords_text and " ho tich " in document.keywords_text
    assert found("dang ky khai sinh") == ["Đăng ký khai sinh"]


def test_draft_changes_are_not_searchable_until_published(catalogue_index, taxonomy):
    page = catalogue_index.add_child(instance=new_procedure(taxonomy, "Đăng ký khai sinh", "1.1", live=False))
    page.save_revision().publish()
    page.title = "Đăng ký khai tử"
    page.save_revision()
    assert SearchDocument.objects.get(page=page).title_text == " dang ki khai sinh "
    assert found("dang ky khai sinh") == ["Đăng ký khai sinh"]
    page.get_latest_revision().publish()
    assert SearchDocument.objects.get(page=page).title_text == " dang ki khai tu "
    assert found("dang ky khai tu") == ["Đăng ký khai tử"]


def test_unpublishing_and_deleting_remove_the_page_from_the_index(catalogue_index, taxonomy):
    page = catalogue_index.add_child(instance=new_procedure(taxonomy, "Đăng ký kết hôn", "1.2", live=False))
    page.save_revision().publish()
    page.refresh_from_db()
    page.unpublish()
    assert not SearchDocument.objects.filter(page=page).exists()
    page.save_revision().publish()
    page.delete()
    assert not SearchDocument.objects.exists()


def test_renaming_a_field_refreshes_its_procedures(catalogue_index, taxonomy):
    page = catalogue_index.add_child(instance=new_procedure(taxonomy, "Đăng ký kết hôn", "1.2"))
    pages_index(page_ids=[page.pk])
    field = taxonomy[1]
    field.name = "Hộ tịch và quốc tịch"
    field.save()
    assert " quoc tich " in SearchDocument.objects.get(page=page).keywords_text


def test_bulk_indexing_costs_a_few_queries_per_batch(
    catalogue_index, taxonomy, django_assert_max_num_queries
):
    pages = [
        catalogue_index.add_child(instance=new_procedure(taxonomy, f"Thủ tục số {number}", f"9.{number}"))
        for number in range(30)
    ]
    # Load pages (2), replace documents (3), move the vocabulary's counts (3), savepoints.
    with django_assert_max_num_queries(11):
        assert pages_index(page_ids=[page.pk for page in pages]) == 30
    assert SearchDocument.objects.count() == 30
    with django_assert_max_num_queries(11):  # a second run updates in place
        assert pages_index(page_ids=[page.pk for page in pages]) == 30
    assert SearchDocument.objects.count() == 30


def test_rebuild_command_indexes_every_live_page_and_drops_the_rest(catalogue_index, taxonomy, home_page):
    live = catalogue_index.add_child(instance=new_procedure(taxonomy, "Đăng ký khai tử", "1.3"))
    draft = catalogue_index.add_child(instance=new_procedure(taxonomy, "Đăng ký giám hộ", "1.4", live=False))
    SearchDocument.objects.create(page=draft, kind="procedure", title_text=" x ", search_text=" x ")
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    indexed = set(SearchDocument.objects.values_list("page_id", flat=True))
    assert live.pk in indexed and catalogue_index.pk in indexed and home_page.pk in indexed
    assert draft.pk not in indexed
    assert SearchDocument.objects.get(page=home_page).kind == DocumentKind.PAGE


def test_procedures_matching_costs_a_constant_number_of_queries(catalogue, django_assert_max_num_queries):
    procedures_matching(ProcedurePage.objects.none(), query="warm the synonym cache")
    for query in ("dang ky", "giay phep xay dung", "so do", "lam giay khai sinh cho con"):
        with django_assert_max_num_queries(5):  # vocabulary (word counts, last word as a prefix), scoring
            results = procedures_matching(ProcedurePage.objects.live(), query=query)
            assert results.count() > 0
            list(results[:20])
        with django_assert_max_num_queries(2):  # the parsed query is cached: count + page
            results = procedures_matching(ProcedurePage.objects.live(), query=query)
            assert results.count() > 0
            list(results[:20])


def test_procedures_matching_keeps_filters_and_allows_facet_counts(catalogue):
    sector = Sector.objects.get(slug="tu-phap")
    results = procedures_matching(ProcedurePage.objects.live().filter(sector=sector), query="dang ky")
    titles = list(results.values_list("title", flat=True))
    assert titles and "Đăng ký thành lập hộ kinh doanh" not in titles
    counts = {
        row["field__name"]: row["n"]
        for row in results.order_by().values("field__name").annotate(n=Count("pk"))
    }
    assert sum(counts.values()) == len(titles)
    assert counts["Hộ tịch"] == sum(
        1 for title in titles if ProcedurePage.objects.get(title=title).field.name == "Hộ tịch"
    )


def test_empty_query_returns_the_queryset_untouched(catalogue):
    queryset = ProcedurePage.objects.live()
    assert procedures_matching(queryset, query="  ") is queryset
    assert procedures_matching(queryset, query="?!") is queryset


def test_demo_seed_indexes_the_live_pages_and_is_idempotent(home_page):
    from io import StringIO

    from search.demo import seed

    seed(StringIO())
    seed(StringIO())
    assert SearchDocument.objects.filter(page=home_page).count() == 1
