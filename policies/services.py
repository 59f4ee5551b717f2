"""Everything that changes a policy or the social media account register: one function per
thing a person does, each in one transaction with its audit record."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.text import slugify

from accounts.models import User
from accounts.roles import Role
from core.audit import record
from core.errors import Refused
from core.models import Notice
from core.notices import notify

from .models import (
    CAPACITY_ROLE,
    POSTING_REVIEW_DAYS,
    READING_ROLES,
    REVIEW_THRESHOLDS,
    AccountAgreement,
    AccountChangeRequest,
    Capacity,
    Policy,
    PolicyReading,
    PolicyReview,
    PolicyVersion,
    PostingAuthorisation,
    SocialAccount,
)
from .selectors import readers
from .text import PolicyDocument, online_engagement_policy

# --- Policies -------------------------------------------------------------------------------

# Addresses under /policies/ that a policy's slug must not take.
RESERVED_SLUGS = {"new", "accounts"}


def _check_officer(officer: User) -> None:
    if not officer.is_approved or not officer.role_slugs:
        raise Refused(
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
        raise Refused("The review date must be after the approval date.")
    if policy is None:
        slug = slugify(slug or title)[:80]
        if slug in RESERVED_SLUGS:
            slug = f"{slug}-policy"
        if not slug:
            raise Refused("The title needs at least one letter or number.")
        if Policy.objects.filter(slug=slug).exists():
            raise Refused(f"There is already a policy called “{title}”.")
        policy = Policy.objects.create(slug=slug)
        number = 1
    else:
        policy = Policy.objects.select_for_update().get(pk=policy.pk)
        current = policy.current_version
        if current is not None and (current.title, current.body.strip()) == (
            title, body.strip()
        ) and (current.approved_on, current.review_due) == (approved_on, review_due):
            raise Refused(
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
    transaction.on_commit(lambda: ask_to_read(version))
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
        raise Refused("This policy has no published version to review.")
    today = timezone.localdate()
    if reviewed_on > today:
        raise Refused("The review date cannot be in the future.")
    if reviewed_on < policy.current_version.approved_on:
        raise Refused("The review cannot be before the version was approved.")
    if next_review_due <= today or next_review_due <= reviewed_on:
        raise Refused("The next review must be due after today.")
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
    _requester_agrees(change, actor)
    _tell_agreers(change)
    return change


def _requester_agrees(change: AccountChangeRequest, actor: User) -> None:
    """The Communications Officer who asks for a change has agreed to it by asking."""
    AccountAgreement.objects.create(
        request=change, capacity=Capacity.COMMUNICATIONS_OFFICER, given_by=actor,
        note="Agreed by making the request.",
    )
    record(actor, "policies.agree", change.account, request=change.pk, kind=change.kind,
           capacity=Capacity.COMMUNICATIONS_OFFICER, board_meeting_on=None)


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
    opening = agreed_opening(account) if account.branding_checked else None
    if opening is not None:
        Notice.objects.filter(key=f"social-account-branding-{account.pk}",
                              dismissed_at__isnull=True).update(dismissed_at=timezone.now())
        _change_status(opening)
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
        raise Refused(
            f"{account} is {account.get_status_display().lower()}: it cannot be asked to "
            f"{'open' if kind == 'open' else 'close'} now."
        )
    if account.change_requests.filter(status=AccountChangeRequest.Status.PENDING).exists():
        raise Refused(f"{account} already has a request awaiting agreement.")
    if kind == AccountChangeRequest.Kind.OPEN and agreed_opening(account) is not None:
        raise Refused(f"Opening {account} is already agreed: it opens once its branding "
                              "is checked.")
    change = AccountChangeRequest.objects.create(
        account=account, kind=kind, reason=reason, requested_by=actor
    )
    if kind == AccountChangeRequest.Kind.CLOSE:
        account.status = SocialAccount.Status.CLOSING
        account.save(update_fields=["status"])
    record(actor, f"policies.request_{kind}", account, request=change.pk, reason=reason)
    _requester_agrees(change, actor)
    _tell_agreers(change)
    return change


def _locked_pending(change: AccountChangeRequest) -> AccountChangeRequest:
    change = AccountChangeRequest.objects.select_for_update(of=("self",)).select_related(
        "account"
    ).get(
        pk=change.pk
    )
    if not change.is_pending:
        raise Refused(
            f"This request has already been {change.get_status_display().lower()}: "
            "nothing was changed."
        )
    return change


def _check_capacity(actor: User, capacity: str) -> None:
    if capacity not in Capacity.values:
        raise Refused("Unknown capacity.")
    if not actor.has_role(CAPACITY_ROLE[capacity]):
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
            raise Refused("Give the date of the Board meeting that agreed.")
        if board_meeting_on > timezone.localdate():
            raise Refused("The Board meeting cannot be in the future.")
    else:
        board_meeting_on = None
    if change.agreements.filter(capacity=capacity).exists():
        raise Refused(f"The {Capacity(capacity).label} has already agreed.")
    if change.agreements.filter(given_by=actor).exists():
        raise Refused("You have already agreed to this request, in another capacity: "
                              "each of the three must be a different person.")
    try:
        with transaction.atomic():
            agreement = AccountAgreement.objects.create(
                request=change, capacity=capacity, given_by=actor,
                board_meeting_on=board_meeting_on, note=note,
            )
    except IntegrityError as exc:  # a simultaneous agreement in the same capacity
        raise Refused("That agreement has just been given by someone else.") from exc
    record(actor, "policies.agree", change.account, request=change.pk, kind=change.kind,
           capacity=capacity,
           board_meeting_on=board_meeting_on.isoformat() if board_meeting_on else None)
    _answer_notices(change, recipient=actor)
    given = set(change.agreements.values_list("capacity", flat=True))
    if given == set(Capacity.values):
        _take_effect(change)
    return agreement


def _take_effect(change: AccountChangeRequest) -> None:
    """All three agreed. An account opens only once its branding is checked (policy §3): until
    then the agreed request waits for the moderator to tick the check."""
    account = change.account
    _answer_notices(change)
    change.status = AccountChangeRequest.Status.AGREED
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_at"])
    if change.kind == AccountChangeRequest.Kind.OPEN and not account.branding_checked:
        record(None, "policies.account_awaits_branding_check", account, request=change.pk)
        notify(
            User.objects.filter(approval=User.Approval.APPROVED, is_active=True,
                                roles__role=Role.MODERATOR).distinct(),
            key=f"social-account-branding-{account.pk}",
            subject=f"Check the branding of {account} before it opens",
            body=f"The Communications Officer, the Chief Executive and the Board have agreed "
                 f"to open {account}. It opens once it is checked against the Healthwatch "
                 "branding guidelines and licence agreement: tick the check on the account.",
            url=reverse("policies_account", args=[account.pk]),
        )
        return
    _change_status(change)


def _change_status(change: AccountChangeRequest) -> None:
    account = change.account
    account.status = (SocialAccount.Status.ACTIVE if change.kind == AccountChangeRequest.Kind.OPEN
                      else SocialAccount.Status.CLOSED)
    account.save(update_fields=["status"])
    record(None, f"policies.account_{account.status}", account, request=change.pk,
           reason="agreed by the Communications Officer, the Chief Executive and the Board")


def agreed_opening(account: SocialAccount) -> AccountChangeRequest | None:
    """The agreed request to open a proposed account that waits only for its branding check."""
    if account.status != SocialAccount.Status.PROPOSED:
        return None
    return account.change_requests.filter(
        kind=AccountChangeRequest.Kind.OPEN, status=AccountChangeRequest.Status.AGREED
    ).order_by("-decided_at").first()


@transaction.atomic
def decline(actor: User, change: AccountChangeRequest, *, capacity: str,
            reason: str) -> AccountChangeRequest:
    """Any of the three may decline, with a reason: the request ends and nothing changes."""
    _check_capacity(actor, capacity)
    change = _locked_pending(change)
    reason = reason.strip()
    if not reason:
        raise Refused("Say why you decline: the reason is kept with the request.")
    if change.agreements.filter(capacity=capacity).exists():
        raise Refused(f"The {Capacity(capacity).label} has already agreed to this "
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


# --- Reading the policy (policy §5) -----------------------------------------------------------

# Staff (the moderator and the CEO are staff too), directors (the Chair is one) and volunteers.
def ask_to_read(version: PolicyVersion) -> int:
    """Ask everyone who must read the policy, and has not confirmed this version, to read it.
    Once per person and version. Returns how many were asked."""
    confirmed = set(version.readings.values_list("person_id", flat=True))
    people = [p for p in readers() if p.pk not in confirmed]
    again = version.number > 1
    sent = notify(
        people, key=f"policy-{version.policy_id}-v{version.number}:read",
        subject=(f"Please read the new version of {version.title}" if again
                 else f"Please read {version.title}"),
        body=(f"Version {version.number} of {version.title} has been published. Staff, "
              "directors and volunteers confirm that they have read it, including what it says "
              "about your own social media (§5)."),
        url=reverse("policies_detail", args=[version.policy.slug]),
    )
    return len(sent)


@transaction.atomic
def confirm_read(person: User, policy: Policy, *, version_number: int) -> PolicyReading:
    """`person` confirms having read the version they were shown, which must be the current
    one. Refused (nothing stored) otherwise, or when already confirmed."""
    if not person.has_any_role(*READING_ROLES):
        raise PermissionDenied("Staff, directors and volunteers confirm that they have read it.")
    policy = Policy.objects.select_related("current_version").get(pk=policy.pk)
    version = policy.current_version
    if version is None or version.number != version_number:
        raise Refused("A new version was published while you were reading: please "
                              "read the new version, then confirm.")
    if version.readings.filter(person=person).exists():
        raise Refused(f"You have already confirmed reading version {version.number}.")
    try:
        with transaction.atomic():
            reading = PolicyReading.objects.create(version=version, person=person)
    except IntegrityError as exc:
        raise Refused(
            f"You have already confirmed reading version {version.number}.") from exc
    Notice.objects.filter(recipient=person, key=f"policy-{policy.pk}-v{version.number}:read",
                          dismissed_at__isnull=True).update(dismissed_at=timezone.now())
    record(person, "policies.confirm_read", version, number=version.number)
    return reading


# --- Who may post (policy §4) -----------------------------------------------------------------


def _require_ceo(user: User) -> None:
    if not user.has_role(Role.CHIEF_EXECUTIVE):
        raise PermissionDenied("Only the Chief Executive authorises who may post.")


@transaction.atomic
def authorise_posting(actor: User, account: SocialAccount, person: User) -> PostingAuthorisation:
    """The Chief Executive authorises `person` to post on `account`."""
    _require_ceo(actor)
    account = SocialAccount.objects.select_for_update().get(pk=account.pk)
    if account.status not in (SocialAccount.Status.ACTIVE, SocialAccount.Status.CLOSING):
        raise Refused(f"{account} is not open: nobody posts on it.")
    if not (person.is_approved and person.is_active and person.role_slugs):
        raise Refused(f"{person} is not an approved member of HWS with a role.")
    try:
        with transaction.atomic():
            authorisation = PostingAuthorisation.objects.create(
                account=account, person=person, authorised_by=actor, reviewed_at=timezone.now())
    except IntegrityError as exc:
        raise Refused(f"{person} is already authorised to post on {account}.") from exc
    record(actor, "policies.posting_authorised", account, person=person.email)
    notify([person], key=f"posting-authorised-{authorisation.pk}",
           subject=f"You are authorised to post on {account}",
           body=f"{actor} has authorised you to post on {account} for Healthwatch Sutton "
                "(Online Engagement Policy §4).",
           url=reverse("policies_account", args=[account.pk]))
    return authorisation


@transaction.atomic
def withdraw_posting(actor: User, authorisation: PostingAuthorisation, *,
                     reason: str) -> PostingAuthorisation:
    """The Chief Executive withdraws one authorisation, with a reason."""
    _require_ceo(actor)
    reason = (reason or "").strip()
    if not reason:
        raise Refused("Say why the authorisation is withdrawn.")
    authorisation = PostingAuthorisation.objects.select_for_update().get(pk=authorisation.pk)
    if authorisation.withdrawn_at is not None:
        raise Refused("This authorisation is already withdrawn.")
    authorisation.withdrawn_at = timezone.now()
    authorisation.withdrawn_by = actor
    authorisation.withdrawn_reason = reason[:200]
    authorisation.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    record(actor, "policies.posting_withdrawn", authorisation.account,
           person=authorisation.person.email, reason=reason)
    return authorisation


@transaction.atomic
def withdraw_posting_for(user: User, reason: str = "Left Healthwatch Sutton") -> int:
    """Everything `user` was authorised to post on is withdrawn: for when someone leaves (a
    role removed, an account deactivated). Safe to call twice. Returns how many."""
    current = list(PostingAuthorisation.objects.select_for_update().filter(
        person=user, withdrawn_at__isnull=True).select_related("account"))
    now = timezone.now()
    for authorisation in current:
        authorisation.withdrawn_at = now
        authorisation.withdrawn_reason = reason[:200]
        authorisation.save(update_fields=["withdrawn_at", "withdrawn_reason"])
        record(None, "policies.posting_withdrawn", authorisation.account,
               person=user.email, reason=reason)
    return len(current)


@transaction.atomic
def review_posting(actor: User, account: SocialAccount) -> int:
    """The Chief Executive confirms, for the yearly review, who may still post on `account`."""
    _require_ceo(actor)
    current = PostingAuthorisation.objects.filter(account=account, withdrawn_at__isnull=True)
    count = current.update(reviewed_at=timezone.now())
    if not count:
        raise Refused(f"Nobody is authorised to post on {account}: nothing to review.")
    record(actor, "policies.posting_reviewed", account, people=count)
    Notice.objects.filter(key__startswith=f"posting-review-{account.pk}-",
                          dismissed_at__isnull=True).update(dismissed_at=timezone.now())
    return count


# A month's warning before an authorisation's yearly review is due.
POSTING_REVIEW_WARNING_DAYS = 30


def posting_review_reminders(today: date | None = None) -> int:
    """Daily: tell the Chief Executive about accounts whose authorisations are due for their
    yearly review within a month (or overdue). Once per account and due date."""
    today = today or timezone.localdate()
    soon = today + timedelta(days=POSTING_REVIEW_WARNING_DAYS)
    due_by_account: dict[SocialAccount, date] = {}
    for authorisation in PostingAuthorisation.objects.filter(
            withdrawn_at__isnull=True).select_related("account"):
        due = timezone.localtime(authorisation.reviewed_at).date() + timedelta(
            days=POSTING_REVIEW_DAYS)
        if due <= soon:
            account = authorisation.account
            due_by_account[account] = min(due, due_by_account.get(account, due))
    ceos = list(User.objects.filter(approval=User.Approval.APPROVED, is_active=True,
                                    roles__role=Role.CHIEF_EXECUTIVE).distinct())
    sent = 0
    for account, due in due_by_account.items():
        sent += len(notify(
            ceos, key=f"posting-review-{account.pk}-{due.isoformat()}",
            subject=f"Review who may post on {account} (due {date_format(due, 'j M Y')})",
            body=f"Once a year the Chief Executive confirms who is authorised to post on "
                 f"{account} (Online Engagement Policy §4). Withdraw anyone who no longer "
                 "posts, then confirm the list.",
            url=reverse("policies_account", args=[account.pk]),
        ))
    return sent
