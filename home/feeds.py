"""RSS 2.0 and Atom feeds of a news index (django.contrib.syndication)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from home.models import NewsIndexPage, NewsPage
from home.selectors import news_for_index

FEED_SIZE = 20


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, *, index: NewsIndexPage):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        return self.index.seo_title or self.index.title

    def link(self) -> str:
        return self.index.get_url(self.request)

    def description(self) -> str:
        return self.index.search_description or self.index.intro or self.index.title

    def items(self):
        return news_for_index(index=self.index, tag=self.request.GET.get("tag") or None)[:FEED_SIZE]

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.summary

    def item_link(self, item: NewsPage) -> str:
        return item.get_url(self.request)

    def item_pubdate(self, item: NewsPage) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(7, 0)))

    def item_updateddate(self, item: NewsPage) -> datetime.datetime | None:
        return item.last_published_at

    def item_categories(self, item: NewsPage) -> list[str]:
        return [tag.name for tag in item.tags.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()
