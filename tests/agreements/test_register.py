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
    services.sign(sneaky, v1, printed_name=sneaky.full_name, shown_sha256=v1.sha256)
    person("volunteer", full_name="+44 Plus", email="-minus@example.org")
    rows = {r["Email"]: r for r in _rows(login(person("moderator")))}
    assert rows[sneaky.email]["Name"] == "'=HYPERLINK(\"http://evil\",\"x\")"
    assert rows[sneaky.email]["Printed name"] == "'=HYPERLINK(\"http://evil\",\"x\")"
    assert rows["'-minus@example.org"]["Name"] == "'+44 Plus"


def _make_signers(n: int, versions) -> None:
    for i in range(n):
        user = person(["director", "volunteer", "staff"][i % 3])
        for version in versions[: i % 3]:
            SignatureFactory(user=user, version=version)


@pytest.mark.parametrize("count", [3, 60])
def test_a_page_of_the_register_takes_five_queries_whatever_the_rows(
    django_assert_num_queries, count,
):
    versions = [AgreementVersionFactory(number=1), AgreementVersionFactory(number=2)]
    _make_signers(count, versions)
    # The current version, the counts, the page's people, their roles, their signatures.
    with django_assert_num_queries(5):
        found = selectors.register_page()
        for row in found.page.object_list:
            _ = (row.latest and row.latest.version.number, row.roles, row.status)
    assert len(found.page.object_list) == min(count, selectors.REGISTER_PAGE_SIZE)
    assert sum(found.counts.values()) == count


def test_the_register_pages_through_everyone_and_keeps_the_filter(login):
    AgreementVersionFactory(number=1)
    for i in range(selectors.REGISTER_PAGE_SIZE + 3):
        person("volunteer", full_name=f"Volunteer {i:03d}")
    person("director", full_name="Dee Director")
    client = login(person("moderator"))

    first = client.get(reverse("agreements_register"), {"role": "volunteer"}).content.decode()
    assert "Volunteer 000" in first and "Volunteer 052" not in first
    assert "Page 1 of 2" in first
    assert "?role=volunteer&amp;page=2" in first  # the next page keeps the role
    assert "Never signed: 53" in first  # the counts cover every page

    second = client.get(reverse("agreements_register"), {"role": "volunteer", "page": 2})
    assert "Volunteer 052" in second.content.decode()
    assert "Dee Director" not in second.content.decode()
    # A page number that is not one shows the nearest page rather than an error.
    last = client.get(reverse("agreements_register"), {"role": "volunteer", "page": 99})
    assert "Page 2 of 2" in last.content.decode()


def test_the_csv_export_holds_everyone_not_one_page(login):
    AgreementVersionFactory(number=1)
    for _ in range(selectors.REGISTER_PAGE_SIZE + 3):
        person("staff")
    assert len(_rows(login(person("moderator")))) == selectors.REGISTER_PAGE_SIZE + 3


def test_the_csv_rows_carry_the_signature_of_the_latest_version_signed(login):
    v1 = AgreementVersionFactory(number=1)
    v2 = AgreementVersionFactory(number=2)
    both = person("director", "volunteer", full_name="Bea Both")
    SignatureFactory(user=both, version=v1, printed_name="Bea B")
    latest = SignatureFactory(user=both, version=v2, printed_name="Beatrice Both")
    AgreementVersionFactory(number=3)

    (row,) = _rows(login(person("moderator")))
    assert row["Roles"] == "Director; Volunteer"
    assert row["Status"] == "Signed an older version only"
    assert row["Latest version signed"] == "2"
    assert row["Printed name"] == "Beatrice Both"
    assert row["Reference"] == str(latest.reference)
    assert row["Signed at (UTC)"] == latest.signed_at.strftime("%Y-%m-%d %H:%M:%S")
    assert row["Current version"] == "3"


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["agreements_register", "agreements_register_csv"])
def test_the_register_page_and_export_take_the_same_queries_for_3_or_63_people(
    login, url_name,
):
    versions = [AgreementVersionFactory(number=1), AgreementVersionFactory(number=2)]
    client = login(person("moderator"))
    url = reverse(url_name)
    _make_signers(3, versions)
    client.get(url)  # the session and role caches warm up
    small = _queries(client, url)
    _make_signers(60, versions)
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
