"""The public site's pages: home, general content, news, agency sections; menus and portal settings.

Scheduled publishing and expiry are Wagtail's own (the "go live" and "expiry" dates of a page's
settings tab). They take effect when ``manage.py publish_scheduled`` runs: production runs it every
minute (cron ``* * * * *`` or a systemd timer next to the workers); on ``make run`` run it by hand.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import ContentStreamBlock


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Who runs the portal: shown in the header and footer of every page, editable by the operator."""

    province_name = models.CharField(_("province name"), max_length=100, default="Tỉnh Bến Tre")
    portal_name = models.CharField(_("portal name"), max_length=150, default="Cổng dịch vụ công trực tuyến")
    operator_name = models.CharField(
        _("operator"),
        max_length=200,
        default="Sở Thông tin và Truyền thông tỉnh Bến Tre",
        help_text=_("The agency that runs the system (R-OPS)."),
    )
    operator_address = models.CharField(_("address"), max_length=255, blank=True)
    operator_phone = models.CharField(_("phone"), max_length=50, blank=True)
    operator_hotline = models.CharField(_("support hotline"), max_length=50, blank=True)
    operator_email = models.EmailField(_("e-mail"), blank=True)
    default_social_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("default sharing image"),
        help_text=_("Shown when a page without its own sharing image is shared on social networks."),
    )

    panels = [
        MultiFieldPanel([FieldPanel("province_name"), FieldPanel("portal_name")], heading=_("Portal")),
        MultiFieldPanel(
            [
                FieldPanel("operator_name"),
                FieldPanel("operator_address"),
                FieldPanel("operator_phone"),
                FieldPanel("operator_hotline"),
                FieldPanel("operator_email"),
            ],
            heading=_("Operator contact (footer)"),
        ),
        FieldPanel("default_social_image"),
    ]

    class Meta:
        verbose_name = _("portal settings")

    @classmethod
    def for_site(cls, site):
        """Every page shows these: remembered until the structure changes, which saving them does."""
        from home.selectors import remembered

        return remembered(("portal-settings", site.pk), lambda: super(PortalSettings, cls).for_site(site))


class AnnouncementQuerySet(models.QuerySet):
    def active(self, *, at=None):
        at = at or timezone.now()
        return self.filter(Q(starts_at__lte=at), Q(ends_at__isnull=True) | Q(ends_at__gt=at))


