"""Test data, in one place. Sections per app."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings

from accounts.models import User, UserRole
from moderation.models import TERM_FIELDS

# A random British name, without the apostrophe some have (O'Brien): a page escapes it, so a
# test that looks for the name in a page would fail on a few runs in a hundred. A test about
# apostrophes names its person itself.
PLAIN_NAME = factory.LazyFunction(
    lambda: factory.Faker._get_faker(locale="en_GB").name().replace("'", "")
)

TEST_PASSWORD = "correct-horse-battery-staple"
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPTESTSECRET234567"


# --- accounts -----------------------------------------------------------------------------

class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = PLAIN_NAME
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
    name = PLAIN_NAME


class ItemFactory(factory.django.DjangoModelFactory):
    """An item as stored, unscreened; use moderation.intake.services.ingest for a screened one."""

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
        skip_postgeneration_save = True

    item = factory.SubFactory(ItemFactory)
    term = "inappropriate_material"
    kind = "profanity"
    match = factory.LazyAttribute(lambda o: o.item.text.split()[0])
    start = factory.LazyAttribute(lambda o: max(0, o.item.text.find(o.match)))
    end = factory.LazyAttribute(lambda o: o.start + len(o.match))
    severity = 2
    characteristic = ""

    @factory.post_generation
    def marks_its_item(finding, create, extracted, **kwargs):
        """As the intake services do: the item marks the terms of its findings."""
        if create:
            item = finding.item
            item.set_terms(item.findings.all())
            item.save(update_fields=TERM_FIELDS)


def flagged_item(text: str, match: str, *, term: str = "inappropriate_material",
                 kind: str = "profanity", severity: int = 2, characteristic: str = "", **fields):
    """An item whose screening found `match` under `term`, with the item's severity set."""
    item = ItemFactory(text=text, severity=severity, screened_at=_moderation_now(), **fields)
    FindingFactory(item=item, match=match, term=term, kind=kind, severity=severity,
                   characteristic=characteristic)
    return item


# --- optins -------------------------------------------------------------------------------

# Real-format UK mobiles that phonenumbers accepts (Ofcom's drama range 07700 900xxx is
# reported invalid by phonenumbers, so it cannot stand in for a real mobile here).
TEST_MOBILE = "+447400123456"


def whatsapp_group(slug: str = "volunteers"):
    """The groups come from a data migration; look one up."""
    from optins.models import Group

    return Group.objects.get(slug=slug)


def sign_current_agreement(user):
    """`user` signs the current agreement through the agreements app's own service
    (a version is published first if there is none); nothing new if they already have."""
    from agreements import selectors as agreement_selectors
    from agreements import services as agreement_services

    if agreement_selectors.has_signed_current(user):
        return None
    version = agreement_selectors.current_version() or AgreementVersionFactory()
    return agreement_services.sign(user, version, printed_name=user.full_name or user.email,
                                   shown_sha256=version.sha256, ip_address="203.0.113.7",
                                   user_agent="Mozilla/5.0 (test)")


def signer(*roles: str, **fields) -> User:
    """A person who has signed the current agreement (published first if there is none)."""
    someone = person(*roles, **fields)
    sign_current_agreement(someone)
    return someone


class OptInRequestFactory(factory.django.DjangoModelFactory):
    """A pending request from the app's form by a new volunteer for the Volunteers group."""

    class Meta:
        model = "optins.OptInRequest"

    person = factory.LazyFunction(lambda: person("volunteer"))
    group = factory.LazyFunction(lambda: whatsapp_group("volunteers"))
    channel = "app_form"
    mobile = factory.Sequence(lambda n: f"+4474001{n:05d}")
    permission_text = "I give permission (test)."


class MembershipFactory(factory.django.DjangoModelFactory):
    """A current member, through an added request."""

    class Meta:
        model = "optins.Membership"

    request = factory.SubFactory(OptInRequestFactory, status="added")
    person = factory.SelfAttribute("request.person")
    group = factory.SelfAttribute("request.group")
    mobile = factory.SelfAttribute("request.mobile")
    joined_at = factory.LazyFunction(lambda: _now())


def _now():
    from django.utils import timezone

    return timezone.now()

# --- policies -----------------------------------------------------------------------------

def policy(officer: User | None = None, *, title: str = "Test Policy", body: str = "",
           approved_on=None, review_due=None, **fields):
    """A published policy (version 1) through the real service, so its invariants hold."""
    from datetime import date

    from accounts.roles import Role
    from policies import services

    return services.publish_version(
        None, actor=None, title=title, slug=fields.pop("slug", ""),
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

# --- moderation (escalations) --------------------------------------------------------------

def escalated(item=None, *, by=None, characteristics=("race",), note="Racist abuse",
              also_delete=False, terms=()):
    """An escalation raised the way the queue raises one: a moderator's "escalate" decision."""
    from accounts.roles import Role
    from moderation.queue.services import decide

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


HATEFUL_GROUP_POST = "Said in the group: people of that religion should be kept out of Sutton."


def group_breach(membership=None, *, by=None, what_happened=HATEFUL_GROUP_POST,
                 rule_slug="offensive-or-harassing", action="written_warning"):
    """A breach of the WhatsApp Group Chat Agreement, recorded by a moderator's service."""
    from accounts.roles import Role
    from optins.models import AgreementRule
    from optins.services import record_breach

    return record_breach(by or person(Role.MODERATOR), membership or MembershipFactory(),
                         AgreementRule.objects.get(slug=rule_slug), what_happened, action)


def group_escalated(breach=None, *, by=None, characteristics=("religion_or_belief",),
                    note="Hostility to a faith group, in the group"):
    """An escalation raised the way a moderator raises one from a WhatsApp group's breach."""
    from accounts.roles import Role
    from escalations.services import raise_from_breach

    by = by or person(Role.MODERATOR)
    breach = breach or group_breach(by=by)
    return raise_from_breach(breach.pk, by, characteristics=list(characteristics), note=note)


# --- experiences --------------------------------------------------------------------------

def service(name: str):
    """The services come from a data migration; look one up."""
    from experiences.models import Service

    return Service.objects.get(name=name)


def theme(name: str):
    from experiences.models import Theme

    return Theme.objects.get(name=name)


def experience(*, on, service_name: str = "GP practices", themes=("Access",),
               sentiment: str = "negative", text: str = "Could not get an appointment.",
               by=None, item=None):
    """An experience as a moderator records it: from `item`, else logged from a phone call."""
    from experiences.models import Experience

    e = Experience.objects.create(
        source="comment" if item else "phone", item=item,
        channel=item.channel if item else None, service=service(service_name),
        sentiment=sentiment, happened_on=on, masked_text=text,
        recorded_by=by or person("moderator"))
    e.themes.set([theme(t) for t in themes])
    return e
