from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index


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
    ]

    class Meta:
        verbose_name = _("portal settings")


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


class HomePage(Page):
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
