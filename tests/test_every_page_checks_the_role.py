"""Nobody sees a page their role does not need (SPEC, People and roles).

Walks every URL of the project's own apps: each view either declares its roles with
`role_required` — and then answers 403 to every other role and sends anonymous people to sign
in — or is listed below as open to every approved person (or to everyone, for webhooks and the
health check, which authenticate otherwise).
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.roles import Role
from tests.factories import person

PROJECT_APPS = ("hws_engage", "accounts", "core", "moderation", "escalations", "optins",
                "agreements", "policies", "experiences", "reports", "privacy")

# Views any approved, signed-in person may open: each one shows only the person's own things.
OPEN_TO_EVERY_SIGNED_IN_PERSON = {
    "home", "dismiss_notice", "accounts_pending",
    # A person's own WhatsApp page: open to someone whose role ended, to leave and see records.
    "optins_mine", "optins_leave", "optins_cancel",
}
# Views that authenticate by other means (signatures, tokens) or carry nothing private.
NO_SIGN_IN = {"healthz", "privacy_notice", "favicon"}
NO_SIGN_IN_PREFIXES = ("webhook",)


def project_urls():
    found = []

    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                module = getattr(entry.callback, "__module__", "")
                if module.split(".")[0] in PROJECT_APPS:
                    found.append((prefix + str(entry.pattern), entry))

    walk(get_resolver().url_patterns)
    return found


def concrete_path(route: str) -> str:
    route = re.sub(r"<uuid:[^>]+>", "00000000-0000-4000-8000-000000000000", route)
    return "/" + re.sub(r"<(?:int:)?[^>]+>", "999999", route).lstrip("^").rstrip("$")


URLS = project_urls()
ROLE_VIEWS = [(route, p) for route, p in URLS if hasattr(p.callback, "required_roles")]


def test_every_project_view_declares_its_roles_or_is_deliberately_open():
    undeclared = [
        p.name for _, p in URLS
        if not hasattr(p.callback, "required_roles")
        and p.name not in OPEN_TO_EVERY_SIGNED_IN_PERSON | NO_SIGN_IN
        and not (p.name or "").startswith(NO_SIGN_IN_PREFIXES)
    ]
    assert undeclared == [], f"views with no role check: {undeclared}"


@pytest.mark.django_db
@pytest.mark.parametrize("route,pattern", ROLE_VIEWS, ids=[p.name for _, p in ROLE_VIEWS])
def test_each_page_answers_403_to_roles_it_does_not_serve(client, route, pattern):
    path = concrete_path(route)
    allowed = set(pattern.callback.required_roles)
    assert client.get(path).status_code == 302, "anonymous people are sent to sign in"
    for role in Role.values:
        if role in allowed:
            continue
        client.force_login(person(role))
        status = client.get(path).status_code
        if status == 405:  # POST-only: the role check must refuse the POST too
            status = client.post(path).status_code
        assert status == 403, f"{pattern.name} gave {status} to {role}"
        client.logout()


@pytest.mark.django_db
@pytest.mark.parametrize("route,pattern", ROLE_VIEWS, ids=[p.name for _, p in ROLE_VIEWS])
def test_each_page_opens_for_the_roles_it_serves(client, route, pattern):
    if "<" in route:
        pytest.skip("needs an object; covered by the app's own tests")
    path = concrete_path(route)
    for role in pattern.callback.required_roles:
        client.force_login(person(role))
        response = client.get(path)
        assert response.status_code in {200, 302, 405}, f"{path} gave {response.status_code}"
        if response.status_code == 302:
            assert not response["Location"].startswith(("/accounts/login", "/accounts/pending",
                                                         "/accounts/2fa")), path
        client.logout()
