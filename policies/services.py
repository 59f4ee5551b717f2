"""Everything that changes a policy or the social media account register: one function per
thing a person does, each in one transaction with its audit record."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.text import slugify

from accounts.models import User
from accounts.roles import Role
from core.audit import record
from core.models import Notice
from core.notices import notify

from .models import (
    CAPACITY_ROLE,
    REVIEW_THRESHOLDS,
    AccountAgreement,
    AccountChangeRequest,
    Capacity,
    Policy,
    PolicyReview,
    PolicyVersion,
    SocialAccount,
)
from .text import PolicyDocument, online_engagement_policy

# --- Policies -------------------------------------------------------------------------------

# Addresses under /policies/ that a policy's slug must not take.
RESERVED_SLUGS = {"new", "accounts"}


def _check_officer(officer: User) -> None:
    if not officer.is_approved or not officer.role_slugs:
        raise ValidationError(
            f"{officer} cannot be the responsible officer: only an approved person with a role "
            "can."
        )


@transaction.atomic
def publish_version(
    policy: Policy | None, *, actor: User | None, title: str, body: str, approved_on: date,
    approved_by: str, review_due: date, responsible_officer: User,
    responsible_officer_title: str, change_note: str = "", slug: str = "",
) -> PolicyVersion:
    """Publish a policy's next version (or its first, when `policy` is None). Earlier versions
    stay as they were; the policy's review date becomes the new version's."""
    _check_officer(responsible_officer)
    if review_due <= approved_on:
        raise ValidationError("The review date must be after the approval date.")
    if policy is None:
        slug = slugify(slug or title)[:80]
        if slug in RESERVED_SLUGS:
            slug = f"{slug}-policy"
        if not slug:
            raise ValidationError("The title needs at least one letter or number.")
        if Policy.objects.filter(slug=slug).exists():
            raise ValidationError(f"There is already a policy called “{title}”.")
        policy = Policy.objects.create(slug=slug)
        number = 1
    else:
        policy = Policy.objects.select_for_update().get(pk=policy.pk)
        current = policy.current_version
        if current is not None and (current.title, current.body.strip()) == (
            title, body.strip()
        ) and (current.approved_on, current.review_due) == (approved_on, review_due):
            raise ValidationError(
                "Nothing has changed from the current version: there is nothing to publish."
            )
        number = (policy.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = PolicyVersion.objects.create(
        policy=policy, number=number, title=title, body=body, approved_on=approved_on,
        approved_by=approved_by, review_due=review_due, responsible_officer=responsible_officer,
        responsible_officer_title=responsible_officer_title, change_note=change_note,
        published_by=actor,
    )
    policy.current_version = version
    policy.review_due = review_due
    policy.save(update_fields=["current_version", "review_due"])
    record(actor, "policies.publish_version", version, number=number,
           approved_on=approved_on.isoformat(), review_due=review_due.isoformat())
    return version


ONLINE_ENGAGEMENT_SLUG = "online-engagement-policy"


@transaction.atomic
def load_policy_document(
    officer: User, document: PolicyDocument | None = None, slug: str = ""
) -> tuple[PolicyVersion, bool]:
    """Version 1 of a policy from the customer's text; by default the Online Engagement Policy
    from the repository's own copy. Returns (version, created); loading again changes nothing."""
    doc = document or online_engagement_policy()
    slug = slug or (ONLINE_ENGAGEMENT_SLUG if document is None else slugify(doc.title))
    existing = Policy.objects.filter(slug=slug, current_version__isnull=False).first()
    if existing is not None:
        return existing.versions.get(number=1), False
    version = publish_version(
        None, actor=None, slug=slug, title=doc.title, body=doc.body,
        approved_on=doc.approved_on, approved_by=doc.approved_by, review_due=doc.review_due,
        responsible_officer=officer, responsible_officer_title=doc.responsible_officer_title,
        change_note="The policy as approved, loaded from the customer's text.",
    )
    return version, True


def may_review(user: User, policy: Policy) -> bool:
    return user.has_any_role(Role.MODERATOR, Role.CHIEF_EXECUTIVE) or (
        policy.current_version is not None
        and policy.current_version.responsible_officer_id == user.pk
    )


