"""The periodic-task admin page (django-celery-beat) works under the strict CSP: its script is a
static file of our own, not the package's inline script that the policy blocks."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from playwright.sync_api import expect

from accounts.roles import Role
from tests.factories import person


def _weekly_task() -> tuple[PeriodicTask, CrontabSchedule]:
    """A task run on Mondays at 9, and another crontab to switch it to."""
    monday = CrontabSchedule.objects.create(minute="0", hour="9", day_of_week="1",
                                            timezone="Europe/London")
    early = CrontabSchedule.objects.create(minute="30", hour="7", timezone="Europe/London")
    task = PeriodicTask.objects.create(name="Weekly test reminder", task="core.test",
                                       crontab=monday)
    return task, early


@pytest.mark.django_db
def test_the_page_runs_no_inline_script_and_its_own_script_is_served(client):
    task, _ = _weekly_task()
    client.force_login(person(Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    response = client.get(
        reverse("admin:django_celery_beat_periodictask_change", args=[task.pk]))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    html = response.content.decode()
    scripts = re.findall(r"<script\b([^>]*)>", html)
    inline = [attrs for attrs in scripts
              if "src=" not in attrs and 'type="application/json"' not in attrs]
    assert inline == []
    assert any("js/periodic_tasks_admin.js" in attrs for attrs in scripts)
    assert finders.find("js/periodic_tasks_admin.js")
    assert 'id="readable-crontabs"' in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_choosing_a_crontab_says_in_words_when_it_runs(page, sign_in, screenshot):
    task, early = _weekly_task()
    admin = person(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    sign_in(page, admin)
    page.goto(reverse("admin:django_celery_beat_periodictask_change", args=[task.pk]))
    help_text = page.locator(".field-crontab .help")
    expect(help_text).to_contain_text("Translation: At 09:00 AM, only on Monday")
    page.locator("#id_crontab").select_option(value=str(early.pk))
    expect(help_text).to_contain_text("Translation: At 07:30 AM")
    screenshot(page, "admin-periodic-task-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "admin-periodic-task-390")
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
