import pytest
from django.urls import reverse

from agreements import services


@pytest.fixture
def v1(db):
    """The policy's wording, published as version 1 as `load_agreement` does."""
    return services.load_seed_version()


@pytest.fixture
def post_signature(login):
    """POST the signing form as `user` would, with the hash of the text they were shown."""

    def _post(user, version, *, agreed=True, printed_name=None, sha256=None, **extra):
        data = {"sha256": sha256 if sha256 is not None else version.sha256}
        if agreed:
            data["agreed"] = "on"
        data["printed_name"] = user.full_name if printed_name is None else printed_name
        return login(user).post(reverse("agreements_current"), data, **extra)

    return _post
