"""Every screen of the admin site opens for an administrator: no crash on any model's list,
add form or a record's page (the administrator approves accounts and edits schedules there)."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from accounts.roles import Role
from tests.factories import person

pytestmark = pytest.mark.django_db


def test_every_admin_list_add_and_change_page_opens(client, settings):
    settings.DEBUG = True  # seed_demo refuses otherwise
    call_command("seed_demo", "--quiet")  # a record of most models, for their change pages
    administrator = person(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(administrator)
    assert client.get(reverse("admin:index")).status_code == 200
    opened = 0
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        response = client.get(changelist)
        assert response.status_code == 200, changelist
        try:
            add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        except NoReverseMatch:
            add = None
        if add:
            assert client.get(add).status_code in {200, 403}, add
        first = model_admin.get_queryset(response.wsgi_request).first()
        if first is not None:
            opened += 1
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
            assert client.get(change).status_code == 200, change
    assert opened >= 20  # the demo data reached most screens
