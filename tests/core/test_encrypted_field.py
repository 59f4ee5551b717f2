"""Secrets kept in the database are encrypted with keys from the environment, and a key can be
rotated: the first key encrypts, every listed key decrypts."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from core.encryption import EncryptedTextField

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


class Holder(models.Model):
    secret = EncryptedTextField(blank=True)

    class Meta:
        app_label = "core"
        managed = False

    def __str__(self) -> str:
        return "holder"


def stored(value: str) -> str:
    return Holder._meta.get_field("secret").get_prep_value(value)


def read(raw: str) -> str:
    return Holder._meta.get_field("secret").from_db_value(raw, None, None)


def test_the_stored_value_is_not_the_secret_and_reads_back_as_it(settings):
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    raw = stored("EAAG-page-token")

    assert "EAAG" not in raw
    assert raw != stored("EAAG-page-token")  # randomised: equal secrets do not look equal
    assert read(raw) == "EAAG-page-token"


def test_an_empty_value_stays_empty(settings):
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    assert stored("") == ""
    assert read("") == ""


def test_a_value_encrypted_with_the_old_key_still_reads_after_rotation(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    raw = stored("EAAG-page-token")

    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    assert read(raw) == "EAAG-page-token"
    assert Fernet(NEW_KEY.encode()).decrypt(stored("x").encode()) == b"x"


def test_a_value_no_listed_key_opens_is_a_clear_configuration_error(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    raw = stored("EAAG-page-token")

    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    with pytest.raises(ImproperlyConfigured, match="add the old key after the new one"):
        read(raw)
