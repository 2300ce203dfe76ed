"""factory_boy factories of the content pages (tests and local experiments; needs requirements-dev)."""

import datetime

from wagtail.models import Collection, Page, Site

import factory
import wagtail_factories

from home import models
from services_catalog.choices import AdministrativeLevel
from services_catalog.models import Agency


def _site_root() -> Page:
    return Site.objects.get(is_default_site=True).root_page


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Ảnh {n}")
    description = "Ảnh minh hoạ"
    # Wagtail has a single collection tree: new images go into its root, not a new tree.
    collection = factory.LazyFunction(Collection.get_first_root_node)


class AgencyFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Sở thử nghiệm {n}")
    code = factory.Sequence(lambda n: f"so{n}")
    level = AdministrativeLevel.PROVINCE

    class Meta:
        model = Agency
        django_get_or_create = ("code",)


class HomePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Trang chủ {n}")
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = models.HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Hướng dẫn {n}")
    intro = "Giới thiệu ngắn."
    search_description = "Mô tả cho công cụ tìm kiếm."
    parent = factory.LazyFunction(_site_root)

    class Meta:
        model = models.ContentPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Tin tức {n}")
    parent = factory.LazyFunction(_site_root)

    class Meta:
        model = models.NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bản tin {n}")
    date = factory.LazyFunction(datetime.date.today)
    summary = factory.LazyAttribute(lambda page: f"Tóm tắt: {page.title}.")
    parent = factory.SubFactory(NewsIndexPageFactory)

    class Meta:
        model = models.NewsPage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
            self.save()


class AgencySectionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Cơ quan, đơn vị"
    parent = factory.LazyFunction(_site_root)

    class Meta:
        model = models.AgencySectionIndexPage


class AgencySectionPageFactory(wagtail_factories.PageFactory):
    agency = factory.SubFactory(AgencyFactory)
    title = factory.LazyAttribute(lambda page: page.agency.name)
    parent = factory.LazyFunction(
        lambda: models.AgencySectionIndexPage.objects.first() or AgencySectionIndexPageFactory()
    )

    class Meta:
        model = models.AgencySectionPage


PAGE_FACTORIES = [
    HomePageFactory,
    ContentPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    AgencySectionIndexPageFactory,
    AgencySectionPageFactory,
]
