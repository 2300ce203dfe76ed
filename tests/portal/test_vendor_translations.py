"""Vietnamese from portal/vendor_locale for Viewflow, django-filter, modeladmin and the Wagtail admin."""

import gettext
import json
import re
from importlib.util import find_spec
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

import django_filters
import pytest
from viewflow.urls import Application, DeleteViewMixin, ModelViewset, Site

VENDOR_LOCALE = Path(settings.BASE_DIR) / "portal" / "vendor_locale" / "locale"


def compiled_catalogue(locale_dir: Path, language: str = "vi", domain: str = "django") -> dict:
    """The msgids a compiled catalogue translates (`make messages` builds the .mo from the .po)."""
    with open(locale_dir / language / "LC_MESSAGES" / f"{domain}.mo", "rb") as mo:
        return gettext.GNUTranslations(mo)._catalog


def package_locale(package: str) -> Path:
    return Path(find_spec(package).origin).parent / "locale"


def project_app_catalogues() -> dict[str, dict]:
    """The vi catalogues of the project's own apps (not of installed packages), by app."""
    base_dir = Path(settings.BASE_DIR).resolve()
    catalogues = {}
    for app in settings.INSTALLED_APPS:
        app_locale = package_locale(app).resolve()
        is_project_app = (
            base_dir in app_locale.parents
            and "site-packages" not in app_locale.parts
            and app_locale != VENDOR_LOCALE.resolve()
        )
        if is_project_app and (app_locale / "vi/LC_MESSAGES/django.mo").exists():
            catalogues[app] = compiled_catalogue(app_locale)
    return catalogues


@pytest.mark.parametrize(
    ("msgid", "vietnamese"),
    [
        ("Inbox", "Việc cần làm"),
        ("Queue", "Hàng đợi"),
        ("Assign", "Nhận nhiệm vụ"),
        ("Process list", "Danh sách quy trình"),
        ("Task {task} has been completed.", "Nhiệm vụ {task} đã hoàn thành."),
        ("Transition is not allowed", "Không được phép chuyển sang trạng thái này"),
    ],
)
def test_viewflow_strings_are_vietnamese(msgid, vietnamese):
    with translation.override("vi"):
        assert _(msgid) == vietnamese


def test_viewflow_task_status_uses_its_context():
    with translation.override("vi"):
        assert pgettext("STATUS", "Started") == "Đang thực hiện"
        assert pgettext("STATUS", "Done") == "Hoàn thành"


class StaffViewset(DeleteViewMixin, ModelViewset):
    """A Viewflow CRUD screen over staff accounts, mounted only by the test below."""

    model = get_user_model()
    queryset = get_user_model()._default_manager.order_by("username")
    list_columns = ("username", "email")


viewflow_site = Site(
    title="Portal", viewsets=[Application(title="Staff", app_name="staff", viewsets=[StaffViewset()])]
)
urlpatterns = [path("viewflow/", viewflow_site.urls)]


@pytest.mark.urls(__name__)
def test_viewflow_screens_render_in_vietnamese(superuser_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        listing = superuser_client.get("/viewflow/staff/user/")
    assert listing.status_code == 200
    html = listing.content.decode()
    for label in ["Thêm mới", "Chọn thao tác", "Ứng dụng"]:
        assert label in html
    form = superuser_client.get("/viewflow/staff/user/add/").content.decode()
    assert re.search(r">\s*Lưu\s*<", form)


@pytest.mark.parametrize("package", ["viewflow", "django_filters", "taggit"])
def test_every_msgid_translated_upstream_has_vietnamese(package):
    """Any msgid that some shipped catalogue of the package translates is translated for vi too.

    A project app's translation of a msgid counts too: it wins over the vendor one anyway.
    """
    vendor = compiled_catalogue(VENDOR_LOCALE)
    for catalogue in project_app_catalogues().values():
        vendor = {**catalogue, **vendor}
    upstream = set()
    for mo in package_locale(package).glob("*/LC_MESSAGES/django.mo"):
        upstream |= {key for key in compiled_catalogue(mo.parents[2], mo.parents[1].name) if key and key[0]}
    missing = sorted(str(key) for key in upstream if key not in vendor)
    assert len(upstream) >= 16
    assert missing == []


class NumberRangeFilter(django_filters.BaseRangeFilter, django_filters.NumberFilter):
    pass


class UserFilter(django_filters.FilterSet):
    is_active = django_filters.BooleanFilter()
    id_between = NumberRangeFilter(field_name="id", lookup_expr="range")
    date_joined = django_filters.DateRangeFilter()
    ordering = django_filters.OrderingFilter(fields=["username"])

    class Meta:
        model = get_user_model()
        fields = ["is_active", "date_joined"]


def test_django_filter_widgets_render_vietnamese(db):
    with translation.override("vi"):
        form = UserFilter(data={}).form
        html = str(form)
        date_choices = dict(form.fields["date_joined"].choices)
        ordering_choices = dict(form.fields["ordering"].choices)
    assert "Không xác định" in html  # BooleanWidget's "Unknown"
    assert date_choices["week"] == "7 ngày qua"
    assert date_choices["today"] == "Hôm nay"
    assert ordering_choices["-username"].endswith("(giảm dần)")


def test_django_filter_validation_error_is_vietnamese(db):
    with translation.override("vi"):
        form = UserFilter(data={"id_between": "5"}).form
        assert not form.is_valid()
        assert form.errors["id_between"] == ["Lọc theo khoảng cần hai giá trị."]


@pytest.mark.parametrize(
    ("msgid", "vietnamese"),
    [
        ("Save draft", "Lưu bản nháp"),
        ("Submit for moderation", "Gửi kiểm duyệt"),
        ("Unpublish", "Ngừng xuất bản"),
        ("Snippets", "Đoạn nội dung"),
        ("Locked pages", "Trang đang bị khóa"),
        ("Request changes", "Yêu cầu chỉnh sửa"),
        ("Inspecting %(object)s", "Xem chi tiết %(object)s"),  # wagtail-modeladmin
        ("Sign in to Wagtail", "Đăng nhập vào trang quản trị"),
    ],
)
def test_wagtail_admin_strings_are_vietnamese(msgid, vietnamese):
    with translation.override("vi"):
        assert _(msgid) == vietnamese


def test_wagtail_plural_strings_use_the_single_vietnamese_form():
    with translation.override("vi"):
        assert ngettext("Delete 1 page", "Delete %(counter)s pages", 1) % {"counter": 1} == "Xóa 1 trang"
        assert ngettext("Delete 1 page", "Delete %(counter)s pages", 5) % {"counter": 5} == "Xóa 5 trang"


def test_wagtail_admin_javascript_catalogue_is_vietnamese(superuser_client):
    response = superuser_client.get("/admin/jsi18n/")
    assert response.status_code == 200
    catalogue = json.loads(
        re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S).group(1)
    )
    assert catalogue["Main menu"] == "Trình đơn chính"
    assert catalogue["Autosave in progress…"] == "Đang tự động lưu…"


