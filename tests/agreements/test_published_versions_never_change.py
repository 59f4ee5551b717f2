import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from agreements import services
from agreements.models import AgreementVersion, Signature
from core.db import _statements
from core.errors import Refused
from core.models import AppendOnlyError
from tests.factories import person

pytestmark = pytest.mark.django_db

TABLE = "agreements_agreementversion"


def _tamper(version: AgreementVersion, text: str) -> None:
    """Change the text behind the app's back, as someone with the database owner's rights
    could: drop the append-only trigger, then update with raw SQL."""
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, TABLE)[1]:
            cursor.execute(sql)
        cursor.execute(f"UPDATE {TABLE} SET text = %s WHERE id = %s", [text, version.pk])  # noqa: S608


def test_a_published_text_cannot_be_changed_through_the_orm(v1):
    v1.text = "Anything goes."
    with pytest.raises(AppendOnlyError):
        v1.save()
    with pytest.raises(AppendOnlyError):
        AgreementVersion.objects.filter(pk=v1.pk).update(text="Anything goes.")
    with pytest.raises(AppendOnlyError):
        v1.delete()
    v1.refresh_from_db()
    assert v1.is_intact


def test_the_database_refuses_a_raw_update_of_a_published_text(v1):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET text = 'x' WHERE id = %s", [v1.pk])  # noqa: S608
    v1.refresh_from_db()
    assert v1.is_intact


def test_a_change_behind_the_apps_back_is_shown_loudly_and_cannot_be_signed(
    v1, login, post_signature,
):
    _tamper(v1, v1.text.replace("must not", "may"))
    director = person("director")
    page = login(director).get(reverse("agreements_current"))
    assert b'id="agreement-tampered"' in page.content
    assert b"has been changed outside HWS Engage" in page.content
    assert b"Sign the agreement</button>" not in page.content

    response = post_signature(director, v1, follow=True)
    assert b"no longer matches its fingerprint" in response.content
    assert not Signature.objects.exists()
    v1.refresh_from_db()
    with pytest.raises(Refused, match="no longer matches"):
        services.sign(director, v1, printed_name=director.full_name, shown_sha256=v1.sha256)


def test_an_intact_version_shows_no_warning(v1, login):
    page = login(person("director")).get(reverse("agreements_current"))
    assert b'id="agreement-tampered"' not in page.content


def test_signatures_cannot_be_changed_or_deleted(v1):
    signature = services.sign(
        person("director", full_name="Dev Patel"), v1, printed_name="Dev Patel",
        shown_sha256=v1.sha256,
    )
    signature.printed_name = "Someone Else"
    with pytest.raises(AppendOnlyError):
        signature.save()
    with pytest.raises(AppendOnlyError):
        Signature.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE agreements_signature SET printed_name = 'Someone Else'")
    assert Signature.objects.get().printed_name == "Dev Patel"
