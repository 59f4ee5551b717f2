"""The navigation shows what the person's roles allow, grouped so it fits a phone."""

import pytest

from accounts.roles import Role
from tests.factories import person

pytestmark = pytest.mark.django_db


def nav_labels(response) -> list[str]:
    def labels(entry):
        return [entry["label"], *[c["label"] for c in entry.get("children", ())]]

    return [label for entry in response.context["nav"] for label in labels(entry)]


def test_a_volunteer_sees_only_their_own_parts(login):
    labels = nav_labels(login(person(Role.VOLUNTEER)).get("/"))
    assert "Sign the agreement" in labels and "WhatsApp" in labels
    assert not {"Queue", "Agreement register", "Channels", "Social media accounts"} & set(labels)


def test_a_moderator_gets_the_moderation_pages_in_one_menu(login):
    nav = login(person(Role.MODERATOR)).get("/").context["nav"]
    moderation = next(e for e in nav if e["label"] == "Moderation")
    assert [c["label"] for c in moderation["children"]][:3] == [
        "Queue", "To do by hand", "Blocked authors"
    ]


def test_the_page_in_use_is_marked_current(login):
    response = login(person(Role.MODERATOR)).get("/moderation/")
    assert b'aria-current="page" href="/moderation/"' in response.content


def test_import_and_log_a_comment_are_in_the_moderation_menu(login):
    nav = login(person(Role.MODERATOR)).get("/").context["nav"]
    moderation = next(e for e in nav if e["label"] == "Moderation")
    urls = {c["label"]: c["url"] for c in moderation["children"]}
    assert urls["Import a CSV"] == "/moderation/import/"
    assert urls["Log a comment"] == "/moderation/log/"
