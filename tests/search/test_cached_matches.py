"""What a search found is kept under the search version: a repeated or paginated search neither parses,
scores nor counts again, and any change to the index, the synonyms or the pages is seen at once.

The query counts are asserted over the realistic catalogue and over it with 300 more procedures that
match the query, so that they are seen not to grow with the catalogue.
"""

import pytest

import search.selectors
from search.models import Synonym
from services_catalog.models import ProcedureIndexPage, ProcedurePage
from services_catalog.services import ProcedureData, procedures_bulk_create

pytestmark = pytest.mark.django_db

SEARCH_URL = "/tim-kiem/"
API_URL = "/api/v1/procedures/"
SUGGESTIONS_URL = "/tim-kiem/goi-y/"
# A first view runs the parse (two vocabulary queries), the scoring query, the facets' three queries
# and the page's rows; the catalogue's taxonomy and index, the restricted paths and the site's root
# paths are read once per version, before (a different query warms them).
FIRST_VIEW_MAX_QUERIES = 7
REPEATED_VIEW_MAX_QUERIES = 1


def titles(response) -> list[str]:
    return [item.page.title for item in response.context["results"]]


def api_names(response) -> list[str]:
    return [item["name"] for item in response.json()["results"]]


@pytest.fixture
def scoring_spy(monkeypatch):
    """Counts the searches actually computed (parsed, scored and counted) for the search page and API."""
    calls = []
    outcome, ranked_match = search.selectors._search_outcome, search.selectors.procedures_match

    def spy_outcome(**kwargs):
        calls.append(("page", kwargs["query"]))
        return outcome(**kwargs)

    def spy_match(queryset, *, parsed):
        calls.append(("match", parsed.fuzzy_text))
        return ranked_match(queryset, parsed=parsed)

    monkeypatch.setattr(search.selectors, "_search_outcome", spy_outcome)
    monkeypatch.setattr(search.selectors, "procedures_match", spy_match)
    return calls


def test_a_repeated_search_is_served_without_scoring_again(client, catalogue, scoring_spy):
    first = client.get(SEARCH_URL, {"q": "dang ky"})
    assert titles(first)[0].startswith("Đăng ký")
    computed = len(scoring_spy)
    assert computed >= 1

    again = client.get(SEARCH_URL, {"q": "ĐĂNG  Ký"})  # the same words, spelt otherwise
    second_page = client.get(SEARCH_URL, {"q": "dang ky", "page": 2})
    assert len(scoring_spy) == computed
    assert titles(again) == titles(first)
    assert second_page.context["page_obj"].number == 2
    assert set(titles(second_page)).isdisjoint(titles(first))


def test_the_api_reads_the_kept_ranking_and_only_its_page(client, catalogue, scoring_spy):
    first = client.get(API_URL, {"q": "dang ky ket hon"})
    assert api_names(first)[0] == "Đăng ký kết hôn"
    computed = len(scoring_spy)
    assert computed == 1

    assert api_names(client.get(API_URL, {"q": "dang ky ket hon"})) == api_names(first)
    client.get(API_URL, {"q": "dang ky ket hon", "page": 2})
    assert len(scoring_spy) == computed


def test_suggestions_and_the_search_page_share_one_kept_search(client, catalogue, scoring_spy):
    typed = "dang ky khai sinh"
    suggested = [item["title"] for item in client.get(SUGGESTIONS_URL, {"q": typed}).json()["suggestions"]]
    assert suggested[0] == "Đăng ký khai sinh" and len(suggested) == 8
    computed = len(scoring_spy)
    assert computed == 1

    assert titles(client.get(SEARCH_URL, {"q": typed}))[:8] == suggested  # Enter: nothing to compute
    assert client.get(SUGGESTIONS_URL, {"q": typed}).json()["suggestions"][0]["title"] == suggested[0]
    assert len(scoring_spy) == computed


def _new_procedure(catalogue, title: str, code: str) -> ProcedurePage:
    existing = catalogue["Đăng ký kết hôn"]
    page = ProcedurePage(
        title=title,
        slug=code.replace(".", "-"),
        code=code,
        sector=existing.sector,
        field=existing.field,
        agency=existing.agency,
        at_commune_level=True,
    )
    existing.get_parent().add_child(instance=page)
    return page


