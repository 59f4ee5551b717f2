"""With `PORT=8101 python3 dev.py run`, links in emails point at :8101, where the app is."""

import pytest
from django.core import mail

import dev
from core.notices import notify
from tests.factories import person


def test_a_local_run_on_another_port_puts_that_port_in_site_url():
    assert dev.run_environment({"PORT": "8101"})["SITE_URL"] == "http://127.0.0.1:8101"
    assert dev.run_environment({})["SITE_URL"] == "http://127.0.0.1:8000"


def test_an_explicit_site_url_is_kept():
    env = dev.run_environment({"PORT": "8101", "SITE_URL": "https://engage.example.org"})
    assert env["SITE_URL"] == "https://engage.example.org"


@pytest.mark.django_db
def test_a_notice_email_links_to_site_url(settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = dev.run_environment({"PORT": "8101"})["SITE_URL"]
    with django_capture_on_commit_callbacks(execute=True):
        notify([person("director")], key="hello", subject="Hello", body="Body",
               url="/agreements/")
    assert "http://127.0.0.1:8101/agreements/" in mail.outbox[-1].body
