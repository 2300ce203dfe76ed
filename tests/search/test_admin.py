"""Editors manage synonyms in the admin and read the queries that found nothing."""

from django.contrib.auth.models import Group
from django.utils import timezone

import pytest

from portal.accounts.models import User
from portal.accounts.roles import ROLE_GROUP_NAMES, Role
from search.models import FailedQueryKind, Synonym, ZeroResultQuery
from search.selectors import synonyms_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    user = User.objects.create_user(username="bientap", password="x", full_name="Biên Tập")
    user.groups.add(Group.objects.get(name=ROLE_GROUP_NAMES[Role.EDITOR]))
    return user


def test_default_synonyms_are_shipped():
    assert Synonym.objects.filter(phrase="sổ đỏ", official_term="giấy chứng nhận quyền sử dụng đất").exists()
    assert Synonym.objects.filter(
        phrase_folded="lam khai sinh", official_term_folded="dang ki khai sinh"
    ).exists()


def test_editor_adds_a_synonym_in_the_admin_and_search_uses_it_at_once(client, editor):
    client.force_login(editor)
    assert not Synonym.objects.filter(phrase_folded="lam visa").exists()
    synonyms_list()  # cached now: saving must clear it
    listing = client.get("/admin/search/synonym/")
    assert listing.status_code == 200
    response = client.post(
        "/admin/search/synonym/create/", {"phrase": "Làm Visa", "official_term": "cấp hộ chiếu phổ thông"}
    )
    assert response.status_code == 302
    synonym = Synonym.objects.get(phrase="Làm Visa")
    assert (synonym.phrase_folded, synonym.official_term_folded) == ("lam visa", "cap ho chieu pho thong")
    assert (("lam", "visa"), ("cap", "ho", "chieu", "pho", "thong")) in synonyms_list()


def test_a_synonym_already_in_the_dictionary_is_refused_with_a_message(client, editor):
    client.force_login(editor)
    before = Synonym.objects.count()
    response = client.post(
        "/admin/search/synonym/create/",
        {"phrase": "SO DO", "official_term": "Giấy chứng nhận quyền sử dụng đất"},
    )
    assert response.status_code == 200
    assert "Từ đồng nghĩa này đã có trong từ điển." in response.content.decode()
    assert Synonym.objects.count() == before


def test_zero_result_queries_are_listed_read_only_for_editors(client, editor):
    ZeroResultQuery.objects.create(query_text="xin giay phep nuoi cho", day=timezone.localdate(), count=3)
    client.force_login(editor)
    listing = client.get("/admin/search/zeroresultquery/")
    assert listing.status_code == 200
    assert "xin giay phep nuoi cho" in listing.content.decode()
    assert client.get("/admin/search/zeroresultquery/create/").status_code in (302, 403)
    row = ZeroResultQuery.objects.get()
    assert client.get(f"/admin/search/zeroresultquery/edit/{row.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/search/zeroresultquery/delete/{row.pk}/").status_code in (302, 403)
    assert ZeroResultQuery.objects.filter(pk=row.pk).exists()


def test_citizens_cannot_reach_the_search_admin(client):
    citizen = User.objects.create_user(username="dan", password="x", full_name="Người Dân")
    client.force_login(citizen)
    assert client.get("/admin/search/synonym/").status_code == 302


def test_editors_see_the_most_frequent_failed_queries_and_add_one_as_synonym(client, editor):
    today = timezone.localdate()
    ZeroResultQuery.objects.create(query_text="lam visa", day=today, kind=FailedQueryKind.NO_CLICK, count=2)
    ZeroResultQuery.objects.create(query_text="lam visa", day=today - timezone.timedelta(days=3), count=5)
    ZeroResultQuery.objects.create(query_text="xin so hong", day=today, count=1)
    ZeroResultQuery.objects.create(query_text="so do", day=today, count=4)  # already a synonym
    ZeroResultQuery.objects.create(query_text="rat cu", day=today - timezone.timedelta(days=40), count=99)
    client.force_login(editor)

    response = client.get("/admin/search/failed-queries/")
    assert response.status_code == 200
    rows = [
        (row["query"].query_text, row["query"].zero_results, row["query"].no_click)
        for row in response.context["rows"]
    ]
    assert rows == [("lam visa", 5, 2), ("so do", 4, 0), ("xin so hong", 1, 0)]  # older than 30 days: gone
    html = response.content.decode()
    assert "Tìm kiếm thất bại thường gặp" in html and "Đã có từ đồng nghĩa" in html
    assert 'href="/admin/search/synonym/create/?phrase=lam+visa"' in html

    form = client.get("/admin/search/synonym/create/", {"phrase": "lam visa"})
    assert 'value="lam visa"' in form.content.decode()
    client.post("/admin/search/synonym/create/", {"phrase": "lam visa", "official_term": "cấp hộ chiếu"})
    assert Synonym.objects.filter(phrase_folded="lam visa", official_term_folded="cap ho chieu").exists()
    assert "Đã có từ đồng nghĩa" in client.get("/admin/search/failed-queries/").content.decode()


def test_the_failed_query_view_needs_the_editor_permission(client):
    staff = User.objects.create_user(username="canbo", password="x", full_name="Cán Bộ", is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/search/failed-queries/").status_code in (302, 403)
