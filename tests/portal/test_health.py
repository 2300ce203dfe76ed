from django.db import OperationalError
from django.urls import reverse

from portal import views


def test_healthz_answers_ok_without_touching_the_database(client):
    # No db fixture: pytest-django turns any query here into an error.
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"


def test_readyz_reports_every_check(client, db):
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}, "failing": []}


class BrokenCursor:
    def __enter__(self):
        raise OperationalError("connection refused")

    def __exit__(self, *exc):
        return False


def test_readyz_names_a_failing_database(client, db, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(views.connection, "cursor", lambda: BrokenCursor())
        response = client.get(reverse("readyz"))
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["database"]
    assert body["checks"]["cache"] == "ok"


def test_readyz_names_a_failing_cache(client, db, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(views.cache, "set", refuse)
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]


def test_readyz_rejects_writes(client, db):
    assert client.post(reverse("readyz")).status_code == 405
