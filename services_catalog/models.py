"""The catalogue of administrative procedures (R-CAT-1 … R-CAT-7).

The taxonomy (sectors, fields, agencies) is plain Django models managed with wagtail-modeladmin;
procedures are Wagtail pages so that editors get drafts, moderation and revision history.
"""

from functools import cache

from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import AbstractGroupApprovalTask, Orderable, Page, PageViewRestriction
from wagtail.search import index

from portal.pages import restricted_paths
from services_catalog.choices import (
    ONLINE_SUBMISSION_LEVELS,
    SERVICE_LEVEL_DESCRIPTIONS,
    AdministrativeLevel,
    GoverningBody,
    ServiceLevel,
)
from services_catalog.forms import ProcedurePageForm
from services_catalog.page_cache import mark_cacheable
from services_catalog.permissions import AgencyScopedPagePermissionTester, user_may_manage_agency

agency_code_validator = RegexValidator(
    r"^[a-z0-9]+$",
    _("Use lowercase letters without diacritics and digits only, for example: stp, ubndbentre."),
)


class Sector(models.Model):
    """Ngành: the top of the catalogue classification, e.g. Tư pháp."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.name


class Field(models.Model):
    """Lĩnh vực: a field within a sector, e.g. Hộ tịch within Tư pháp."""

    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="fields", verbose_name=_("sector")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        constraints = [models.UniqueConstraint(fields=["sector", "name"], name="unique_field_per_sector")]

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """Cơ quan thực hiện: a department, a district or a commune people's committee."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        validators=[agency_code_validator],
        help_text=_(
            "Short code used in staff usernames (tencanhan.code) and dossier codes, e.g. stp for Sở Tư pháp."
        ),
    )
    level = models.CharField(_("administrative level"), max_length=5, choices=AdministrativeLevel.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent agency"),
    )
    address = models.CharField(_("reception desk address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    bank_account_holder = models.CharField(_("account holder"), max_length=255, blank=True)
    bank_account_number = models.CharField(_("bank account number"), max_length=40, blank=True)
    bank_name = models.CharField(_("bank"), max_length=255, blank=True)
    unit_code = models.CharField(
        _("administrative unit code"),
        max_length=10,
        blank=True,
        db_index=True,
        help_text=_("The national code of the commune or province this agency governs (e.g. 29641)."),
    )
    body = models.CharField(
        _("body of the administrative unit"), max_length=10, choices=GoverningBody.choices, blank=True
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("level")]),
        FieldRowPanel([FieldPanel("unit_code"), FieldPanel("body")]),
        FieldPanel("parent"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("opening_hours")],
            heading=_("Reception desk"),
        ),
        MultiFieldPanel(
            [FieldPanel("bank_account_holder"), FieldPanel("bank_account_number"), FieldPanel("bank_name")],
            heading=_("Account for fee transfers"),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name


class CachedViewRestrictionsMixin:
    """Wagtail's check before serving a page costs two queries; the restricted paths are cached
    (portal.pages, forgotten whenever a page or a restriction changes), so an unrestricted page
    of the catalogue, the usual case, needs none. (Catalogue pages are never aliases.)"""

    def get_view_restrictions(self):
        if not any(self.path.startswith(path) for path in restricted_paths()):
            return _no_view_restrictions()
        return super().get_view_restrictions()


@cache
def _no_view_restrictions():
    """An empty queryset already evaluated: iterating it again compiles no SQL."""
    restrictions = PageViewRestriction.objects.none()
    len(restrictions)
    return restrictions


class ProcedureIndexPage(CachedViewRestrictionsMixin, RoutablePageMixin, Page):
    """The public catalogue: every procedure, filterable by sector, field, level and agency.

    Sub-routes give stable addresses per agency and per field (R-CAT-7):
    ``co-quan/``, ``co-quan/<code>/`` and ``linh-vuc/<slug>/``.
    """

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["services_catalog.ProcedurePage"]
    max_count = 1

    class Meta:
        verbose_name = _("procedure catalogue")

    def _listing_response(self, request, *, template: str, fixed: dict, extra: dict | None = None):
        from services_catalog.selectors import catalogue_listing

        listing = catalogue_listing(params=request.GET, fixed=fixed)
        context = self.get_context(request)
        context.update(listing=listing, **(extra or {}))
        return mark_cacheable(TemplateResponse(request, template, context))

    @path("")
    def catalogue(self, request):
        return self._listing_response(
            request, template="services_catalog/procedure_index_page.html", fixed={}
        )

    @path("co-quan/")
    def agency_list(self, request):
        from services_catalog.selectors import agencies_with_procedure_counts

        context = self.get_context(request)
        context["agencies"] = agencies_with_procedure_counts()
        return mark_cacheable(TemplateResponse(request, "services_catalog/agency_list.html", context))

    @path("co-quan/<str:code>/")
    def agency_detail(self, request, code):
        agency = get_object_or_404(Agency.objects.select_related("parent"), code=code)
        return self._listing_response(
            request,
            template="services_catalog/agency_detail.html",
            fixed={"agency": agency.code},
            extra={"agency": agency},
        )

    @path("linh-vuc/<slug:slug>/")
    def field_detail(self, request, slug):
        field = get_object_or_404(Field.objects.select_related("sector"), slug=slug)
        return self._listing_response(
            request,
            template="services_catalog/field_detail.html",
            fixed={"field": field.slug},
            extra={"field": field},
        )


class ProcedurePage(CachedViewRestrictionsMixin, Page):
    """One administrative procedure (thủ tục hành chính) and the online service that carries it.

    The page title is the procedure's official name (R-CAT-2).
    """

    code = models.CharField(
        _("official code"),
        max_length=50,
        unique=True,
        help_text=_("The code in the national database of administrative procedures, e.g. 1.001193."),
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="procedures", verbose_name=_("sector")
    )
    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, related_name="procedures", verbose_name=_("field")
    )
    official_name = models.TextField(
        _("official name"),
        blank=True,
        help_text=_(
            "The whole name in the national database when it is longer than the title allows; "
            "the public page, the API and search show it."
        ),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procedures",
        verbose_name=_("implementing agency"),
        help_text=_(
            "The agency that handles the dossiers (a local setting). Leave empty when the People's "
            "Committee of each commune handles its own, as listed below."
        ),
    )
    national_agencies = models.TextField(
        _("implementing agencies in the national list"),
        blank=True,
        help_text=_("As the national database lists them, one per line."),
    )
    coordinating_agencies = ParentalManyToManyField(
        Agency, blank=True, related_name="coordinated_procedures", verbose_name=_("coordinating agencies")
    )
    at_province_level = models.BooleanField(_("province level"), default=False)
    at_district_level = models.BooleanField(_("district level"), default=False)
    at_commune_level = models.BooleanField(_("commune level"), default=False)
    service_level = models.PositiveSmallIntegerField(
        _("service level"), choices=ServiceLevel.choices, default=ServiceLevel.FORMS
    )
    processing_days = models.PositiveSmallIntegerField(
        _("processing time limit (working days)"), null=True, blank=True
    )
    online_processing_days = models.PositiveSmallIntegerField(
        _("processing time limit for online dossiers (working days)"),
        null=True,
        blank=True,
        help_text=_("Optional: a shorter time the agency promises for dossiers submitted online."),
    )
    processing_time_note = models.CharField(_("note on the processing time"), max_length=255, blank=True)
    steps = RichTextField(_("steps"), blank=True)
    submission_methods = RichTextField(_("how to submit"), blank=True)
    eligible_applicants = RichTextField(_("who may apply"), blank=True)
    result = RichTextField(_("result"), blank=True)
    legal_basis = RichTextField(_("legal basis"), blank=True)
    conditions = RichTextField(_("conditions"), blank=True)
    effective_date = models.DateField(_("effective from"), null=True, blank=True)
    is_retired = models.BooleanField(
        _("retired"),
        default=False,
        help_text=_("A retired procedure stays readable for reference but no longer accepts dossiers."),
    )
    retired_date = models.DateField(_("retired on"), null=True, blank=True)
    fees_unknown = models.BooleanField(
        _("fees not yet known"),
        default=False,
        help_text=_(
            "Set by the import when the fee cell was empty; shown as “not yet known” rather than free."
        ),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldRowPanel([FieldPanel("sector"), FieldPanel("field")]),
                FieldPanel("official_name"),
                FieldPanel("agency"),
                InlinePanel(
                    "implementers", heading=_("Implementing agencies"), label=_("implementing agency")
                ),
                FieldPanel("coordinating_agencies"),
                FieldRowPanel(
                    [
                        FieldPanel("at_province_level"),
                        FieldPanel("at_district_level"),
                        FieldPanel("at_commune_level"),
                    ],
                    heading=_("Administrative level"),
                ),
                FieldPanel("service_level"),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("processing_days"), FieldPanel("online_processing_days")]),
                FieldPanel("processing_time_note"),
            ],
            heading=_("Processing time"),
        ),
        InlinePanel("fees", heading=_("Fees and charges"), label=_("fee")),
        FieldPanel("fees_unknown"),
        InlinePanel(
            "documents", heading=_("Required documents"), label=pgettext_lazy("required document", "document")
        ),
        FieldPanel("steps"),
        FieldPanel("submission_methods"),
        FieldPanel("eligible_applicants"),
        FieldPanel("result"),
        FieldPanel("legal_basis"),
        FieldPanel("conditions"),
        MultiFieldPanel(
            [FieldPanel("effective_date"), FieldPanel("is_retired"), FieldPanel("retired_date")],
            heading=_("Validity"),
        ),
        InlinePanel(
            "eform_fields", heading=_("E-form (declaration filled in online)"), label=_("e-form field")
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("code"),
        index.FilterField("service_level"),
        index.FilterField("agency"),
        index.FilterField("sector"),
        index.FilterField("field"),
    ]

    parent_page_types = ["services_catalog.ProcedureIndexPage"]
    subpage_types = []
    base_form_class = ProcedurePageForm

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(service_level__gte=0, service_level__lte=4),
                name="procedure_service_level_0_to_4",
            )
        ]

    def permissions_for_user(self, user):
        """An editor may change only the procedures of their own agency (scoped in the tester)."""
        return AgencyScopedPagePermissionTester(user, self)

    def user_may_manage(self, user) -> bool:
        return user_may_manage_agency(user=user, agency_id=self.agency_id)

    def serve(self, request, *args, **kwargs):
        return mark_cacheable(super().serve(request, *args, **kwargs))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the page's description is rendered (once per catalogue generation).
        context["documents"] = SimpleLazyObject(lambda: list(self.documents.select_related("template")))
        context["coordinating"] = SimpleLazyObject(lambda: list(self.coordinating_agencies.all()))
        context["implementers"] = SimpleLazyObject(lambda: list(self.implementers.select_related("agency")))
        # The field with its sector in one query (the page shows both; a field belongs to its sector).
        context["procedure_field"] = SimpleLazyObject(
            lambda: Field.objects.select_related("sector").filter(pk=self.field_id).first()
        )
        page_url = self.get_url(request) or ""
        context["catalogue_url"] = page_url[: len(page_url) - len(self.slug) - 1]
        context["sections"] = [
            (_("Steps"), self.steps),
            (_("How to submit"), self.submission_methods),
            (_("Who may apply"), self.eligible_applicants),
            (_("Conditions"), self.conditions),
            (pgettext_lazy("procedure", "Result"), self.result),
            (_("Legal basis"), self.legal_basis),
        ]
        return context

    @property
    def full_name(self) -> str:
        """The whole official name (the title may be a shortened form of it)."""
        return self.official_name or self.title

    @property
    def lacks_agency(self) -> bool:
        """Imported without any implementing agency (*chưa có cơ quan thực hiện*)."""
        return self.agency_id is None and not self.national_agencies.strip()

    def commune_body(self) -> str:
        """The body (People's Committee, police) of the citizen's commune that handles the dossier, or
        "" when a named agency does. A handling agency set by the province wins."""
        if self.agency_id is not None:
            return ""
        for implementer in self.implementers.all():
            if implementer.level == AdministrativeLevel.COMMUNE and implementer.body:
                return implementer.body
        return ""

    @property
    def administrative_levels(self) -> list[AdministrativeLevel]:
        flags = {
            AdministrativeLevel.PROVINCE: self.at_province_level,
            AdministrativeLevel.DISTRICT: self.at_district_level,
            AdministrativeLevel.COMMUNE: self.at_commune_level,
        }
        return [level for level, applies in flags.items() if applies]

    @property
    def service_level_description(self) -> str:
        return SERVICE_LEVEL_DESCRIPTIONS[ServiceLevel(self.service_level)]

    @property
    def accepts_online_dossiers(self) -> bool:
        return (
            self.service_level in ONLINE_SUBMISSION_LEVELS and not self.is_retired and not self.lacks_agency
        )

    @property
    def online_time_limit(self) -> int | None:
        """The time limit that applies to a dossier submitted online (R-PRO-8)."""
        return self.online_processing_days or self.processing_days