class Announcement(models.Model):
    """A notice to visitors: listed on the home page; urgent ones show as a banner on every page."""

    title = models.CharField(_("title"), max_length=255)
    body = RichTextField(_("content"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    is_urgent = models.BooleanField(
        _("urgent"),
        default=False,
        help_text=_("Urgent notices (for example a system incident) show as a banner on every page."),
    )
    starts_at = models.DateTimeField(_("shown from"), default=timezone.now)
    ends_at = models.DateTimeField(_("shown until"), null=True, blank=True)

    objects = AnnouncementQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("is_urgent"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
    ]

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        indexes = [models.Index(fields=["starts_at", "ends_at"])]

    def __str__(self) -> str:
        return self.title


class SocialImageMixin(models.Model):
    """An image for sharing on social networks (Open Graph); the search description is Wagtail's own."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sharing image"),
        help_text=_(
            "Shown when the page is shared on Facebook, Zalo and similar. Best at 1200 x 630 pixels."
        ),
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    class Meta:
        abstract = True

    def get_social_image(self):
        return self.social_image


class HomePage(SocialImageMixin, Page):  # noqa: DJ008 (Page defines __str__)
    """The portal's front page: a search box, the procedures people need most and the latest notices."""

    hero_title = models.CharField(_("headline"), max_length=255, default="Cổng dịch vụ công trực tuyến")
    hero_intro = models.TextField(
        _("introduction"),
        blank=True,
        default="Tra cứu thủ tục hành chính, nộp hồ sơ trực tuyến và theo dõi kết quả giải quyết.",
    )
    body = RichTextField(_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_intro"),
        InlinePanel("featured_procedures", heading=_("Featured procedures"), label=_("procedure")),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_intro"), index.SearchField("body")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Wagtail walks the tree with two queries per level; a remembered route takes one in all."""
        from home.selectors import route_remember, route_target

        target = route_target(root=self, path_components=path_components)
        if target is not None:
            page, consumed = target
            return page.route(request, path_components[consumed:])
        result = super().route(request, path_components)
        route_remember(root=self, path_components=path_components, page=result.page)
        return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured"] = [
            item.page for item in self.featured_procedures.select_related("page") if item.page.live
        ]
        context["announcements"] = Announcement.objects.active()[:5]
        return context


class HomeFeaturedProcedure(Orderable):
    """A procedure the editors put on the front page."""

    home_page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_procedures")
    page = models.ForeignKey(
        "services_catalog.ProcedurePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("procedure"),
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured procedure")
        verbose_name_plural = _("featured procedures")


def validate_link_url(value: str) -> None:
    """A path on this site or an http(s) address: never javascript: or other schemes."""
    if not (value.startswith("/") and not value.startswith("//")) and not value.startswith(
        ("https://", "http://")
    ):
        raise ValidationError(
            _("Enter a path starting with / (for example /hoi-dap/) or an http(s) address.")
        )


class NavigationLink(Orderable):
    """A link in a menu: to a page of the site, or to an address (the portal's applications)."""

    label = models.CharField(_("label (Vietnamese)"), max_length=100)
    label_en = models.CharField(_("label (English)"), max_length=100, blank=True)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("page"),
    )
    link_url = models.CharField(
        _("address"),
        max_length=255,
        blank=True,
        validators=[validate_link_url],
        help_text=_("Used when no page is chosen, for example /tra-cuu-ho-so/."),
    )

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("label_en")]),
        PageChooserPanel("link_page"),
        FieldPanel("link_url"),
    ]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.label

    def clean(self):
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(_("Choose a page or enter an address, not both."))

    def label_for_language(self, language: str | None) -> str:
        if language and language.startswith("en") and self.label_en:
            return self.label_en
        return self.label

    def href(self, request=None) -> str:
        if self.link_page_id:
            return self.link_page.get_url(request) or ""
        return self.link_url


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseSiteSetting):
    """The main menu and the footer links, edited under Settings → Navigation."""

    panels = [
        InlinePanel("main_menu_items", heading=_("Main menu"), label=_("menu item")),
        InlinePanel("footer_links", heading=_("Footer links"), label=_("link")),
    ]

    class Meta:
        verbose_name = _("navigation")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class MainMenuItem(NavigationLink):
    setting = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="main_menu_items")

    class Meta(NavigationLink.Meta):
        verbose_name = _("menu item")
        verbose_name_plural = _("main menu")


class FooterLink(NavigationLink):
    setting = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="footer_links")

    class Meta(NavigationLink.Meta):
        verbose_name = _("footer link")
        verbose_name_plural = _("footer links")


