import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_broker_without_signing_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_healthz_says_which_part_is_down(client, monkeypatch):
    from hws_engage import views

    def broken(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(views.celery_app, "connection_for_write", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"].startswith("error")