@transaction.atomic
def record_review(
    policy: Policy, *, actor: User, reviewed_on: date, next_review_due: date, notes: str = "",
) -> PolicyReview:
    """The current version was reviewed: alerts stop, and the next series counts down to
    `next_review_due`."""
    policy = Policy.objects.select_for_update(of=("self",)).select_related("current_version").get(
        pk=policy.pk
    )
    if not may_review(actor, policy):
        raise PermissionDenied("Only the responsible officer, the Chief Executive or a "
                               "moderator can record a review.")
    if policy.current_version is None:
        raise ValidationError("This policy has no published version to review.")
    today = timezone.localdate()
    if reviewed_on > today:
        raise ValidationError("The review date cannot be in the future.")
    if reviewed_on < policy.current_version.approved_on:
        raise ValidationError("The review cannot be before the version was approved.")
    if next_review_due <= today or next_review_due <= reviewed_on:
        raise ValidationError("The next review must be due after today.")
    review = PolicyReview.objects.create(
        version=policy.current_version, reviewed_on=reviewed_on, reviewed_by=actor, notes=notes,
        next_review_due=next_review_due,
    )
    previous_due = policy.review_due
    policy.review_due = next_review_due
    policy.save(update_fields=["review_due"])
    # The reminders about the old date are answered: take them off people's home pages.
    Notice.objects.filter(
        key__startswith=f"{_alert_key_prefix(policy.current_version)}",
        dismissed_at__isnull=True,
    ).update(dismissed_at=timezone.now())
    record(actor, "policies.record_review", policy.current_version,
           reviewed_on=reviewed_on.isoformat(), next_review_due=next_review_due.isoformat(),
           previous_review_due=previous_due.isoformat() if previous_due else None)
    return review


# --- Review alerts ---------------------------------------------------------------------------


def _alert_key_prefix(version: PolicyVersion) -> str:
    return f"policy-version-{version.pk}:review"


def review_alert(days_left: int, today: date) -> tuple[str, str] | None:
    """(threshold, period) of the alert due today, or None. The most urgent threshold reached
    wins, so a day missed by the beat is caught up the next day and never doubled."""
    if days_left < 0:
        year, week, _ = today.isocalendar()
        return "overdue", f"{year}-W{week:02d}"
    for threshold in sorted(REVIEW_THRESHOLDS):
        if days_left <= threshold:
            return f"{threshold}d", ""
    return None


def alert_recipients(policy: Policy) -> list[User]:
    moderators = User.objects.with_role(Role.MODERATOR)
    people = {person.pk: person for person in moderators}
    officer = policy.current_version.responsible_officer
    if officer.is_active and officer.is_approved and officer.roles.exists():
        people.setdefault(officer.pk, officer)
    else:
        # The officer has left: the policy is handed back to the Chief Executive.
        for ceo in User.objects.filter(approval=User.Approval.APPROVED, is_active=True,
                                       roles__role=Role.CHIEF_EXECUTIVE).distinct():
            people.setdefault(ceo.pk, ceo)
    return list(people.values())


def policies_held_by(person: User) -> list[Policy]:
    """The policies whose current version names the person as responsible officer."""
    return list(Policy.objects.filter(current_version__responsible_officer=person)
                .select_related("current_version"))


def send_review_alerts(today: date | None = None) -> int:
    """Tell the responsible officer and the moderators about reviews 90, 30 and 7 days away,
    and weekly once overdue. Safe to run any number of times: `notify` creates each
    (recipient, key, period) once. Returns the number of notices created."""
    today = today or timezone.localdate()
    horizon = today.toordinal() + max(REVIEW_THRESHOLDS)
    policies = Policy.objects.filter(
        current_version__isnull=False, review_due__isnull=False,
        review_due__lte=date.fromordinal(horizon),
    ).select_related("current_version__responsible_officer")
    created = 0
    for policy in policies:
        days_left = (policy.review_due - today).days
        alert = review_alert(days_left, today)
        if alert is None:
            continue
        threshold, period = alert
        version = policy.current_version
        due = date_format(policy.review_due, "j M Y")
        if threshold == "overdue":
            subject = f"{version.title}: review overdue since {due}"
            body = (f"The review of {version.title} (version {version.number}) was due on "
                    f"{due}. Record the review in HWS Engage once it is done; you will be "
                    "reminded each week until then.")
        else:
            subject = f"{version.title}: review due in {days_left} days ({due})"
            body = (f"{version.title} (version {version.number}) is due for review on {due}. "
                    f"Responsible officer: {version.responsible_officer}.")
        notices = notify(
            alert_recipients(policy),
            key=f"{_alert_key_prefix(version)}-{policy.review_due.isoformat()}:{threshold}",
            period=period, subject=subject, body=body,
            url=reverse("policies_detail", args=[policy.slug]),
        )
        if notices:
            record(None, "policies.review_alert", version, threshold=threshold, period=period,
                   recipients=len(notices))
        created += len(notices)
    return created


