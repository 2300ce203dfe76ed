"""StreamField blocks of the content pages.

Rendering a page must cost a bounded number of queries whatever the number of blocks: every block
that points at database rows loads them for all its occurrences at once (``bulk_to_python``, which
StreamField calls once per block type), images together with the renditions the templates use.
"""

import copy
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructValue
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import Filter

from home.images import CONTENT_IMAGE_SPECS

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


def _in_bulk_keeping_order(objects_by_id: dict, ids: list) -> list:
    """The contract of ChooserBlock.bulk_to_python: same order, None kept, a copy for repeats."""
    seen, result = set(), []
    for pk in ids:
        obj = objects_by_id.get(pk)
        if obj is not None and pk in seen:
            obj = copy.copy(obj)
        result.append(obj)
        seen.add(pk)
    return result


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=255)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section heading")), ("h3", _("Subsection heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "home/blocks/heading.html"


class PrefetchingImageChooserBlock(ImageChooserBlock):
    """Loads all images of a stream in one query, with the renditions the block template uses."""

    def bulk_to_python(self, values):
        images = (
            get_image_model()
            .objects.prefetch_renditions(*Filter.expand_spec(CONTENT_IMAGE_SPECS))
            .in_bulk(values)
        )
        return _in_bulk_keeping_order(images, values)


class ImageBlock(blocks.StructBlock):
    image = PrefetchingImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=255,
        help_text=_("Describe the image for people who cannot see it (screen readers). Required."),
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=255, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "home/blocks/image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"),
        max_length=255,
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "home/blocks/document.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("info", _("Information")), ("warning", _("Warning")), ("success", _("Tip"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("title"), max_length=255, required=False)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "home/blocks/callout.html"


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=500)
    answer = blocks.RichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question")


