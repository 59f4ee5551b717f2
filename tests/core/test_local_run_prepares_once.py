"""`dev.py run` on a second start: the demo data is there, so nothing is seeded again and
nothing is migrated; one start of Django prepares the database and then serves."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from core.management.commands.run_local import Command as RunLocal
from core.models import DemoData


@pytest.fixture
def debug(settings):
    settings.DEBUG = True  # seed_demo refuses otherwise


@pytest.mark.django_db
def test_demo_data_is_loaded_once_and_a_second_seed_reads_one_row(
    debug, django_assert_num_queries
):
    call_command("seed_demo", "--quiet")
    assert DemoData.objects.count() == 1
    moderator = User.objects.get(email="moderator@example.org")
    moderator.full_name = "Renamed while trying the app"
    moderator.save()

    with django_assert_num_queries(1):
        call_command("seed_demo", "--quiet")

    moderator.refresh_from_db()
    assert moderator.full_name == "Renamed while trying the app"  # left alone
    assert DemoData.objects.count() == 1


@pytest.mark.django_db
def test_seed_demo_again_repairs_the_demo_people(debug):
    call_command("seed_demo", "--quiet")
    User.objects.filter(email="moderator@example.org").update(full_name="Broken")

    call_command("seed_demo", "--quiet", "--again")

    assert User.objects.get(email="moderator@example.org").full_name == "Morgan Reed"
    assert DemoData.objects.count() == 1


@pytest.mark.django_db
def test_the_accounts_are_printed_on_every_start_even_when_nothing_is_seeded(debug):
    call_command("seed_demo", "--quiet")
    out = StringIO()

    call_command("seed_demo", stdout=out)

    printed = out.getvalue()
    assert "moderator@example.org" in printed and "hws-demo-2026" in printed
    assert "newcomer@example.org       (awaiting approval)" in printed


@pytest.mark.django_db
def test_a_prepared_database_is_neither_migrated_nor_seeded_again(
    debug, django_assert_max_num_queries
):
    call_command("seed_demo", "--quiet")

    # The migration plan (the table of applied migrations) and the demo-data marker: a
    # `migrate` or a seeding would take hundreds of queries.
    with django_assert_max_num_queries(3):
        RunLocal(stdout=StringIO()).prepare()


@pytest.mark.django_db
def test_an_empty_database_is_seeded_on_the_first_start(debug):
    assert not User.objects.filter(email="moderator@example.org").exists()

    RunLocal(stdout=StringIO()).prepare()

    assert User.objects.filter(email="moderator@example.org").exists()
    assert DemoData.objects.exists()
