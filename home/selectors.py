"""Reads of the content area, shaped so that a page costs a fixed number of queries."""

from django.db.models import Prefetch, QuerySet

from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page

from home.images import CARD_IMAGE_SPECS, SOCIAL_IMAGE_SPEC
from home.models import NewsIndexPage, NewsPage


def _renditions_prefetch(lookup: str, specs: list[str]) -> Prefetch:
    Rendition = get_image_model().get_rendition_model()
    return Prefetch(lookup, queryset=Rendition.objects.filter(filter_spec__in=specs))


def news_for_index(*, index: NewsIndexPage, tag: str | None = None) -> QuerySet[NewsPage]:
    """The live articles of one news index, newest first, with their tags and card images."""
    articles = (
        NewsPage.objects.child_of(index)
        .live()
        .public()
        .defer_streamfields()
        .select_related("image")
        .prefetch_related(
            "tags", _renditions_prefetch("image__renditions", Filter.expand_spec(CARD_IMAGE_SPECS))
        )
        .order_by("-date", "-pk")
    )
    if tag:
        articles = articles.filter(tags__slug=tag)
    return articles


def latest_news(*, limit: int = 3) -> QuerySet[NewsPage]:
    """The newest live articles of the whole site (home page)."""
    return (
        NewsPage.objects.live()
        .public()
        .defer_streamfields()
        .select_related("image")
        .prefetch_related(_renditions_prefetch("image__renditions", Filter.expand_spec(CARD_IMAGE_SPECS)))
        .order_by("-date", "-pk")[:limit]
    )


def breadcrumb_ancestors(*, page: Page) -> list[Page]:
    """The pages above ``page`` that a visitor can open, from the site's home page down."""
    return list(page.get_ancestors().filter(depth__gt=1).live().only("title", "url_path", "depth", "path"))


def social_image_rendition(*, image):
    """The Open Graph rendition of an image, or None when it cannot be made."""
    if image is None:
        return None
    try:
        return image.get_rendition(SOCIAL_IMAGE_SPEC)
    except Exception:  # a missing or corrupt source file must not break the page
        return None