# --- Social media account register ------------------------------------------------------------


def _require_moderator(user: User) -> None:
    if not user.has_role(Role.MODERATOR):
        raise PermissionDenied("Only a moderator (the Communications Officer) can do this.")


@transaction.atomic
def propose_account(actor: User, *, reason: str, **fields) -> AccountChangeRequest:
    """A moderator proposes a new account: it opens once all three have agreed."""
    _require_moderator(actor)
    account = SocialAccount(status=SocialAccount.Status.PROPOSED, created_by=actor, **fields)
    account.full_clean()
    account.save()
    change = AccountChangeRequest.objects.create(
        account=account, kind=AccountChangeRequest.Kind.OPEN, reason=reason, requested_by=actor
    )
    record(actor, "policies.propose_account", account, request=change.pk, reason=reason)
    _tell_agreers(change)
    return change


@transaction.atomic
def update_account(actor: User, account: SocialAccount, **fields) -> SocialAccount:
    """Details only: the status changes through agreed requests, never here."""
    _require_moderator(actor)
    fields.pop("status", None)
    changed = {}
    for name, value in fields.items():
        if getattr(account, name) != value:
            changed[name] = str(value) if name != "login_location" else "(changed)"
            setattr(account, name, value)
    if not changed:
        return account
    account.full_clean()
    account.save()
    record(actor, "policies.update_account", account, changed=changed)
    return account


@transaction.atomic
def request_change(actor: User, account: SocialAccount, *, kind: str,
                   reason: str) -> AccountChangeRequest:
    """Ask to close an active account, or ask again to open a proposed one."""
    _require_moderator(actor)
    account = SocialAccount.objects.select_for_update().get(pk=account.pk)
    allowed = {
        AccountChangeRequest.Kind.OPEN: SocialAccount.Status.PROPOSED,
        AccountChangeRequest.Kind.CLOSE: SocialAccount.Status.ACTIVE,
    }
    if kind not in allowed or account.status != allowed[kind]:
        raise ValidationError(
            f"{account} is {account.get_status_display().lower()}: it cannot be asked to "
            f"{'open' if kind == 'open' else 'close'} now."
        )
    if account.change_requests.filter(status=AccountChangeRequest.Status.PENDING).exists():
        raise ValidationError(f"{account} already has a request awaiting agreement.")
    change = AccountChangeRequest.objects.create(
        account=account, kind=kind, reason=reason, requested_by=actor
    )
    if kind == AccountChangeRequest.Kind.CLOSE:
        account.status = SocialAccount.Status.CLOSING
        account.save(update_fields=["status"])
    record(actor, f"policies.request_{kind}", account, request=change.pk, reason=reason)
    _tell_agreers(change)
    return change


def capacities_of(user: User) -> list[str]:
    return [cap for cap, role in CAPACITY_ROLE.items() if user.has_role(role)]


def _locked_pending(change: AccountChangeRequest) -> AccountChangeRequest:
    change = AccountChangeRequest.objects.select_for_update(of=("self",)).select_related(
        "account"
    ).get(
        pk=change.pk
    )
    if not change.is_pending:
        raise ValidationError(
            f"This request has already been {change.get_status_display().lower()}: "
            "nothing was changed."
        )
    return change


def _check_capacity(by: User, capacity: str) -> None:
    if capacity not in Capacity.values:
        raise ValidationError("Unknown capacity.")
    if not by.has_role(CAPACITY_ROLE[capacity]):
        raise PermissionDenied(
            f"You cannot act for the {Capacity(capacity).label}: your roles do not include "
            f"{Role(CAPACITY_ROLE[capacity]).label}."
        )


