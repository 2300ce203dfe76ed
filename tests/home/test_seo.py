import re
import xml.etree.ElementTree as ET
from datetime import timedelta

from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from django.views.defaults import server_error

import pytest

from home.factories import ContentPageFactory, ImageFactory, NewsIndexPageFactory, NewsPageFactory
from home.models import PortalSettings

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return [loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)]


@pytest.mark.django_db
def test_sitemap_lists_live_pages_only(client, home_page):
    live = ContentPageFactory(title="Trang công khai", slug="cong-khai")
    ContentPageFactory(title="Bản nháp", slug="ban-nhap", live=False)
    index = NewsIndexPageFactory(slug="tin-tuc")
    NewsPageFactory(parent=index, slug="tin-moi")
    NewsPageFactory(parent=index, slug="tin-nhap", live=False)
    locations = sitemap_locations(client)
    paths = sorted(location.split("localhost", 1)[1] for location in locations)
    assert paths == sorted(["/", live.url, "/tin-tuc/", "/tin-tuc/tin-moi/"])


@pytest.mark.django_db
def test_scheduled_publishing_and_expiry_with_publish_scheduled(client, home_page):
    page = ContentPageFactory(title="Thông báo tuyển dụng", slug="tuyen-dung", live=False)
    revision = page.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    page.refresh_from_db()
    assert not page.live and revision.approved_go_live_at
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert any(location.endswith("/tuyen-dung/") for location in sitemap_locations(client))

    page.expire_at = timezone.now() - timedelta(seconds=1)
    page.save()
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get("/tuyen-dung/").status_code == 404
    assert not any(location.endswith("/tuyen-dung/") for location in sitemap_locations(client))


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


@pytest.mark.django_db
def test_pages_have_search_description_and_open_graph_image(client, home_page):
    image = ImageFactory(description="Quầy một cửa")
    page = ContentPageFactory(
        title="Hướng dẫn nộp hồ sơ", search_description="Cách nộp hồ sơ trực tuyến.", social_image=image
    )
    html = client.get(page.url).content.decode()
    assert '<meta name="description" content="Cách nộp hồ sơ trực tuyến.">' in html
    assert '<meta property="og:description" content="Cách nộp hồ sơ trực tuyến.">' in html
    assert '<meta property="og:image" content="http://testserver/media/images/' in html
    assert re.search(r'<meta property="og:image:width" content="\d+">', html)
    assert '<meta property="og:image:alt" content="Quầy một cửa">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


@pytest.mark.django_db
def test_pages_without_their_own_image_share_the_portal_default(client, site, home_page):
    portal = PortalSettings.for_site(site)
    portal.default_social_image = ImageFactory()
    portal.save()
    page = ContentPageFactory()
    assert (
        '<meta property="og:image" content="http://testserver/media/images/'
        in client.get(page.url).content.decode()
    )


@pytest.mark.django_db
def test_news_articles_share_their_image_as_an_article(client, home_page):
    article = NewsPageFactory(image=ImageFactory(), image_alt="Lễ ra mắt dịch vụ")
    html = client.get(article.url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:image:alt" content="Lễ ra mắt dịch vụ">' in html


@pytest.mark.django_db
def test_not_found_page_is_friendly_and_in_vietnamese(client, home_page):
    response = client.get("/khong-ton-tai/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert 'href="/"' in html
    assert 'action="/tim-kiem/"' in html and "Tìm kiếm</button>" in html


def test_server_error_page_renders_without_the_database():
    # No django_db mark: pytest-django fails the test if anything touches the database.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Hệ thống đang gặp sự cố" in html
    assert '<html lang="vi">' in html