class FaqBlock(blocks.StructBlock):
    """Questions and answers as <details>/<summary>: keyboard and screen-reader friendly, no JavaScript."""

    title = blocks.CharBlock(label=_("title"), max_length=255, required=False)
    items = blocks.ListBlock(FaqItemBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Frequently asked questions")
        template = "home/blocks/faq.html"


def field_choices() -> list[tuple[str, str]]:
    from services_catalog.models import Field

    return [(str(pk), name) for pk, name in Field.objects.values_list("pk", "name")]


def agency_choices() -> list[tuple[str, str]]:
    from services_catalog.models import Agency

    return [(str(pk), name) for pk, name in Agency.objects.values_list("pk", "name")]


def service_level_choices() -> list[tuple[str, str]]:
    from services_catalog.choices import ServiceLevel

    return [(str(value), label) for value, label in ServiceLevel.choices]


class RowChoiceBlock(blocks.ChoiceBlock):
    """A choice among database rows, stored as the row's id.

    ChoiceBlock normalises a stored value by walking its choices, which for callable choices means a
    query per block; an id needs no normalising, so rendering a page does not touch the choices.
    """

    def to_python(self, value):
        return "" if value is None else str(value)


class ProcedureChooserBlock(blocks.PageChooserBlock):
    """A chosen procedure inside ProcedureListBlock, which loads the pages of all its lists at once.

    ``bulk_to_python`` leaves the ids as they are: ProcedureListBlock.bulk_to_python swaps them for
    the pages in the same query as the filtered lists.
    """

    def __init__(self, **kwargs):
        super().__init__(page_type="services_catalog.ProcedurePage", **kwargs)

    def bulk_to_python(self, values):
        return list(values)


def _chosen(value) -> list:
    """The list items (ListValue.ListChild) of a procedure list's chosen procedures."""
    return value["procedures"].bound_blocks if value.get("procedures") else []


class ProcedureListValue(StructValue):
    @property
    def listed_procedures(self) -> list:
        """The live procedures to show, set by ProcedureListBlock.bulk_to_python.

        (Not named ``procedures``: templates look up dict keys first, and that key holds the choice.)
        """
        found = getattr(self, "_procedures", None)
        if found is None:  # a value built outside a stream (e.g. the block's own preview)
            found = self.block.procedures_for([self])[0]
        return found

    @property
    def filters(self) -> dict[str, int]:
        lookups = {"field": "field_id", "agency": "agency_id", "service_level": "service_level"}
        return {lookup: int(self[name]) for name, lookup in lookups.items() if self.get(name)}


class ProcedureListBlock(blocks.StructBlock):
    """Procedures picked by the editor, or the first ones matching a filter (e.g. field = Hộ tịch)."""

    heading = blocks.CharBlock(label=_("heading"), max_length=255, required=False)
    procedures = blocks.ListBlock(
        ProcedureChooserBlock(label=_("procedure")),
        label=_("chosen procedures"),
        required=False,
        help_text=_("Pick procedures one by one, or leave empty and list them by the filters below."),
    )
    field = RowChoiceBlock(label=_("field"), choices=field_choices, required=False)
    agency = RowChoiceBlock(label=_("implementing agency"), choices=agency_choices, required=False)
    service_level = blocks.ChoiceBlock(
        label=_("service level"), choices=service_level_choices, required=False
    )
    limit = blocks.IntegerBlock(
        label=_("maximum number listed by the filters"), default=10, min_value=1, max_value=50
    )

    class Meta:
        icon = "list-ul"
        label = _("Procedure list")
        template = "home/blocks/procedure_list.html"
        value_class = ProcedureListValue

    def clean(self, value):
        value = super().clean(value)
        if not value.get("procedures") and not value.filters:
            raise ValidationError(_("Choose procedures or at least one filter."))
        return value

    def bulk_to_python(self, values):
        struct_values = super().bulk_to_python(values)
        for struct_value, procedures in zip(struct_values, self.procedures_for(struct_values), strict=True):
            struct_value._procedures = procedures
        return struct_values

    def procedures_for(self, struct_values: list) -> list[list]:
        """One query for the procedures of all given values, chosen ones and filtered lists alike.

        Each filter's first ``limit`` procedures in catalogue order are selected in a subquery; the
        rows of all subqueries come back together and are dealt out again in Python, where the same
        ordering (tree path) and the same equality filters give the same first ``limit`` rows.
        """
        from services_catalog.models import ProcedurePage

        chosen_ids = {
            int(child.value)
            for value in struct_values
            for child in _chosen(value)
            if isinstance(child.value, int | str)
        }
        live = ProcedurePage.objects.live().order_by("path")
        conditions = [Q(pk__in=chosen_ids)] if chosen_ids else []
        filtered = [value for value in struct_values if not value.get("procedures") and value.filters]
        conditions += [
            Q(pk__in=live.filter(**value.filters).values("pk")[: value["limit"] or 10]) for value in filtered
        ]
        rows = []
        if conditions:
            rows = list(
                ProcedurePage.objects.filter(reduce(or_, conditions))
                .select_related("agency")
                .order_by("path")
            )
        by_id = {row.pk: row for row in rows}
        result = []
        for value in struct_values:
            if value.get("procedures"):
                for child in _chosen(value):
                    if isinstance(child.value, int | str):
                        child.value = by_id.get(int(child.value))
                result.append(
                    [
                        child.value
                        for child in value["procedures"].bound_blocks
                        if child.value and child.value.live
                    ]
                )
            elif value.filters:
                wanted = value.filters
                matching = [
                    row for row in rows if row.live and all(getattr(row, k) == v for k, v in wanted.items())
                ]
                result.append(matching[: value["limit"] or 10])
            else:
                result.append([])
        return result


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Rich text"),
        icon="pilcrow",
        features=RICH_TEXT_FEATURES,
        template="home/blocks/paragraph.html",
    )
    image = ImageBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    faq = FaqBlock()
    procedure_list = ProcedureListBlock()
