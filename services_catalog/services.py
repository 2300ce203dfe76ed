"""Writes to the catalogue: the catalogue page, procedures (one by one or in bulk), taxonomy."""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page, Revision, Site

from services_catalog.choices import AdministrativeLevel, ServiceLevel
from services_catalog.models import (
    Agency,
    Field,
    ProcedureFee,
    ProcedureImplementer,
    ProcedureIndexPage,
    ProcedurePage,
    RequiredDocument,
    Sector,
)
from services_catalog.signals import procedures_bulk_created
from services_catalog.text import agency_code_from_name, ascii_slug, procedure_slug

CATALOGUE_SLUG = "thu-tuc-hanh-chinh"
CATALOGUE_TITLE = "Thủ tục hành chính"
LEVEL_FLAGS = {
    AdministrativeLevel.PROVINCE: "at_province_level",
    AdministrativeLevel.DISTRICT: "at_district_level",
    AdministrativeLevel.COMMUNE: "at_commune_level",
}
# Wagtail's title is a CharField(255): a longer official name is kept whole in `official_name`.
TITLE_MAX_LENGTH = 255
RICH_TEXT_FIELDS = (
    "steps",
    "submission_methods",
    "eligible_applicants",
    "result",
    "legal_basis",
    "conditions",
)


def catalogue_index_ensure() -> ProcedureIndexPage:
    """The catalogue page at /thu-tuc-hanh-chinh/ under the home page, with its editing workflow."""
    from services_catalog.editing import catalogue_editing_setup

    index = ProcedureIndexPage.objects.first()
    if index is None:
        home = Site.objects.get(is_default_site=True).root_page
        index = ProcedureIndexPage(
            title=CATALOGUE_TITLE,
            slug=CATALOGUE_SLUG,
            intro="<p>Danh mục thủ tục hành chính thực hiện tại các cấp chính quyền của tỉnh: tra cứu "
            "thành phần hồ sơ, thời hạn giải quyết, phí, lệ phí và nộp hồ sơ trực tuyến.</p>",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    catalogue_editing_setup(index_page=index)
    return index


def sector_get_or_create(*, name: str) -> Sector:
    sector = Sector.objects.filter(name=name).first()
    if sector is None:
        sector = Sector.objects.create(name=name, slug=_unique_slug(Sector, ascii_slug(name, max_length=190)))
    return sector


def field_get_or_create(*, name: str, sector: Sector) -> Field:
    field_obj = Field.objects.filter(name=name, sector=sector).first()
    if field_obj is None:
        field_obj = Field.objects.create(
            name=name, sector=sector, slug=_unique_slug(Field, ascii_slug(name, max_length=190))
        )
    return field_obj


def agency_get_or_create(*, code_or_name: str, name: str = "", level: str = "") -> Agency:
    """Find an agency by code, then by name; create it when it is missing."""
    agency = (
        Agency.objects.filter(code=code_or_name).first() or Agency.objects.filter(name=code_or_name).first()
    )
    if agency is None and name:
        agency = Agency.objects.filter(name=name).first()
    if agency is None:
        looks_like_code = code_or_name.isascii() and code_or_name.isalnum() and code_or_name.islower()
        display_name = name or code_or_name
        code = code_or_name if looks_like_code else agency_code_from_name(display_name)
        agency = Agency.objects.create(
            name=display_name,
            code=_unique_value(Agency, "code", code[:18]),
            level=level or _level_from_name(display_name),
        )
    return agency


def _level_from_name(name: str) -> str:
    lowered = name.lower()
    if any(word in lowered for word in ("xã", "phường", "thị trấn")):
        return AdministrativeLevel.COMMUNE
    if any(word in lowered for word in ("huyện", "thành phố", "thị xã", "quận")):
        return AdministrativeLevel.DISTRICT
    return AdministrativeLevel.PROVINCE


def _unique_value(model, field_name: str, value: str) -> str:
    candidate, suffix = value, 2
    while model.objects.filter(**{field_name: candidate}).exists():
        candidate = f"{value}{suffix}"
        suffix += 1
    return candidate


def _unique_slug(model, slug: str) -> str:
    candidate, suffix = slug, 2
    while model.objects.filter(slug=candidate).exists():
        candidate = f"{slug}-{suffix}"
        suffix += 1
    return candidate


@dataclass
class FeeData:
    label: str
    amount_vnd: int
    note: str = ""


@dataclass
class DocumentData:
    name: str
    originals: int = 1
    copies: int = 0
    is_required: bool = True
    note: str = ""


@dataclass(frozen=True)
class ImplementerData:
    """One implementing agency as the national list names it (see ProcedureImplementer)."""

    name: str
    level: str = ""
    body: str = ""
    agency: Agency | None = None

    def as_row(self) -> tuple:
        return (self.name, self.level, self.body, self.agency.pk if self.agency else None)


def title_and_official_name(name: str) -> tuple[str, str]:
    """(Wagtail title, official name): the whole name fits the title, or the title is its first words
    and the official name keeps it whole."""
    if len(name) <= TITLE_MAX_LENGTH:
        return name, ""
    shortened = name[: TITLE_MAX_LENGTH - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return f"{shortened}…", name


@dataclass
class ProcedureData:
    """What an import row or a demo entry says about a procedure. None means "unknown: keep as is"."""

    code: str
    title: str | None = None  # the whole official name, however long
    sector: Sector | None = None
    field: Field | None = None
    agency: Agency | None = None
    admin_levels: set[str] | None = None
    service_level: int | None = None
    processing_days: int | None = None
    online_processing_days: int | None = None
    fees: list[FeeData] | None = None
    documents: list[DocumentData] | None = None
    rich_text: dict[str, str] = dataclass_field(default_factory=dict)
    effective_date: date | None = None
    is_retired: bool | None = None
    retired_date: date | None = None
    implementers: list[ImplementerData] | None = None
    national_agencies: str | None = None


def _scalar_changes(page: ProcedurePage, data: ProcedureData) -> dict:
    title, official_name = title_and_official_name(data.title) if data.title else (None, None)
    wanted = {
        "title": title,
        "official_name": official_name,
        "national_agencies": data.national_agencies,
        "sector_id": data.sector.pk if data.sector else None,
        "field_id": data.field.pk if data.field else None,
        "agency_id": data.agency.pk if data.agency else None,
        "service_level": data.service_level,
        "processing_days": data.processing_days,
        "online_processing_days": data.online_processing_days,
        "effective_date": data.effective_date,
        "is_retired": data.is_retired,
        **data.rich_text,
    }
    if data.admin_levels is not None:
        for level, flag in LEVEL_FLAGS.items():
            wanted[flag] = level in data.admin_levels
    if data.fees is not None:
        wanted["fees_unknown"] = False
    return {
        name: value for name, value in wanted.items() if value is not None and getattr(page, name) != value
    }


def _fee_rows(page: ProcedurePage) -> list[tuple]:
    return [(fee.label, fee.amount_vnd, fee.note) for fee in page.fees.all()]


def _implementer_rows(page: ProcedurePage) -> list[tuple]:
    return [(item.name, item.level, item.body, item.agency_id) for item in page.implementers.all()]


def _document_rows(page: ProcedurePage) -> list[tuple]:
    return [(doc.name, doc.originals, doc.copies, doc.is_required, doc.note) for doc in page.documents.all()]


def procedure_changes(page: ProcedurePage, data: ProcedureData) -> list[str]:
    """The names of what `data` would change on `page` (empty: a re-import leaves it alone)."""
    changed = list(_scalar_changes(page, data))
    if data.fees is not None and _fee_rows(page) != [(f.label, f.amount_vnd, f.note) for f in data.fees]:
        changed.append("fees")
    if data.documents is not None and _document_rows(page) != [
        (d.name, d.originals, d.copies, d.is_required, d.note) for d in data.documents
    ]:
        changed.append("documents")
    if data.implementers is not None and _implementer_rows(page) != [
        item.as_row() for item in data.implementers
    ]:
        changed.append("implementers")
    return changed


def _apply_children(page: ProcedurePage, data: ProcedureData) -> None:
    if data.implementers is not None:
        page.implementers = [
            ProcedureImplementer(
                name=item.name, level=item.level, body=item.body, agency=item.agency, sort_order=position
            )
            for position, item in enumerate(data.implementers)
        ]
    if data.fees is not None:
        page.fees = [
            ProcedureFee(label=fee.label, amount_vnd=fee.amount_vnd, note=fee.note, sort_order=position)
            for position, fee in enumerate(data.fees)
        ]
    if data.documents is not None:
        # Keep the form templates already attached to documents of the same name.
        templates = {doc.name: doc.template_id for doc in page.documents.all()}
        page.documents = [
            RequiredDocument(
                name=doc.name,
                originals=doc.originals,
                copies=doc.copies,
                is_required=doc.is_required,
                note=doc.note,
                template_id=templates.get(doc.name),
                sort_order=position,
            )
            for position, doc in enumerate(data.documents)
        ]


def _new_service_level(data: ProcedureData) -> int:
    """A procedure whose level nobody gave stays unclassified: no online submission until it is set."""
    return ServiceLevel.NOT_CLASSIFIED if data.service_level is None else data.service_level


@transaction.atomic
def procedure_create(*, index_page: ProcedureIndexPage, data: ProcedureData, user=None) -> ProcedurePage:
    """Create and publish a procedure page (with a revision, as an editor's would have)."""
    title, official_name = title_and_official_name(data.title)
    page = ProcedurePage(
        code=data.code,
        title=title,
        official_name=official_name,
        national_agencies=data.national_agencies or "",
        slug=procedure_slug(title=data.title, code=data.code),
        sector=data.sector,
        field=data.field,
        agency=data.agency,
        service_level=_new_service_level(data),
        processing_days=data.processing_days,
        online_processing_days=data.online_processing_days,
        effective_date=data.effective_date,
        is_retired=bool(data.is_retired),
        retired_date=data.retired_date,
        fees_unknown=data.fees is None,
        **data.rich_text,
        **{flag: level in (data.admin_levels or set()) for level, flag in LEVEL_FLAGS.items()},
    )
    _apply_children(page, data)
    index_page.add_child(instance=page)
    page.save_revision(user=user, log_action=True).publish(user=user)
    return page


@transaction.atomic
def procedure_update(*, page: ProcedurePage, data: ProcedureData, user=None) -> bool:
    """Publish a new revision with what `data` changes; no revision at all when nothing changes."""
    if not procedure_changes(page, data):
        return False
    for name, value in _scalar_changes(page, data).items():
        setattr(page, name, value)
    _apply_children(page, data)
    page.save_revision(user=user, log_action=True).publish(user=user)
    return True


def _bulk_revisions(base_pages: list[Page], *, user) -> None:
    pages = list(
        ProcedurePage.objects.filter(pk__in=[base.pk for base in base_pages])
        .select_related("sector", "field", "agency")
        .prefetch_related("fees", "documents", "coordinating_agencies", "implementers")
    )
    page_type = ContentType.objects.get_for_model(ProcedurePage)
    base_type = ContentType.objects.get_for_model(Page)
    now = timezone.now()
    revisions = Revision.objects.bulk_create(
        Revision(
            content_type=page_type,
            base_content_type=base_type,
            object_id=str(page.pk),
            created_at=now,
            user=user,
            object_str=page.title,
            content=page.serializable_data(),
        )
        for page in pages
    )
    by_page = {int(revision.object_id): revision.pk for revision in revisions}
    for base in base_pages:
        base.latest_revision_id = base.live_revision_id = by_page[base.pk]
    Page.objects.bulk_update(base_pages, ["latest_revision", "live_revision"])


def procedures_bulk_create(
    *,
    index_page: ProcedureIndexPage,
    procedures: list[ProcedureData],
    with_revisions: bool = False,
    user=None,
    batch_size: int = 200,
) -> int:
    """Insert many published procedures at once (import, demo, benchmarks, tests).

    Creating a page through Wagtail (`add_child`, `save_revision`, `publish`) costs about 160
    queries; here tree paths are computed once and rows are inserted in batches. With
    `with_revisions` each page gets its first revision (the start of its history, R-CAT-6), with
    the site search indexes them at once (`signals.procedures_bulk_created`).
    """
    if not procedures:
        return 0
    index_page.refresh_from_db()
    last_child = index_page.get_last_child()
    next_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(ProcedurePage)
    created = 0
    for start in range(0, len(procedures), batch_size):
        batch = procedures[start : start + batch_size]
        base_pages = []
        for offset, data in enumerate(batch):
            slug = procedure_slug(title=data.title, code=data.code)
            title, _official_name = title_and_official_name(data.title)
            base_pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    path=Page._get_path(index_page.path, index_page.depth + 1, next_step + start + offset),
                    depth=index_page.depth + 1,
                    numchild=0,
                    url_path=f"{index_page.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    locale_id=index_page.locale_id,
                )
            )
        Page.objects.bulk_create(base_pages)
        specific_pages = []
        for base, data in zip(base_pages, batch, strict=True):
            page = ProcedurePage(
                page_ptr_id=base.pk,
                code=data.code,
                official_name=title_and_official_name(data.title)[1],
                national_agencies=data.national_agencies or "",
                sector=data.sector,
                field=data.field,
                agency=data.agency,
                service_level=_new_service_level(data),
                processing_days=data.processing_days,
                online_processing_days=data.online_processing_days,
                fees_unknown=data.fees is None,
                is_retired=bool(data.is_retired),
                retired_date=data.retired_date,
                effective_date=data.effective_date,
                **data.rich_text,
                **{flag: level in (data.admin_levels or set()) for level, flag in LEVEL_FLAGS.items()},
            )
            specific_pages.append(page)
        # bulk_create refuses multi-table models; insert only the child table, the parents exist.
        ProcedurePage.objects._insert(
            specific_pages, fields=ProcedurePage._meta.local_concrete_fields, using=ProcedurePage.objects.db
        )
        ProcedureFee.objects.bulk_create(
            ProcedureFee(
                procedure_id=base.pk, label=fee.label, amount_vnd=fee.amount_vnd, note=fee.note, sort_order=i
            )
            for base, data in zip(base_pages, batch, strict=True)
            for i, fee in enumerate(data.fees or [])
        )
        ProcedureImplementer.objects.bulk_create(
            ProcedureImplementer(
                procedure_id=base.pk,
                name=item.name,
                level=item.level,
                body=item.body,
                agency=item.agency,
                sort_order=i,
            )
            for base, data in zip(base_pages, batch, strict=True)
            for i, item in enumerate(data.implementers or [])
        )
        RequiredDocument.objects.bulk_create(
            RequiredDocument(
                procedure_id=base.pk,
                name=doc.name,
                originals=doc.originals,
                copies=doc.copies,
                is_required=doc.is_required,
                note=doc.note,
                sort_order=i,
            )
            for base, data in zip(base_pages, batch, strict=True)
            for i, doc in enumerate(data.documents or [])
        )
        if with_revisions:
            _bulk_revisions(base_pages, user=user)
        procedures_bulk_created.send(sender=ProcedurePage, page_ids=[base.pk for base in base_pages])
        created += len(batch)
    Page.objects.filter(pk=index_page.pk).update(numchild=F("numchild") + created)
    from services_catalog.page_cache import catalogue_cache_invalidate

    catalogue_cache_invalidate()
    return created


