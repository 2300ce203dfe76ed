from datetime import timedelta

from django.utils import timezone

import pytest

from home.models import IncidentNotice
from services_catalog.models import ProcedurePage

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_get_the_stored_page_until_an_editor_publishes(client, make_procedure):
    procedure = make_procedure(title="Đăng ký khai sinh")
    first = client.get("/thu-tuc-hanh-chinh/")
    assert "X-Catalogue-Cache" not in first
    second = client.get("/thu-tuc-hanh-chinh/")
    assert second["X-Catalogue-Cache"] == "hit"
    # What the middleware skipped on a hit is still there.
    assert second["X-Frame-Options"] == "DENY"
    assert second["Content-Language"] == "vi"
    assert second["Vary"] == "Cookie"  # the language comes from the switcher's cookie only
    assert second["X-Content-Type-Options"] == "nosniff"
    assert second.content.decode().count("Đăng ký khai sinh") == first.content.decode().count(
        "Đăng ký khai sinh"
    )

    page = ProcedurePage.objects.get(pk=procedure.pk)
    page.title = "Đăng ký khai sinh (sửa đổi)"
    page.save_revision().publish()
    third = client.get("/thu-tuc-hanh-chinh/")
    assert "X-Catalogue-Cache" not in third
    assert "Đăng ký khai sinh (sửa đổi)" in third.content.decode()


def test_unpublishing_and_taxonomy_changes_invalidate(client, make_procedure, taxonomy):
    procedure = make_procedure(title="Đăng ký kết hôn")
    client.get(procedure.url)
    assert client.get(procedure.url)["X-Catalogue-Cache"] == "hit"
    taxonomy["stp"].phone = "0275 3999 999"
    taxonomy["stp"].save()
    refreshed = client.get(procedure.url)
    assert "X-Catalogue-Cache" not in refreshed
    assert "0275 3999 999" in refreshed.content.decode()

    client.get("/thu-tuc-hanh-chinh/")
    ProcedurePage.objects.get(pk=procedure.pk).unpublish()
    assert "Đăng ký kết hôn" not in client.get("/thu-tuc-hanh-chinh/").content.decode()
    assert client.get(procedure.url).status_code == 404


def test_signed_in_users_are_never_served_from_the_cache(client, make_procedure, django_user_model):
    make_procedure()
    client.get("/thu-tuc-hanh-chinh/")
    user = django_user_model.objects.create_user(username="congdan", password="x", full_name="Nguyễn Văn An")
    client.force_login(user)
    response = client.get("/thu-tuc-hanh-chinh/")
    assert "X-Catalogue-Cache" not in response
    assert "Nguyễn Văn An" in response.content.decode()


def test_a_returning_visitor_keeps_their_csrf_cookie_on_a_cached_page(client, make_procedure):
    from django.test import Client

    make_procedure()
    client.get("/thu-tuc-hanh-chinh/")
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/thu-tuc-hanh-chinh/co-quan/")  # first page of the visit: gets the cookie
    secret = visitor.cookies["csrftoken"].value
    response = visitor.get("/thu-tuc-hanh-chinh/")
    assert response["X-Catalogue-Cache"] == "hit"
    assert visitor.cookies["csrftoken"].value == secret
    token = response.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    switched = visitor.post("/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert switched.status_code == 302


def test_each_visitor_gets_their_own_csrf_token_from_a_cached_page(client, make_procedure):
    from django.test import Client

    make_procedure()
    client.get("/thu-tuc-hanh-chinh/")
    other = Client(enforce_csrf_checks=True)
    response = other.get("/thu-tuc-hanh-chinh/")
    assert response["X-Catalogue-Cache"] == "hit"
    html = response.content.decode()
    assert "__CATALOGUE_CSRF_TOKEN__" not in html
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert len(token) == 64
    # The language switcher posts with that token and the cookie set with the page.
    switched = other.post("/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert switched.status_code == 302


def test_languages_are_cached_apart(client, make_procedure):
    from django.conf import settings

    make_procedure()
    assert "Thủ tục hành chính" in client.get("/thu-tuc-hanh-chinh/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Administrative procedures" in client.get("/thu-tuc-hanh-chinh/").content.decode()


def test_an_english_browser_never_poisons_the_cache_for_visitors_who_chose_english(client, make_procedure):
    from django.conf import settings

    make_procedure()
    english_browser = client.get("/thu-tuc-hanh-chinh/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert english_browser["Content-Language"] == "vi"
    assert "Thủ tục hành chính" in english_browser.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    chose_english = client.get("/thu-tuc-hanh-chinh/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert chose_english["Content-Language"] == "en"
    assert "Administrative procedures" in chose_english.content.decode()


def test_an_incident_notice_reaches_cached_pages_at_once(client, make_procedure):
    """The incident banner (R-OPS-1) is on every page, the cached catalogue included."""
    make_procedure(title="Cấp phiếu lý lịch tư pháp")
    client.get("/thu-tuc-hanh-chinh/")
    assert client.get("/thu-tuc-hanh-chinh/")["X-Catalogue-Cache"] == "hit"
    IncidentNotice.objects.create(
        title="Gián đoạn cổng thanh toán", starts_at=timezone.now() - timedelta(minutes=5)
    )
    page = client.get("/thu-tuc-hanh-chinh/")
    assert "X-Catalogue-Cache" not in page
    assert "Gián đoạn cổng thanh toán" in page.content.decode()
