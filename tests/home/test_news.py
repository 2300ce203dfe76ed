import xml.etree.ElementTree as ET
from datetime import date, timedelta
from urllib.parse import quote

from django.core.exceptions import ValidationError

import pytest

from home.factories import ImageFactory, NewsIndexPageFactory, NewsPageFactory
from home.models import NewsIndexPage

pytestmark = pytest.mark.django_db

ATOM = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def news(home_page):
    index = NewsIndexPageFactory(title="Tin tức", slug="tin-tuc", intro="Tin của cổng.")
    today = date.today()
    older = NewsPageFactory(parent=index, title="Tin cũ", date=today - timedelta(days=5), tags=["một cửa"])
    newer = NewsPageFactory(parent=index, title="Tin mới <b>", date=today, tags=["thanh toán"])
    NewsPageFactory(parent=index, title="Tin nháp", live=False)
    other_index = NewsIndexPageFactory(title="Tin sở", slug="tin-so")
    NewsPageFactory(parent=other_index, title="Tin của chỉ mục khác")
    return {"index": index, "older": older, "newer": newer}


def test_rss_feed_is_valid_xml_with_the_live_articles_newest_first(client, news):
    response = client.get("/tin-tuc/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own response)
    assert channel.findtext("title") == "Tin tức"
    assert channel.findtext("link") == "http://testserver/tin-tuc/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Tin mới <b>", "Tin cũ"]
    assert items[0].findtext("link") == "http://testserver/tin-tuc/tin-moi-b/"
    assert items[0].findtext("description") == news["newer"].summary
    assert [c.text for c in items[1].findall("category")] == ["một cửa"]
    assert items[0].findtext("pubDate")


def test_atom_feed_is_valid_xml_with_the_same_items(client, news):
    response = client.get("/tin-tuc/atom/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    titles = [entry.findtext("a:title", namespaces=ATOM) for entry in root.findall("a:entry", ATOM)]
    assert titles == ["Tin mới <b>", "Tin cũ"]


def test_feed_follows_the_tag_filter(client, news):
    slug = news["older"].tags.get().slug
    channel = ET.fromstring(client.get("/tin-tuc/rss/", {"tag": slug}).content).find("channel")  # noqa: S314 (our own response)
    assert [item.findtext("title") for item in channel.findall("item")] == ["Tin cũ"]


def test_news_index_lists_articles_links_feeds_and_filters_by_tag(client, news):
    html = client.get("/tin-tuc/").content.decode()
    assert html.index("Tin mới &lt;b&gt;") < html.index("Tin cũ")
    assert "Tin nháp" not in html and "Tin của chỉ mục khác" not in html
    assert 'type="application/rss+xml"' in html and 'href="/tin-tuc/rss/"' in html
    assert "Nguồn tin RSS" in html  # the Vietnamese catalogue is in use
    filtered = client.get("/tin-tuc/", {"tag": news["newer"].tags.get().slug}).content.decode()
    assert "Tin mới" in filtered and "Tin cũ" not in filtered


def test_news_index_pages_through_articles(client, news, monkeypatch):
    monkeypatch.setattr(NewsIndexPage, "articles_per_page", 1)
    for number in range(3):
        NewsPageFactory(parent=news["index"], title=f"Tin số {number}")
    assert client.get("/tin-tuc/", {"page": 2}).status_code == 200
    assert client.get("/tin-tuc/", {"page": 99}).status_code == 404
    assert client.get("/tin-tuc/", {"page": "abc"}).status_code == 404


def test_article_shows_date_summary_image_with_alt_and_tags(client, news):
    article = NewsPageFactory(
        parent=news["index"], title="Ra mắt", image=ImageFactory(), image_alt="Lễ ra mắt", tags=["sự kiện"]
    )
    html = client.get(article.url).content.decode()
    assert article.summary in html
    assert 'alt="Lễ ra mắt"' in html
    slug = article.tags.get().slug
    assert f'<a class="tag" href="/tin-tuc/?tag={quote(slug)}">sự kiện</a>' in html


def test_an_article_image_needs_alternative_text(news):
    article = news["older"]
    article.image = ImageFactory()
    article.image_alt = " "
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "image_alt" in error.value.message_dict