@transaction.atomic
def agree(actor: User, change: AccountChangeRequest, *, capacity: str,
          board_meeting_on: date | None = None, note: str = "") -> AccountAgreement:
    """One of the three agrees. When the third agreement arrives the change takes effect."""
    _check_capacity(actor, capacity)
    change = _locked_pending(change)
    if capacity == Capacity.BOARD:
        if board_meeting_on is None:
            raise ValidationError("Give the date of the Board meeting that agreed.")
        if board_meeting_on > timezone.localdate():
            raise ValidationError("The Board meeting cannot be in the future.")
    else:
        board_meeting_on = None
    if change.agreements.filter(capacity=capacity).exists():
        raise ValidationError(f"The {Capacity(capacity).label} has already agreed.")
    if change.agreements.filter(given_by=actor).exists():
        raise ValidationError("You have already agreed to this request, in another capacity: "
                              "each of the three must be a different person.")
    try:
        with transaction.atomic():
            agreement = AccountAgreement.objects.create(
                request=change, capacity=capacity, given_by=actor,
                board_meeting_on=board_meeting_on, note=note,
            )
    except IntegrityError as exc:  # a simultaneous agreement in the same capacity
        raise ValidationError("That agreement has just been given by someone else.") from exc
    record(actor, "policies.agree", change.account, request=change.pk, kind=change.kind,
           capacity=capacity,
           board_meeting_on=board_meeting_on.isoformat() if board_meeting_on else None)
    _answer_notices(change, recipient=actor)
    given = set(change.agreements.values_list("capacity", flat=True))
    if given == set(Capacity.values):
        _take_effect(change)
    return agreement


def _take_effect(change: AccountChangeRequest) -> None:
    account = change.account
    account.status = (SocialAccount.Status.ACTIVE if change.kind == AccountChangeRequest.Kind.OPEN
                      else SocialAccount.Status.CLOSED)
    account.save(update_fields=["status"])
    _answer_notices(change)
    change.status = AccountChangeRequest.Status.AGREED
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_at"])
    record(None, f"policies.account_{account.status}", account, request=change.pk,
           reason="agreed by the Communications Officer, the Chief Executive and the Board")


@transaction.atomic
def decline(actor: User, change: AccountChangeRequest, *, capacity: str,
            reason: str) -> AccountChangeRequest:
    """Any of the three may decline, with a reason: the request ends and nothing changes."""
    _check_capacity(actor, capacity)
    change = _locked_pending(change)
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why you decline: the reason is kept with the request.")
    if change.agreements.filter(capacity=capacity).exists():
        raise ValidationError(f"The {Capacity(capacity).label} has already agreed to this "
                              "request; an agreement cannot be taken back.")
    change.status = AccountChangeRequest.Status.DECLINED
    change.decided_at = timezone.now()
    change.declined_by = actor
    change.declined_capacity = capacity
    change.decline_reason = reason
    change.save(update_fields=["status", "decided_at", "declined_by", "declined_capacity",
                               "decline_reason"])
    account = change.account
    if change.kind == AccountChangeRequest.Kind.CLOSE:
        account.status = SocialAccount.Status.ACTIVE
        account.save(update_fields=["status"])
    _answer_notices(change)
    record(actor, "policies.decline", account, request=change.pk, kind=change.kind,
           capacity=capacity, reason=reason)
    return change


def _request_key(change: AccountChangeRequest) -> str:
    return f"social-account-request-{change.pk}"


def _answer_notices(change: AccountChangeRequest, recipient: User | None = None) -> None:
    """Take "your agreement is asked" off the home page of whoever no longer needs it."""
    notices = Notice.objects.filter(key=_request_key(change), dismissed_at__isnull=True)
    if recipient is not None:
        notices = notices.filter(recipient=recipient)
    notices.update(dismissed_at=timezone.now())


def _tell_agreers(change: AccountChangeRequest) -> None:
    roles = [Role.CHIEF_EXECUTIVE, Role.CHAIR]
    people = User.objects.with_role(*roles)
    verb = "open" if change.kind == AccountChangeRequest.Kind.OPEN else "close"
    notify(
        people, key=_request_key(change),
        subject=f"Your agreement is asked: {verb} {change.account}",
        body=f"{change.requested_by} asks to {verb} {change.account}: {change.reason}",
        url=reverse("policies_account_request", args=[change.pk]),
    )
