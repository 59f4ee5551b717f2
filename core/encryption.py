"""Secrets kept in the database (platform access tokens) are encrypted at rest.

`cryptography`'s Fernet (AES-128-CBC with an HMAC, a timestamp and a version byte) does the
cryptography; MultiFernet gives key rotation: the first key of FIELD_ENCRYPTION_KEYS encrypts,
every key decrypts. The keys come from the environment only, never from SECRET_KEY, so rotating
the one never touches the other. The maintained field packages either derive their key from
SECRET_KEY or do not declare Django 6.1; this field is the few lines they would add.
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: nothing can be encrypted.")
    return MultiFernet([Fernet(key) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


class EncryptedTextField(models.TextField):
    """A text kept encrypted in the database; reads give the plain text back. An empty
    value stays empty (nothing to hide). Not searchable, not sortable: Fernet is randomised."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return fernet().encrypt(value.encode()).decode()

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        try:
            return fernet().decrypt(value.encode()).decode()
        except InvalidToken as exc:
            raise ImproperlyConfigured(
                f"{self.model.__name__}.{self.name} was encrypted with a key that is not in "
                "FIELD_ENCRYPTION_KEYS: add the old key after the new one."
            ) from exc