def test_publishing_and_unpublishing_change_a_kept_search(client, catalogue):
    query = {"q": "ket hon"}
    assert "Đăng ký kết hôn cho người khuyết tật" not in titles(client.get(SEARCH_URL, query))
    before_api = api_names(client.get(API_URL, query))

    page = _new_procedure(catalogue, "Đăng ký kết hôn cho người khuyết tật", "9.000001")
    page.save_revision().publish()
    assert "Đăng ký kết hôn cho người khuyết tật" in titles(client.get(SEARCH_URL, query))
    assert "Đăng ký kết hôn cho người khuyết tật" in api_names(client.get(API_URL, query))
    assert len(api_names(client.get(API_URL, query))) >= min(len(before_api) + 1, 20)

    page.unpublish()
    assert "Đăng ký kết hôn cho người khuyết tật" not in titles(client.get(SEARCH_URL, query))
    assert "Đăng ký kết hôn cho người khuyết tật" not in api_names(client.get(API_URL, query))


def test_a_new_synonym_changes_a_kept_search(client, catalogue):
    query = {"q": "visa"}
    passport = "Cấp hộ chiếu phổ thông ở trong nước"
    assert passport not in titles(client.get(SEARCH_URL, query))
    assert passport not in api_names(client.get(API_URL, query))

    synonym = Synonym.objects.create(phrase="visa", official_term="hộ chiếu")
    assert titles(client.get(SEARCH_URL, query))[:1] == [passport]
    assert api_names(client.get(API_URL, query))[:1] == [passport]

    synonym.delete()
    assert passport not in titles(client.get(SEARCH_URL, query))
    assert passport not in api_names(client.get(API_URL, query))


def test_a_bulk_import_changes_a_kept_search(client, catalogue):
    query = {"q": "cap phep khai thac cat soi"}
    imported = "Cấp phép khai thác cát sỏi lòng sông"
    assert imported not in titles(client.get(SEARCH_URL, query))
    assert imported not in api_names(client.get(API_URL, query))
    index = ProcedureIndexPage.objects.get()
    existing = catalogue["Đăng ký kết hôn"]
    procedures_bulk_create(
        index_page=index,
        procedures=[
            ProcedureData(
                code="9.000002",
                title=imported,
                sector=existing.sector,
                field=existing.field,
                agency=existing.agency,
                admin_levels={"tinh"},
                fees=[],
                documents=[],
            )
        ],
    )
    assert titles(client.get(SEARCH_URL, query))[:1] == [imported]
    assert api_names(client.get(API_URL, query))[:1] == [imported]


def _more_procedures(catalogue, count: int) -> None:
    """`count` more live procedures that all match "đăng ký khai sinh", inserted as an import does."""
    existing = catalogue["Đăng ký khai sinh"]
    procedures_bulk_create(
        index_page=ProcedureIndexPage.objects.get(),
        procedures=[
            ProcedureData(
                code=f"8.{number:06d}",
                title=f"Đăng ký khai sinh theo đợt số {number}",
                sector=existing.sector,
                field=existing.field,
                agency=existing.agency,
                admin_levels={"xa"},
                service_level=number % 4 + 1,
                fees=[],
                documents=[],
            )
            for number in range(1, count + 1)
        ],
    )


@pytest.mark.parametrize("extra_procedures", [0, 300])
@pytest.mark.parametrize(
    ("url", "params"),
    [
        (SEARCH_URL, {"q": "dang ky khai sinh"}),
        (SEARCH_URL, {"q": "dang ky khai sinh", "level": "xa", "service_level": "2"}),
        (API_URL, {"q": "dang ky khai sinh"}),
        (SUGGESTIONS_URL, {"q": "dang ky khai s"}),
    ],
)
def test_query_count_of_a_first_and_a_repeated_search_does_not_grow_with_the_catalogue(
    client, catalogue, django_assert_max_num_queries, extra_procedures, url, params
):
    _more_procedures(catalogue, extra_procedures)
    assert ProcedurePage.objects.live().count() >= len(catalogue) + extra_procedures
    client.get(url, {"q": "ket hon"})  # the catalogue's, the site's and the page tree's caches
    with django_assert_max_num_queries(FIRST_VIEW_MAX_QUERIES):
        first = client.get(url, params)
    with django_assert_max_num_queries(REPEATED_VIEW_MAX_QUERIES):
        repeated = client.get(url, params)
    assert first.status_code == repeated.status_code == 200
    assert first.content == repeated.content or url == SEARCH_URL  # the page's CSRF token differs
    with django_assert_max_num_queries(FIRST_VIEW_MAX_QUERIES):
        client.get(url, {**params, "page": 2})  # a new page of a kept search: its rows only
