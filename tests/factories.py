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


# --- moderation (ingest) -------------------------------------------------------------------

def _moderation_now():
    from django.utils import timezone

    return timezone.now()


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "moderation.Channel"

    platform = "website"
    name = factory.Sequence(lambda n: f"Channel {n}")
    platform_account_id = ""


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "moderation.Author"

    channel = factory.SubFactory(ChannelFactory)
    platform_author_id = factory.Sequence(lambda n: f"author-{n}")
    name = factory.Faker("name", locale="en_GB")


class ItemFactory(factory.django.DjangoModelFactory):
    """An item as stored, unscreened; use moderation.services.ingest for a screened one."""

    class Meta:
        model = "moderation.Item"

    channel = factory.SubFactory(ChannelFactory)
    author = factory.SubFactory(AuthorFactory, channel=factory.SelfAttribute("..channel"))
    platform_item_id = factory.Sequence(lambda n: f"comment-{n}")
    text = "Thank you for the update on the GP surgery."
    posted_at = factory.LazyFunction(lambda: _moderation_now())
    source = "json_webhook"


# --- moderation (queue) --------------------------------------------------------------------

class FindingFactory(factory.django.DjangoModelFactory):
    """A finding over `match` where it first occurs in the item's text."""

    class Meta:
        model = "moderation.Finding"

    item = factory.SubFactory(ItemFactory)
    term = "inappropriate_material"
    kind = "profanity"
    match = factory.LazyAttribute(lambda o: o.item.text.split()[0])
    start = factory.LazyAttribute(lambda o: max(0, o.item.text.find(o.match)))
    end = factory.LazyAttribute(lambda o: o.start + len(o.match))
    severity = 2
    characteristic = ""


def flagged_item(text: str, match: str, *, term: str = "inappropriate_material",
                 kind: str = "profanity", severity: int = 2, characteristic: str = "", **fields):
    """An item whose screening found `match` under `term`, with the item's severity set."""
    item = ItemFactory(text=text, severity=severity, screened_at=_moderation_now(), **fields)
    FindingFactory(item=item, match=match, term=term, kind=kind, severity=severity,
                   characteristic=characteristic)
    return item


# --- moderation (escalations) --------------------------------------------------------------

def escalated(item=None, *, by=None, characteristics=("race",), note="Racist abuse",
              also_delete=False, terms=()):
    """An escalation raised the way the queue raises one: a moderator's "escalate" decision."""
    from accounts.roles import Role
    from moderation.queue_services import decide

    if item is None:
        item = flagged_item("go back to where you came from", "go back to where you came from",
                            term="inappropriate_behaviour", kind="hate", severity=4,
                            characteristic="race", permalink="https://facebook.com/hws/posts/1")
    by = by or person(Role.MODERATOR)
    decision = decide(item_id=item.pk, actor=by, action="escalate",
                      seen=item.decisions.count(), characteristics=list(characteristics),
                      note=note, also_delete=also_delete, terms=list(terms),
                      corrects_id=item.decisions.order_by("decided_at", "pk").values_list(
                          "pk", flat=True).last())
    return decision.escalation
