import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements import selectors, services
from tests.factories import AgreementVersionFactory, SignatureFactory, person

pytestmark = pytest.mark.django_db


def _rows(client, **params):
    response = client.get(reverse("agreements_register_csv"), params)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_after_a_new_version_the_register_tells_current_older_and_never_apart(login):
    v1 = AgreementVersionFactory(number=1)
    both = person("director", full_name="Bea Both")
    only_v1 = person("volunteer", full_name="Olly Old")
    person("staff", full_name="Nell Never")
    person("moderator", full_name="Mo Moderator")  # not a signer: not in the register
    SignatureFactory(user=both, version=v1)
    SignatureFactory(user=only_v1, version=v1)
    v2 = AgreementVersionFactory(number=2)
    SignatureFactory(user=both, version=v2)

    client = login(person("moderator"))
    rows = {r["Name"]: r for r in _rows(client)}
    assert set(rows) == {"Bea Both", "Olly Old", "Nell Never"}
    assert rows["Bea Both"]["Status"] == "Signed the current version"
    assert rows["Bea Both"]["Latest version signed"] == "2"
    assert rows["Olly Old"]["Status"] == "Signed an older version only"
    assert rows["Olly Old"]["Latest version signed"] == "1"
    assert rows["Nell Never"]["Status"] == "Never signed"
    assert rows["Nell Never"]["Latest version signed"] == ""

    page = client.get(reverse("agreements_register"))
    assert b"Olly Old" in page.content and b"Signed an older version only" in page.content


def test_the_register_filters_by_role_and_status(login):
    v1 = AgreementVersionFactory(number=1)
    director = person("director", full_name="Dee Director")
    person("volunteer", full_name="Vic Volunteer")
    SignatureFactory(user=director, version=v1)
    client = login(person("chief_executive"))
    assert [r["Name"] for r in _rows(client, role="volunteer")] == ["Vic Volunteer"]
    assert [r["Name"] for r in _rows(client, status="current")] == ["Dee Director"]
    assert [r["Name"] for r in _rows(client, status="never")] == ["Vic Volunteer"]
    page = client.get(reverse("agreements_register"), {"role": "director"})
    assert b"Dee Director" in page.content and b"Vic Volunteer" not in page.content


def test_the_csv_export_defuses_formulas(login):
    v1 = AgreementVersionFactory(number=1)
    sneaky = person("director", full_name="=HYPERLINK(\"http://evil\",\"x\")")
    services.sign(sneaky, v1, printed_name="@SUM(A1)", shown_sha256=v1.sha256)
    person("volunteer", full_name="+44 Plus", email="-minus@example.org")
    rows = {r["Email"]: r for r in _rows(login(person("moderator")))}
    assert rows[sneaky.email]["Name"] == "'=HYPERLINK(\"http://evil\",\"x\")"
    assert rows[sneaky.email]["Printed name"] == "'@SUM(A1)"
    assert rows["'-minus@example.org"]["Name"] == "'+44 Plus"


def _make_signers(n: int, versions) -> None:
    for i in range(n):
        user = person(["director", "volunteer", "staff"][i % 3])
        for version in versions[: i % 3]:
            SignatureFactory(user=user, version=version)


@pytest.mark.parametrize("count", [3, 15])
def test_the_register_selector_takes_four_queries_whatever_the_rows(
    django_assert_num_queries, count,
):
    versions = [AgreementVersionFactory(number=1), AgreementVersionFactory(number=2)]
    _make_signers(count, versions)
    # The current version, the people, their roles, their signatures with the versions.
    with django_assert_num_queries(4):
        _, rows = selectors.register()
        for row in rows:
            _ = (row.latest and row.latest.version.number, row.roles, row.status)
    assert len(rows) == count


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["agreements_register", "agreements_register_csv"])
def test_the_register_page_and_export_take_the_same_queries_for_3_or_18_people(
    login, url_name,
):
    versions = [AgreementVersionFactory(number=1), AgreementVersionFactory(number=2)]
    client = login(person("moderator"))
    url = reverse(url_name)
    _make_signers(3, versions)
    client.get(url)  # the session and role caches warm up
    small = _queries(client, url)
    _make_signers(15, versions)
    assert _queries(client, url) == small


@pytest.mark.parametrize("params", [{"role": "zzz"}, {"status": "unsigned"},
                                    {"role": "director", "status": "nope"}])
def test_the_csv_export_refuses_an_unknown_filter_rather_than_exporting_everyone(login, params):
    AgreementVersionFactory(number=1)
    person("director", full_name="Dee Director")
    person("volunteer", full_name="Val Volunteer")
    response = login(person("moderator")).get(reverse("agreements_register_csv"), params)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Unknown filter" in body
    assert "Val Volunteer" not in body and "Dee Director" not in body


@pytest.mark.parametrize("name", [
    "\uff1dHYPERLINK(\"http://evil\")",  # full-width equals sign
    "\u200b=1+1",  # zero-width space, then =
    "\u2060\ufeff@SUM(A1)",  # word joiner and BOM, then @
    "\ufe62cmd",  # small plus sign
    "\uff0d2+3",  # full-width hyphen-minus
    " =1+1",  # a space, then =
    "\tTabbed", "\rReturned",
])
def test_the_csv_export_defuses_formulas_hidden_by_unicode_or_invisible_characters(login, name):
    person("director", full_name=name, email="hidden@example.org")
    rows = {r["Email"]: r for r in _rows(login(person("moderator")))}
    assert rows["hidden@example.org"]["Name"] == "'" + name


def test_the_csv_export_leaves_ordinary_text_alone(login):
    person("director", full_name="Zoë O'Brien – Chair", email="plain@example.org")
    rows = {r["Email"]: r for r in _rows(login(person("moderator")))}
    assert rows["plain@example.org"]["Name"] == "Zoë O'Brien – Chair"
