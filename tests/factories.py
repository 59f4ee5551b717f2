"""Test data, in one place. Sections per app."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings

from accounts.models import User, UserRole

TEST_PASSWORD = "correct-horse-battery-staple"
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPTESTSECRET234567"


# --- accounts -----------------------------------------------------------------------------

class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    approval = User.Approval.APPROVED
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            UserRole.objects.create(user=self, role=role)
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
            if not settings.HWS_MFA_REQUIRED_ROLES.isdisjoint(extracted or ()):
                TOTP.activate(self, TEST_TOTP_SECRET)
        self.__dict__.pop("role_slugs", None)


def person(*roles: str, **fields) -> User:
    """An approved person holding `roles`, with 2FA set up when a role needs it."""
    return UserFactory(roles=list(roles), **fields)


def has_authenticator(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


# --- agreements ---------------------------------------------------------------------------

def _sha256_of(text: str) -> str:
    from agreements.models import sha256_of

    return sha256_of(text)


class AgreementVersionFactory(factory.django.DjangoModelFactory):
    """A published agreement version; `sha256` is taken over `text`, as publishing does."""

    class Meta:
        model = "agreements.AgreementVersion"

    number = factory.Sequence(lambda n: n + 1)
    title = "WhatsApp Group Chat Agreement"
    text = factory.LazyAttribute(
        lambda o: f"# WhatsApp Group Chat Agreement\n\nVersion {o.number}. Users must not:\n\n"
                  "- Send **offensive or harassing material** to others.\n"
    )
    sha256 = factory.LazyAttribute(lambda o: _sha256_of(o.text))


class SignatureFactory(factory.django.DjangoModelFactory):
    """A signature of `version` (default: a new version) by a new director."""

    class Meta:
        model = "agreements.Signature"

    user = factory.LazyFunction(lambda: person("director"))
    version = factory.SubFactory(AgreementVersionFactory)
    printed_name = factory.LazyAttribute(lambda o: o.user.full_name or o.user.email)
    ip_address = "203.0.113.7"
    user_agent = "Mozilla/5.0 (test)"
    text_sha256 = factory.LazyAttribute(lambda o: o.version.sha256)
# --- policies -----------------------------------------------------------------------------

def policy(officer: User | None = None, *, title: str = "Test Policy", body: str = "",
           approved_on=None, review_due=None, **fields):
    """A published policy (version 1) through the real service, so its invariants hold."""
    from datetime import date

    from accounts.roles import Role
    from policies import services

    return services.publish_version(
        None, by=None, title=title, slug=fields.pop("slug", ""),
        body=body or "## 1. Purpose\n\nA policy for testing.\n",
        approved_on=approved_on or date(2025, 1, 1),
        review_due=review_due or date(2028, 1, 1),
        approved_by=fields.pop("approved_by", "Healthwatch Sutton Board of Directors"),
        responsible_officer=officer or person(Role.CHIEF_EXECUTIVE),
        responsible_officer_title="Chief Executive Officer of Healthwatch Sutton", **fields,
    ).policy


class SocialAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "policies.SocialAccount"

    platform = "facebook"
    handle = factory.Sequence(lambda n: f"@hws{n}")
    url = factory.LazyAttribute(lambda o: f"https://example.org/{o.handle.lstrip('@')}")
    audience = "Sutton residents"
    purpose = "News and calls for experiences."
    status = "active"
    branding_checked = True
    login_location = "Office password manager"