class ProcedureImplementer(Orderable):
    """One line of "Cơ quan thực hiện": a named agency, or the body of every unit at a level
    ("Ủy ban nhân dân cấp xã": the People's Committee of each commune)."""

    procedure = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="implementers")
    name = models.CharField(_("name as listed"), max_length=500)
    level = models.CharField(
        _("administrative level"), max_length=5, choices=AdministrativeLevel.choices, blank=True
    )
    body = models.CharField(
        _("body of each unit"),
        max_length=10,
        choices=GoverningBody.choices,
        blank=True,
        help_text=_("Set when the line means that body in every unit of the level, not one named agency."),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="implemented_procedures",
        verbose_name=_("agency"),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("body")]),
        FieldPanel("agency"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("implementing agency")
        verbose_name_plural = _("implementing agencies")

    def __str__(self) -> str:
        return self.name

    @property
    def is_each_unit(self) -> bool:
        return bool(self.body) and self.agency_id is None


class ProcedureFee(Orderable):
    """One fee or charge of a procedure. A procedure with no fee rows is free of charge."""

    procedure = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="fees")
    label = models.CharField(_("fee"), max_length=255)
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [FieldPanel("label"), FieldPanel("amount_vnd"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("fee")
        verbose_name_plural = _("fees and charges")

    def __str__(self) -> str:
        return self.label


class RequiredDocument(Orderable):
    """One paper of the dossier (thành phần hồ sơ), with its downloadable form template."""

    procedure = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(pgettext_lazy("required document", "document"), max_length=500)
    originals = models.PositiveSmallIntegerField(
        _("originals"), default=1, validators=[MaxValueValidator(20)]
    )
    copies = models.PositiveSmallIntegerField(_("copies"), default=0, validators=[MaxValueValidator(20)])
    is_required = models.BooleanField(_("required"), default=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    template = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("form template"),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("originals"), FieldPanel("copies"), FieldPanel("is_required")]),
        FieldPanel("note"),
        FieldPanel("template"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self) -> str:
        return self.name


class AgencyApprovalTask(AbstractGroupApprovalTask):
    """Group approval that a reviewer may act on only for procedures of their own agency.

    Wagtail's group approval lets any member of the group approve any page; a reviewer of one agency
    must not publish another agency's procedures.
    """

    def _in_scope(self, obj, user) -> bool:
        agency_id = getattr(obj, "agency_id", None)
        return agency_id is None or user_may_manage_agency(user=user, agency_id=agency_id)

    def user_can_access_editor(self, obj, user):
        return super().user_can_access_editor(obj, user) and self._in_scope(obj, user)

    def locked_for_user(self, obj, user):
        return super().locked_for_user(obj, user) or not self._in_scope(obj, user)

    def user_can_lock(self, obj, user):
        return super().user_can_lock(obj, user) and self._in_scope(obj, user)

    def get_actions(self, obj, user):
        if not self._in_scope(obj, user):
            return []
        return super().get_actions(obj, user)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve procedures of their own agency")

    class Meta:
        verbose_name = _("agency approval task")
        verbose_name_plural = _("agency approval tasks")


# The e-form (tờ khai điện tử) of a procedure and its versions live in their own module.
from services_catalog.eforms import EFormField, EFormVersion  # noqa: E402, F401
