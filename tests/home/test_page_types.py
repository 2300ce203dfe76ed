from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

from home.factories import (
    PAGE_FACTORIES,
    AgencySectionIndexPageFactory,
    AgencySectionPageFactory,
    ContentPageFactory,
    HomePageFactory,
    ImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)
from home.models import AgencySectionPage, ContentPage, HomePage, NewsIndexPage, NewsPage
from tests.home.conftest import stream_of_every_block

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15


def home_page_types() -> list[type[Page]]:
    return [
        model
        for model in apps.get_app_config("home").get_models()
        if issubclass(model, Page) and model is not Page
    ]


def test_every_page_type_of_home_has_a_factory():
    with_factory = {factory._meta.model for factory in PAGE_FACTORIES}
    missing = [model.__name__ for model in home_page_types() if model not in with_factory]
    assert home_page_types(), "no page types found"
    assert missing == []


@pytest.mark.parametrize("factory", PAGE_FACTORIES, ids=lambda f: f._meta.model.__name__)
def test_every_page_type_renders_and_previews(factory, rf, home_page, admin_user):
    page = factory()
    if isinstance(page, HomePage):
        # A second home page is served only through its own site; its preview is what editors see.
        response = page.make_preview_request()
        assert response.status_code == 200
        return
    response = page.make_preview_request()
    assert response.status_code == 200, factory
    assert page.title in response.content.decode()


@pytest.mark.parametrize("factory", PAGE_FACTORIES[1:], ids=lambda f: f._meta.model.__name__)
def test_every_page_type_is_served_to_visitors(factory, client, home_page):
    page = factory()
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{page.title}" in html
    assert 'class="breadcrumbs"' in html  # every page below the home page has breadcrumbs


def test_preview_over_http_in_the_admin(admin_client, home_page):
    page = ContentPageFactory(title="Trang xem trước")
    url = f"/admin/pages/{page.pk}/edit/preview/"
    post = admin_client.post(url, {"title": "Bản nháp mới", "slug": page.slug, "body-count": "0"})
    assert post.status_code == 200 and post.json()["is_valid"]
    response = admin_client.get(url, {"mode": ""})
    assert response.status_code == 200
    assert "Bản nháp mới" in response.content.decode()


def test_page_type_tree_rules(home_page):
    assert ContentPage.can_create_at(home_page)
    assert NewsIndexPage.can_create_at(home_page)
    assert not NewsPage.can_create_at(home_page)  # articles live in a news index
    assert not AgencySectionPage.can_create_at(home_page)  # sections live in the agency index
    section = AgencySectionPageFactory()
    assert ContentPage.can_create_at(section) and NewsIndexPage.can_create_at(section)
    assert NewsPage.allowed_subpage_models() == []


def _queries_for(client, url: str) -> int:
    client.get(url)  # warm the per-process caches (site root paths, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("factory", [ContentPageFactory, NewsPageFactory, AgencySectionPageFactory])
def test_stream_pages_render_in_bounded_queries_whatever_the_number_of_blocks(
    factory, client, catalogue, image, document
):
    procedures = [catalogue["add"](f"Thủ tục {n}") for n in range(3)]
    few = factory(body=stream_of_every_block(image=image, document=document, procedures=procedures))
    many = factory(
        body=stream_of_every_block(image=image, document=document, procedures=procedures, copies=12)
    )
    few_queries = _queries_for(client, few.url)
    many_queries = _queries_for(client, many.url)
    assert few_queries <= MAX_QUERIES
    assert many_queries <= MAX_QUERIES
    assert many_queries == few_queries
    html = client.get(many.url).content.decode()
    assert html.count("<details") == 12
    assert html.count("Thủ tục 2") == 24  # chosen list and field list, in each of the 12 copies


def test_listing_pages_render_in_bounded_queries_whatever_the_number_of_children(client, home_page):
    index = NewsIndexPageFactory()
    for number in range(3):
        NewsPageFactory(parent=index, image=ImageFactory(), image_alt="Ảnh", tags=["a", f"t{number}"])
    few_queries = _queries_for(client, index.url)
    for number in range(12):
        NewsPageFactory(parent=index, image=ImageFactory(), image_alt="Ảnh", tags=["a", f"u{number}"])
    many_queries = _queries_for(client, index.url)
    assert few_queries == many_queries <= MAX_QUERIES

    sections = AgencySectionIndexPageFactory()
    AgencySectionPageFactory(parent=sections)
    few_queries = _queries_for(client, sections.url)
    for _ in range(10):
        AgencySectionPageFactory(parent=sections)
    assert _queries_for(client, sections.url) == few_queries <= MAX_QUERIES


def test_home_page_factory_makes_a_separate_tree():
    page = HomePageFactory()
    assert page.depth == 2 and isinstance(page, HomePage)


def test_deep_agency_pages_stay_within_the_budget(client, catalogue, image, document):
    """Agency pages sit deepest (home / agencies / agency / page / news / article)."""
    procedures = [catalogue["add"](f"Thủ tục {n}") for n in range(3)]
    body = stream_of_every_block(image=image, document=document, procedures=procedures, copies=8)
    section = AgencySectionPageFactory(body=body)
    introduction = ContentPageFactory(parent=section, body=body)
    ContentPageFactory(parent=introduction)
    news = NewsIndexPageFactory(parent=section)
    article = NewsPageFactory(parent=news, body=body, image=ImageFactory(), image_alt="Ảnh", tags=["a", "b"])
    for page in (introduction, news, article):
        assert _queries_for(client, page.url) <= MAX_QUERIES, page.url