class ContentPage(SocialImageMixin, Page):  # noqa: DJ008 (Page defines __str__)
    """A general page built from blocks: a citizen guide (R-OPS-7), an introduction, a help page."""

    intro = models.TextField(_("introduction"), blank=True, max_length=1000)
    body = StreamField(ContentStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.ContentPage", "home.AgencySectionPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from home.selectors import public_children

        context["subpages"] = public_children(page=self)
        return context


class NewsIndexPage(RoutablePageMixin, SocialImageMixin, Page):  # noqa: DJ008 (Page defines __str__)
    """The list of news articles, filterable by tag, with RSS and Atom feeds."""

    intro = models.TextField(_("introduction"), blank=True, max_length=1000)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage", "home.AgencySectionPage"]
    subpage_types = ["home.NewsPage"]
    articles_per_page = 10

    class Meta:
        verbose_name = _("news index")

    @path("")
    def news_list(self, request):
        from home.selectors import news_for_index

        tag = request.GET.get("tag") or None
        paginator = Paginator(news_for_index(index=self, tag=tag), self.articles_per_page)
        try:
            articles = paginator.page(request.GET.get("page") or 1)
        except (EmptyPage, PageNotAnInteger) as error:
            raise Http404 from error
        return self.render(request, context_overrides={"articles": articles, "tag": tag})

    @path("rss/", name="rss")
    def rss_feed(self, request):
        from home.feeds import NewsRssFeed

        return NewsRssFeed(index=self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        from home.feeds import NewsAtomFeed

        return NewsAtomFeed(index=self)(request)

    def feed_url(self, kind: str = "rss") -> str:
        return self.url + self.reverse_subpage(kind)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("home.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(SocialImageMixin, Page):  # noqa: DJ008 (Page defines __str__)
    """A news article: date, summary, an image and tags."""

    date = models.DateField(_("date"), default=datetime.date.today)
    summary = models.TextField(
        _("summary"), max_length=500, help_text=_("One or two sentences shown in lists and feeds.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
    )
    image_alt = models.CharField(
        _("alternative text of the image"),
        max_length=255,
        blank=True,
        help_text=_("Describe the image for people who cannot see it. Required when there is an image."),
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("content"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []
    og_type = "article"

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Describe the image: alternative text is required.")})

    def get_social_image(self):
        return self.social_image or self.image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The news index is the parent: its address is this one less the last part (no query).
        url = self.get_url(request) or ""
        context["news_index_url"] = url[: url.rstrip("/").rfind("/") + 1]
        if self.image_id and not self.social_image_id:
            # One query for the image and one for all its renditions (header picture and sharing).
            from home.images import CONTENT_IMAGE_SPECS, SOCIAL_IMAGE_SPEC

            specs = [*Filter.expand_spec(CONTENT_IMAGE_SPECS), SOCIAL_IMAGE_SPEC]
            self.image = (
                get_image_model().objects.prefetch_renditions(*specs).filter(pk=self.image_id).first()
            )
        return context


class AgencySectionIndexPage(SocialImageMixin, Page):  # noqa: DJ008 (Page defines __str__)
    """Lists the agencies that publish on the portal; each one's section lives below it."""

    intro = models.TextField(_("introduction"), blank=True, max_length=1000)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.AgencySectionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("agency index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from home.selectors import public_pages

        sections = AgencySectionPage.objects.child_of(self).live().select_related("agency").order_by("title")
        context["sections"] = public_pages(sections)
        return context


class AgencySectionPage(SocialImageMixin, Page):  # noqa: DJ008 (Page defines __str__)
    """An agency's own section: its introduction and contact (R-CAT-5, R-FB-1), pages and news.

    Creating one gives the agency an editors' group that may edit only this section, and a
    collection for its images and documents (home.services.agency_editorial_access_ensure).
    """

    agency = models.OneToOneField(
        "services_catalog.Agency",
        on_delete=models.PROTECT,
        related_name="section_page",
        verbose_name=_("agency"),
    )
    intro = models.TextField(_("introduction"), blank=True, max_length=1000)
    body = StreamField(ContentStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("agency"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.AgencySectionIndexPage"]
    subpage_types = ["home.ContentPage", "home.NewsIndexPage"]

    class Meta:
        verbose_name = _("agency section")
        verbose_name_plural = _("agency sections")

    def clean(self):
        super().clean()
        if self.pk:
            stored_agency_id = (
                AgencySectionPage.objects.filter(pk=self.pk).values_list("agency_id", flat=True).first()
            )
            if stored_agency_id and stored_agency_id != self.agency_id:
                # The section's editors group and collection belong to the agency it was created for.
                raise ValidationError({"agency": _("The agency of a section cannot be changed.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from home.selectors import public_children

        context["subpages"] = public_children(page=self)
        return context


class AgencyEditorialAccess(models.Model):
    """The editors' group and the media collection that an agency's section was given."""

    agency = models.OneToOneField(
        "services_catalog.Agency", on_delete=models.CASCADE, related_name="editorial_access"
    )
    group = models.OneToOneField("auth.Group", on_delete=models.CASCADE, related_name="editorial_access")
    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.PROTECT, related_name="editorial_access"
    )

    class Meta:
        verbose_name = _("agency editorial access")

    def __str__(self) -> str:
        return str(self.agency)
