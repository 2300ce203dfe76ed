"""ONE index, kept current by every path that creates or changes pages: editors, the importer,
bulk seeders. Its own module: these tests import their own taxonomy, not the shared catalogue."""

import pytest

from search.models import SearchDocument, SearchWord
from search.procedures import procedures_matching
from services_catalog.models import ProcedureIndexPage, ProcedurePage
from tests.search.test_index import new_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue_index(home_page):
    return home_page.add_child(instance=ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc"))


@pytest.fixture
def taxonomy():
    from services_catalog.models import Agency, Field, Sector

    sector = Sector.objects.create(name="Tư pháp", slug="tu-phap")
    field = Field.objects.create(sector=sector, name="Hộ tịch", slug="ho-tich")
    agency = Agency.objects.create(name="Sở Tư pháp", code="stp", level="tinh")
    return sector, field, agency


def found(query: str) -> list[str]:
    return list(
        procedures_matching(ProcedurePage.objects.live(), query=query).values_list("title", flat=True)
    )


def test_an_imported_file_is_searchable_at_once_on_every_surface(client, home_page, tmp_path):
    """The importer writes the one index: the search page, suggestions and the API find the rows."""
    import csv

    from services_catalog.importing import procedures_import
    from tests.services_catalog.test_import_export import COLUMNS

    path = tmp_path / "danh-muc.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerow(["Tư pháp", "Hộ tịch", "1.001193", "Đăng ký khai sinh", "Sở Tư pháp", "xa", 4, 3, 0])
        writer.writerow(
            ["Công an", "Cư trú", "1.004194", "Đăng ký thường trú", "Công an tỉnh", "xa", 4, 7, 0]
        )
    report = procedures_import(path=path)
    assert not report.errors and len(report.created) == 2

    page = client.get("/tim-kiem/", {"q": "làm giấy khai sinh cho con"})
    assert [item.page.title for item in page.context["results"]][:1] == ["Đăng ký khai sinh"]
    suggestions = client.get("/tim-kiem/goi-y/", {"q": "nhập hộ khẩu cho vợ"}).json()["suggestions"]
    assert suggestions[0]["title"] == "Đăng ký thường trú"
    api = client.get("/api/v1/procedures/", {"q": "dang ky khai sinh"}).json()
    assert "1.001193" in json_codes(api)

    with path.open("w", encoding="utf-8", newline="") as handle:  # a re-import renames a procedure
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerow(["Tư pháp", "Hộ tịch", "1.001193", "Đăng ký khai tử", "Sở Tư pháp", "xa", 4, 3, 0])
    procedures_import(path=path)
    assert found("khai tu") == ["Đăng ký khai tử"]
    assert found("khai sinh") == []


def json_codes(payload) -> list[str]:
    """Procedure codes anywhere in the API's JSON (whatever its envelope)."""
    if isinstance(payload, dict):
        return (
            [payload["code"]] if "code" in payload else [c for v in payload.values() for c in json_codes(v)]
        )
    if isinstance(payload, list):
        return [code for item in payload for code in json_codes(item)]
    return []


def test_the_vocabulary_follows_publishing_unpublishing_and_deletion(catalogue_index, taxonomy):
    page = catalogue_index.add_child(instance=new_procedure(taxonomy, "Đăng ký giám hộ", "1.5", live=False))
    page.save_revision().publish()
    giam = SearchWord.objects.get(word="giam")
    assert giam.document_count == 1 and giam.spelling == "giám"
    page.refresh_from_db()
    page.unpublish()
    assert not SearchWord.objects.filter(word="giam").exists()
    page.save_revision().publish()
    assert SearchWord.objects.get(word="giam").document_count == 1
    page.delete()
    assert not SearchWord.objects.exists()


def test_wagtail_keeps_no_search_index_of_its_own(catalogue_index, taxonomy):
    from wagtail.search.models import IndexEntry

    page = catalogue_index.add_child(instance=new_procedure(taxonomy, "Đăng ký giám hộ", "1.5", live=False))
    page.save_revision().publish()
    assert not IndexEntry.objects.exists()
    assert SearchDocument.objects.filter(page=page).exists()