def sidebar_labels(html: str) -> list[str]:
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    labels = []

    def walk(node):
        if isinstance(node, dict):
            labels.extend(value for key, value in node.items() if key == "label" and isinstance(value, str))
            node = list(node.values())
        if isinstance(node, list):
            for child in node:
                walk(child)

    walk(json.loads(props.group(1)))
    return labels


@pytest.fixture
def superuser_client(client, db):
    admin = get_user_model().objects.create_superuser("quantri.kiemtra", "qt@example.org", "x")
    client.force_login(admin)
    return client


def test_wagtail_dashboard_renders_in_vietnamese(superuser_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        response = superuser_client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Bảng điều khiển" in html
    assert "Tổng quan trang thông tin" in html
    labels = sidebar_labels(html)
    for label in ["Trang", "Hình ảnh", "Tài liệu", "Báo cáo", "Cài đặt", "Người dùng", "Nhóm", "Đăng xuất"]:
        assert label in labels
    assert "Images" not in labels and "Reports" not in labels


def test_wagtail_page_explorer_and_editor_render_in_vietnamese(
    superuser_client, home_page, django_assert_max_num_queries
):
    with django_assert_max_num_queries(60):
        explorer = superuser_client.get(f"/admin/pages/{home_page.pk}/")
    assert explorer.status_code == 200
    assert "Thêm trang con" in explorer.content.decode()

    with django_assert_max_num_queries(80):
        editor = superuser_client.get(f"/admin/pages/{home_page.pk}/edit/")
    assert editor.status_code == 200
    html = editor.content.decode()
    for label in ["Lưu bản nháp", "Xuất bản", "Nội dung", "Quảng bá", "Xem trước"]:
        assert label in html
    assert "Save draft" not in html


def test_wagtail_login_page_is_vietnamese(client, db):
    # An English browser still gets the Vietnamese admin: only an explicit choice switches it.
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert "Đăng nhập vào trang quản trị" in html
    assert "Quên mật khẩu?" in html
    assert "Ghi nhớ đăng nhập" in html


def test_a_project_app_wording_wins_over_the_vendor_catalogue():
    """Where a project app and the vendor catalogue translate one msgid differently, the app's reads."""
    vendor = compiled_catalogue(VENDOR_LOCALE)
    expected = {}
    # LOCALE_PATHS first, then the apps in INSTALLED_APPS order: the first that translates a msgid wins.
    project_catalogues = [
        compiled_catalogue(Path(settings.BASE_DIR) / "locale"),
        *project_app_catalogues().values(),
    ]
    for catalogue in project_catalogues:
        for msgid, msgstr in catalogue.items():
            if isinstance(msgid, str) and msgid and msgid in vendor and vendor[msgid] != msgstr:
                expected.setdefault(msgid, msgstr)
    assert expected, "no clash to check: the test would prove nothing"
    with translation.override("vi"):
        assert {msgid: translation.gettext(msgid) for msgid in expected} == expected


def test_wagtail_admin_ignores_an_english_browser(superuser_client):
    html = superuser_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "<title>Bảng điều khiển" in html
