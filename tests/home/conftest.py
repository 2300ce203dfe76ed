import itertools

from django.core.files.base import ContentFile

from wagtail.documents.models import Document

import pytest

from home.factories import AgencyFactory, ImageFactory
from services_catalog.choices import ServiceLevel
from services_catalog.models import Field, ProcedureIndexPage, ProcedurePage, Sector

_codes = itertools.count(1)


@pytest.fixture
def catalogue(home_page):
    """A catalogue page with a sector, two fields and two agencies, and a way to add procedures."""
    index = home_page.add_child(instance=ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc"))
    sector = Sector.objects.create(name="Tư pháp", slug="tu-phap")
    civil = Field.objects.create(sector=sector, name="Hộ tịch", slug="ho-tich")
    nationality = Field.objects.create(sector=sector, name="Quốc tịch", slug="quoc-tich")
    justice, information = AgencyFactory(code="stp", name="Sở Tư pháp"), AgencyFactory(code="stttt")

    def add(title, *, field=civil, agency=justice, level=ServiceLevel.FULLY_ONLINE, live=True):
        page = index.add_child(
            instance=ProcedurePage(
                title=title,
                code=f"1.{next(_codes):06d}",
                sector=sector,
                field=field,
                agency=agency,
                service_level=level,
                live=live,
            )
        )
        return page

    return {
        "index": index,
        "civil": civil,
        "nationality": nationality,
        "justice": justice,
        "information": information,
        "add": add,
    }


@pytest.fixture
def image(db):
    return ImageFactory()


@pytest.fixture
def document(db):
    return Document.objects.create(
        title="Mẫu tờ khai", file=ContentFile(b"%PDF-1.4 demo", name="to-khai.pdf")
    )


def stream_of_every_block(*, image, document, procedures, copies: int = 1) -> list[dict]:
    """Stored stream data with ``copies`` of each block type of ContentStreamBlock."""
    blocks = []
    for number in range(copies):
        blocks += [
            {"type": "heading", "value": {"text": f"Mục {number}", "level": "h2"}},
            {"type": "paragraph", "value": f"<p>Đoạn văn <b>{number}</b>.</p>"},
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": f"Ảnh số {number}", "caption": "Chú thích"},
            },
            {"type": "document", "value": {"document": document.pk, "title": "", "description": "Tải về"}},
            {
                "type": "callout",
                "value": {"kind": "warning", "title": "Lưu ý", "text": "<p>Mang bản chính.</p>"},
            },
            {
                "type": "faq",
                "value": {
                    "title": "Câu hỏi thường gặp",
                    "items": [{"question": f"Câu hỏi {number}?", "answer": "<p>Trả lời.</p>"}],
                },
            },
            {
                "type": "procedure_list",
                "value": {"heading": "Chọn tay", "procedures": [p.pk for p in procedures], "limit": 10},
            },
            {
                "type": "procedure_list",
                "value": {
                    "heading": "Theo lĩnh vực",
                    "procedures": [],
                    "field": str(procedures[0].field_id),
                    "limit": 3,
                },
            },
        ]
    return blocks