@dataclass
class UnitAgenciesReport:
    created: list[Agency] = dataclass_field(default_factory=list)
    updated: list[Agency] = dataclass_field(default_factory=list)


def _unit_agency_put(
    *, unit_code: str, body: str, level: str, code: str, name: str, parent: Agency | None, report
) -> Agency:
    agency = Agency.objects.filter(unit_code=unit_code, body=body, level=level).first()
    agency = agency or Agency.objects.filter(code=code).first()
    if Agency.objects.filter(name=name).exclude(pk=agency.pk if agency else None).exists():
        name = f"{name} ({unit_code})"
    values = {"unit_code": unit_code, "body": body, "level": level, "name": name, "parent": parent}
    if agency is None:
        agency = Agency.objects.create(code=_unique_value(Agency, "code", code), **values)
        report.created.append(agency)
    elif any(getattr(agency, key) != value for key, value in values.items()):
        for key, value in values.items():
            setattr(agency, key, value)
        agency.save()
        report.updated.append(agency)
    return agency


@transaction.atomic
def unit_agencies_create(*, province, with_police: bool = False) -> UnitAgenciesReport:
    """The People's Committee of `province` (a `vietnam_provinces.Province`) and of each of its
    communes, and with `with_police` their police: what "Ủy ban nhân dân cấp xã" and "Công an cấp xã"
    mean there. Codes: ubnd<province>, ca<province>, x<commune code>, cax<commune code>. Running it
    again updates names and leaves codes (used in usernames and dossier codes) as they are."""
    from services_catalog.choices import GoverningBody
    from services_catalog.units import province_communes, province_unit

    report = UnitAgenciesReport()
    unit = province_unit(province)
    short = province.codename.replace("_", "")
    committee = _unit_agency_put(
        unit_code=unit.code,
        body=GoverningBody.PEOPLES_COMMITTEE,
        level=AdministrativeLevel.PROVINCE,
        code=f"ubnd{short}"[:20],
        name=f"Ủy ban nhân dân {unit.name}",
        parent=None,
        report=report,
    )
    police = None
    if with_police:
        police = _unit_agency_put(
            unit_code=unit.code,
            body=GoverningBody.POLICE,
            level=AdministrativeLevel.PROVINCE,
            code=f"ca{short}"[:20],
            name=f"Công an {unit.name}",
            parent=None,
            report=report,
        )
    for commune in province_communes(province):
        commune_name = commune.name[0].lower() + commune.name[1:]  # "Xã Cái Nhum" → "xã Cái Nhum"
        _unit_agency_put(
            unit_code=commune.code,
            body=GoverningBody.PEOPLES_COMMITTEE,
            level=AdministrativeLevel.COMMUNE,
            code=f"x{commune.code}",
            name=f"Ủy ban nhân dân {commune_name}",
            parent=committee,
            report=report,
        )
        if with_police:
            _unit_agency_put(
                unit_code=commune.code,
                body=GoverningBody.POLICE,
                level=AdministrativeLevel.COMMUNE,
                code=f"cax{commune.code}",
                name=f"Công an {commune_name}",
                parent=police,
                report=report,
            )
    return report
