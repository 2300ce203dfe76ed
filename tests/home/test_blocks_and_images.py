import re

from django.core.exceptions import ValidationError
from django.core.management import call_command

from wagtail.blocks import StreamBlockValidationError
from wagtail.images import get_image_model

import pytest

from home.blocks import ContentStreamBlock, ImageBlock, ProcedureListBlock
from home.factories import ContentPageFactory, ImageFactory
from home.images import PREGENERATED_SPECS, renditions_pregenerate_task
from services_catalog.choices import ServiceLevel
from tests.home.conftest import stream_of_every_block

pytestmark = pytest.mark.django_db


def test_image_block_requires_alternative_text(image):
    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))
    assert block.clean(block.to_python({"image": image.pk, "alt_text": "Quầy một cửa", "caption": ""}))


def test_every_block_renders(client, catalogue, image, document):
    procedures = [catalogue["add"]("Đăng ký khai sinh")]
    page = ContentPageFactory(
        body=stream_of_every_block(image=image, document=document, procedures=procedures)
    )
    html = client.get(page.url).content.decode()
    assert '<h2 class="block-heading">Mục 0</h2>' in html
    assert "Đoạn văn <b>0</b>" in html
    assert "<figcaption>Chú thích</figcaption>" in html and 'alt="Ảnh số 0"' in html
    assert f'href="{document.url}" download' in html and "(PDF" in html
    assert 'class="callout callout--warning"' in html
    assert (
        '<details class="faq__item">' in html
        and '<summary class="faq__question">Câu hỏi 0?</summary>' in html
    )
    assert 'href="/thu-tuc/' in html and "Đăng ký khai sinh" in html


def test_images_are_served_as_webp_with_a_jpeg_fallback(client, image):
    page = ContentPageFactory(
        body=[{"type": "image", "value": {"image": image.pk, "alt_text": "Ảnh", "caption": ""}}]
    )
    html = client.get(page.url).content.decode()
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert re.search(r'<source [^>]*srcset="[^"]+\.webp ', picture) and 'type="image/webp"' in picture
    assert re.search(r'<img [^>]*src="[^"]+\.jpg"', picture)
    assert 'sizes="(max-width: 48rem) 100vw, 48rem"' in picture


def test_renditions_are_made_when_an_image_is_saved(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = ImageFactory()
    assert set(image.renditions.values_list("filter_spec", flat=True)) == set(PREGENERATED_SPECS)


def test_pages_then_render_without_making_renditions(client, django_capture_on_commit_callbacks, home_page):
    from home.factories import NewsPageFactory

    with django_capture_on_commit_callbacks(execute=True):
        image = ImageFactory()
    Rendition = get_image_model().get_rendition_model()
    before = Rendition.objects.count()
    content = ContentPageFactory(
        social_image=image,
        body=[{"type": "image", "value": {"image": image.pk, "alt_text": "Ảnh", "caption": ""}}],
    )
    article = NewsPageFactory(image=image, image_alt="Ảnh")
    for url in (content.url, article.url, article.get_parent().url):
        assert client.get(url).status_code == 200
    assert Rendition.objects.count() == before


def test_pregeneration_of_a_deleted_image_does_nothing():
    assert renditions_pregenerate_task.call(123456) == 0


def test_procedure_list_needs_a_choice_or_a_filter():
    block = ProcedureListBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"heading": "", "procedures": [], "limit": 10}))
    value = block.clean(block.to_python({"procedures": [], "service_level": "4", "limit": 10}))
    assert value.filters == {"service_level": 4}


def test_procedure_list_by_filter_shows_live_matching_procedures_up_to_the_limit(client, catalogue):
    add = catalogue["add"]
    for number in range(4):
        add(f"Hộ tịch {number}")
    add("Hộ tịch nháp", live=False)
    add("Quốc tịch", field=catalogue["nationality"])
    add("Hộ tịch mức 2", level=ServiceLevel.FORMS)
    add("Hộ tịch sở khác", agency=catalogue["information"])
    civil, justice = catalogue["civil"], catalogue["justice"]
    lists = [
        ({"field": str(civil.pk), "limit": 3}, ["Hộ tịch 0", "Hộ tịch 1", "Hộ tịch 2"]),
        (
            {"field": str(civil.pk), "agency": str(justice.pk), "service_level": "2", "limit": 10},
            ["Hộ tịch mức 2"],
        ),
        ({"field": str(catalogue["nationality"].pk), "limit": 10}, ["Quốc tịch"]),
        ({"agency": str(catalogue["information"].pk), "limit": 10}, ["Hộ tịch sở khác"]),
    ]
    body = [
        {"type": "procedure_list", "value": {"heading": f"Danh sách {n}", "procedures": [], **filters}}
        for n, (filters, _expected) in enumerate(lists)
    ]
    html = client.get(ContentPageFactory(body=body).url).content.decode()
    sections = re.findall(r'<section class="procedure-list">(.*?)</section>', html, re.S)
    for section, (_filters, expected) in zip(sections, lists, strict=True):
        assert re.findall(r'<a href="[^"]+">([^<]+)</a>', section) == expected


def test_procedure_list_of_chosen_procedures_keeps_their_order_and_hides_drafts(client, catalogue):
    first, second = catalogue["add"]("Thủ tục A"), catalogue["add"]("Thủ tục B")
    draft = catalogue["add"]("Thủ tục nháp", live=False)
    body = [{"type": "procedure_list", "value": {"procedures": [second.pk, draft.pk, first.pk], "limit": 10}}]
    html = client.get(ContentPageFactory(body=body).url).content.decode()
    section = re.search(r'<section class="procedure-list">(.*?)</section>', html, re.S).group(1)
    assert re.findall(r'<a href="[^"]+">([^<]+)</a>', section) == ["Thủ tục B", "Thủ tục A"]


def test_stream_rejects_an_image_without_alt_text(image):
    stream = ContentStreamBlock()
    value = stream.to_python([{"type": "image", "value": {"image": image.pk, "alt_text": "", "caption": ""}}])
    with pytest.raises(StreamBlockValidationError):
        stream.clean(value)


def test_demo_content_is_complete_and_idempotent(db):
    from home.models import AgencySectionPage, ContentPage, NewsPage

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (NewsPage.objects.count(), ContentPage.objects.count(), get_image_model().objects.count())
    assert NewsPage.objects.live().count() >= 3
    titles = set(ContentPage.objects.values_list("title", flat=True))
    assert {"Hướng dẫn nộp hồ sơ trực tuyến mức độ 3, 4", "Hướng dẫn đăng ký tài khoản"} <= titles
    assert set(AgencySectionPage.objects.values_list("agency__code", flat=True)) >= {"stp", "stttt"}
    for section in AgencySectionPage.objects.all():
        assert ContentPage.objects.child_of(section).filter(slug="gioi-thieu").exists()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (
        NewsPage.objects.count(),
        ContentPage.objects.count(),
        get_image_model().objects.count(),
    ) == counts
