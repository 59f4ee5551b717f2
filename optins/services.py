"""Everything a person does with the WhatsApp groups: one function per action, each in one
transaction, each writing its audit record. Audit details never hold a full mobile number."""

import datetime
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from agreements.selectors import has_signed_current, signed_current_user_ids
from core import audit
from core.enqueue import enqueue_on_commit
from core.errors import Refused
from core.notices import notify, settle

from . import emails, phones, selectors
from .models import (
    AgreementRule,
    Breach,
    Consent,
    Group,
    Membership,
    MonitoringLog,
    OptInRequest,
    iso_week,
    week_start,
)


class NotSignedError(Refused):
    """Refused because the person has not signed the current agreement: the page links to it."""


def _e164(mobile: str) -> str:
    try:
        return phones.normalise_mobile(mobile)
    except phones.InvalidMobile as exc:
        raise Refused(str(exc)) from exc


def permission_text(group: Group) -> str:
    """The words a person agrees to on the form, kept in their consent record."""
    return (
        f"I ask to join Healthwatch Sutton's {group.name} WhatsApp group. I give permission for "
        "the mobile number I have given to be used by the Communications, Engagement and "
        "Projects Officer to add me to the group, and for it to be shown to the other members "
        "of the group. I know that I can leave the group at any time, and that my number is "
        "erased from Healthwatch Sutton's records once I have been removed."
    )


def email_permission_words(group: Group, logged_by) -> str:
    return (
        f"Permission to join the {group.name} WhatsApp group, and a mobile number, given in "
        f"writing by email (policy §5.1); logged by {logged_by}. The email is kept with the "
        "request until the number is erased."
    )


def moderators() -> list[User]:
    return list(User.objects.with_role(Role.MODERATOR))


def chief_executives() -> list[User]:
    return list(User.objects.with_role(Role.CHIEF_EXECUTIVE))


def _check_can_ask(person, group: Group) -> None:
    if not group.is_open_to(person.role_slugs):
        raise Refused(
            f"The {group.name} group is for people with the {group.get_role_display()} role "
            "(and staff): you can only ask to join the group for your own role."
        )
    if OptInRequest.objects.filter(person=person, group=group,
                                   status__in=OptInRequest.OPEN).exists():
        raise Refused(f"There is already a request to join the {group.name} group waiting.")
    if Membership.objects.filter(person=person, group=group,
                                 status__in=[Membership.Status.ACTIVE,
                                             Membership.Status.LEAVING]).exists():
        raise Refused(f"{person} is already in the {group.name} group.")
    if not has_signed_current(person):
        raise NotSignedError(
            f"{person} has not signed the current WhatsApp Group Chat Agreement: sign it "
            "first, then ask to join. Nothing has been stored."
        )


def _create_request(person, group, mobile_e164, *, channel, words, logged_by=None,
                    email_message="", email_file=None) -> OptInRequest:
    try:
        with transaction.atomic():
            request = OptInRequest.objects.create(
                person=person, group=group, channel=channel, mobile=mobile_e164,
                permission_text=words, logged_by=logged_by, email_message=email_message,
            )
    except IntegrityError as exc:  # a second click racing the first
        raise Refused(f"There is already a request to join the {group.name} group.") from exc
    if email_file is not None:
        request.email_file.save(email_file.name, email_file, save=True)
    Consent.objects.create(person=person, group=group, request=request,
                           kind=Consent.Kind.GIVEN, channel=channel, words=words)
    notify(moderators(), key=f"optins-request-{request.pk}",
           subject=f"{person} asks to join the {group.name} WhatsApp group",
           body="Check that they have signed the agreement, then approve or decline.",
           url=reverse("optins_request", args=[request.pk]))
    return request


@transaction.atomic
def request_opt_in(actor, group: Group, mobile: str, *, permission: bool) -> OptInRequest:
    """A director or volunteer asks to join their group from the form in the app."""
    if not permission:
        raise Refused("Tick the box to give your permission: without it we cannot add you.")
    _check_can_ask(actor, group)
    e164 = _e164(mobile)
    request = _create_request(actor, group, e164, channel=OptInRequest.Channel.APP_FORM,
                              words=permission_text(group))
    audit.record(actor, "optins.requested", request, group=group.slug, channel="app_form",
                 mobile=phones.mask(e164))
    return request


@transaction.atomic
def log_email_request(actor, person, group: Group, mobile: str, *, message: str = "",
                      upload=None, permission: bool) -> OptInRequest:
    """The moderator logs a request that came by email, keeping the message."""
    if not permission:
        raise Refused("Tick the box to confirm that the email gives the person's permission.")
    if not message.strip() and upload is None:
        raise Refused("Paste the email's text or upload the email (.eml or .txt).")
    _check_can_ask(person, group)
    e164 = _e164(mobile)
    if upload is not None:
        data = upload.read()
        try:
            text = emails.readable_text(upload.name, data)
        except emails.UnreadableEmail as exc:
            raise Refused(str(exc)) from exc
        message = message.strip() or text
        upload = ContentFile(data, name=PurePath(upload.name).name)
    request = _create_request(
        person, group, e164, channel=OptInRequest.Channel.EMAIL,
        words=email_permission_words(group, actor), logged_by=actor,
        email_message=message.strip(), email_file=upload,
    )
    audit.record(actor, "optins.email_request_logged", request, group=group.slug,
                 person=person.email, mobile=phones.mask(e164), file=bool(upload))
    return request


def _locked_request(request: OptInRequest) -> OptInRequest:
    return OptInRequest.objects.select_for_update().select_related("person", "group").get(
        pk=request.pk)


@transaction.atomic
def approve_opt_in(actor, request: OptInRequest) -> OptInRequest:
    """Approve a request; only when the person has signed the current agreement."""
    request = _locked_request(request)
    if request.status != OptInRequest.Status.PENDING:
        raise Refused(
            f"This request is not waiting for approval ({request.get_status_display()}).")
    if not has_signed_current(request.person):
        raise Refused(
            f"{request.person} has not signed the current WhatsApp Group Chat Agreement: "
            "a request can be approved only after they sign it."
        )
    request.status = OptInRequest.Status.APPROVED
    request.decided_at = timezone.now()
    request.decided_by = actor
    request.save(update_fields=["status", "decided_at", "decided_by"])
    settle(f"optins-request-{request.pk}")
    audit.record(actor, "optins.approved", request, group=request.group.slug)
    return request


def reveal_number(actor, request: OptInRequest) -> str:
    """The full number, for the screen where the moderator adds it in WhatsApp. Audited."""
    audit.record(actor, "optins.number_shown", request, mobile=phones.mask(request.mobile),
                 purpose="add to WhatsApp")
    return phones.pretty(request.mobile)


@transaction.atomic
def mark_added(actor, request: OptInRequest) -> Membership:
    """The moderator has added the number in WhatsApp: the person is now a member."""
    request = _locked_request(request)
    if request.status != OptInRequest.Status.APPROVED:
        raise Refused("Only an approved request can be marked as added.")
    now = timezone.now()
    request.status = OptInRequest.Status.ADDED
    request.added_at = now
    request.added_by = actor
    request.save(update_fields=["status", "added_at", "added_by"])
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                person=request.person, group=request.group, request=request,
                mobile=request.mobile, joined_at=now,
            )
    except IntegrityError as exc:
        raise Refused(f"{request.person} is already in the {request.group.name} group.") from exc
    audit.record(actor, "optins.added", membership, group=request.group.slug)
    notify([request.person], key=f"optins-added-{request.pk}",
           subject=f"You are in the {request.group.name} WhatsApp group",
           body="The moderator has added you. You can leave at any time from your WhatsApp "
                "page.", url=reverse("optins_mine"))
    return membership


@transaction.atomic
def decline_opt_in(actor, request: OptInRequest, reason: str) -> OptInRequest:
    """Decline with a reason the person is told; the number is no longer needed."""
    reason = (reason or "").strip()
    if not reason:
        raise Refused("Give the reason: the person is told why their request was declined.")
    request = _locked_request(request)
    if not request.is_open:
        raise Refused(f"This request is already closed ({request.get_status_display()}).")
    request.status = OptInRequest.Status.DECLINED
    request.decided_at = timezone.now()
    request.decided_by = actor
    request.decline_reason = reason
    request.save(update_fields=["status", "decided_at", "decided_by", "decline_reason"])
    Consent.objects.create(person=request.person, group=request.group, request=request,
                           kind=Consent.Kind.WITHDRAWN, channel=request.channel,
                           reason="Request declined")
    _erase_number(actor, request)
    settle(f"optins-request-{request.pk}")
    audit.record(actor, "optins.declined", request, group=request.group.slug, reason=reason)
    notify([request.person], key=f"optins-declined-{request.pk}",
           subject=f"Your request to join the {request.group.name} WhatsApp group was declined",
           body=f"The reason: {reason}\n\nYour mobile number has been erased from our records.",
           url=reverse("optins_mine"))
    return request


@transaction.atomic
def cancel_opt_in(actor, request: OptInRequest) -> OptInRequest:
    """A person withdraws their own request before they are added."""
    request = _locked_request(request)
    if request.person_id != actor.pk or not request.is_open:
        raise Refused("This request cannot be cancelled now.")
    _cancel(actor, request, "Request cancelled by the person")
    audit.record(actor, "optins.cancelled", request, group=request.group.slug)
    return request


def _cancel(actor, request: OptInRequest, reason: str) -> None:
    """Close an open request: permission ends (recorded) and the number is erased."""
    request.status = OptInRequest.Status.CANCELLED
    request.save(update_fields=["status"])
    Consent.objects.create(person=request.person, group=request.group, request=request,
                           kind=Consent.Kind.WITHDRAWN, channel=request.channel, reason=reason)
    _erase_number(actor, request)
    settle(f"optins-request-{request.pk}")


def remind_to_sign(actor, request: OptInRequest) -> bool:
    """Ask the person to sign the agreement; at most once a day. True when a notice went."""
    sent = notify(
        [request.person], key=f"optins-sign-agreement-{request.pk}",
        period=timezone.localdate().isoformat(),
        subject="Please sign the WhatsApp Group Chat Agreement",
        body=f"Your request to join the {request.group.name} WhatsApp group is waiting: it can "
             "be approved once you have signed the current agreement.",
        url=reverse("agreements_current"),
    )
    audit.record(actor, "optins.sign_reminder", request, sent=bool(sent))
    return bool(sent)


def _start_leaving(actor, membership: Membership, reason: str, consent_reason: str) -> None:
    membership.status = Membership.Status.LEAVING
    membership.end_reason = reason
    membership.leave_requested_at = timezone.now()
    membership.save(update_fields=["status", "end_reason", "leave_requested_at"])
    Consent.objects.create(person=membership.person, group=membership.group,
                           request=membership.request, kind=Consent.Kind.WITHDRAWN,
                           channel=membership.request.channel, reason=consent_reason)
    notify(moderators(), key=f"optins-remove-{membership.pk}",
           subject=f"Remove {membership.person} from the {membership.group.name} WhatsApp group",
           body=f"{membership.person} ({membership.masked_mobile}) is to be removed: "
                f"{membership.get_end_reason_display().lower()}. Remove them in WhatsApp, then "
                "tick \"removed\" in the app: their number is then erased.",
           url=reverse("optins_queue"))


def _locked_membership(membership: Membership) -> Membership:
    return Membership.objects.select_for_update().select_related(
        "person", "group", "request").get(pk=membership.pk)


@transaction.atomic
def leave_group(actor, membership: Membership) -> Membership:
    """A member leaves, in one step; the moderator is told to remove them in WhatsApp."""
    membership = _locked_membership(membership)
    if membership.person_id != actor.pk:
        raise Refused("You can only leave a group you are in.")
    if membership.status != Membership.Status.ACTIVE:
        raise Refused("You have already left this group: the moderator is removing you.")
    _start_leaving(actor, membership, Membership.EndReason.LEFT, "Left the group")
    audit.record(actor, "optins.left", membership, group=membership.group.slug)
    return membership


@transaction.atomic
def end_on_departure(person, *, roles_now: set[str], deactivated: bool, actor) -> list[Membership]:
    """The person's role ended or their account closed: memberships of groups they may no
    longer be in end (the moderator is told to remove them; the number is erased once they
    have), and requests still open are cancelled with the number erased at once."""
    ended = []
    for request in OptInRequest.objects.filter(person=person, status__in=OptInRequest.OPEN
                                               ).select_related("person", "group"):
        if deactivated or not request.group.is_open_to(roles_now):
            _cancel(actor, request, "Role ended or account closed")
            audit.record(actor, "optins.cancelled", request, group=request.group.slug,
                         reason="role ended")
    for membership in Membership.objects.filter(person=person, status=Membership.Status.ACTIVE
                                                ).select_related("group", "request"):
        if deactivated or not membership.group.is_open_to(roles_now):
            _start_leaving(actor, membership, Membership.EndReason.ROLE_ENDED,
                           "Role ended or account closed")
            audit.record(actor, "optins.left", membership, group=membership.group.slug,
                         reason="role ended")
            ended.append(membership)
    return ended


@transaction.atomic
def mark_removed(actor, membership: Membership) -> Membership:
    """The moderator has removed the number in WhatsApp: the number is erased everywhere."""
    membership = _locked_membership(membership)
    if membership.status != Membership.Status.LEAVING:
        raise Refused("Only a member who is leaving can be marked as removed.")
    membership.status = Membership.Status.REMOVED
    membership.removed_at = timezone.now()
    membership.removed_by = actor
    membership.save(update_fields=["status", "removed_at", "removed_by"])
    _erase_number(actor, membership.request, membership)
    settle(f"optins-remove-{membership.pk}")
    audit.record(actor, "optins.removed", membership, group=membership.group.slug)
    return membership


def _erase_number(actor, request: OptInRequest, membership: Membership | None = None) -> None:
    """Empty the number on every row that held it, and take it out of the kept email."""
    number = request.mobile or (membership.mobile if membership else "")
    if membership is not None:
        Membership.objects.filter(pk=membership.pk).update(mobile="")
        membership.mobile = ""
    # Compared on the text as read: markup could split the number ("<span>07400</span>&nbsp;…").
    request.email_message = phones.redact(emails.plain_text(request.email_message), number)
    if request.email_file:
        _redact_email_file(request, number)
    request.mobile = ""
    request.number_erased_at = timezone.now()
    request.save(update_fields=["mobile", "email_message", "email_file", "number_erased_at"])
    audit.record(actor, "optins.number_erased", request, mobile=phones.mask(number))
    # By name: optins.tasks imports this module.
    enqueue_on_commit("optins.vacuum_number_tables")


NUMBER_TABLES = (OptInRequest._meta.db_table, Membership._meta.db_table)


def vacuum_number_tables() -> bool:
    """Rewrite the tables that held the erased number, on PostgreSQL.

    An UPDATE leaves the old row version (with the number) in the table file until a vacuum;
    VACUUM FULL writes the live rows to a new file and drops the old one. These tables hold a
    row per opt-in, so the lock it takes lasts milliseconds. VACUUM cannot run inside a
    transaction, hence a task after the erasure commits (and nothing is done when called
    inside one, as a test's transaction would). Returns whether it ran.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        cursor.execute("VACUUM FULL " + ", ".join(
            connection.ops.quote_name(table) for table in NUMBER_TABLES))
    return True


def _redact_email_file(request: OptInRequest, number: str) -> None:
    """Replace the kept email file by its readable text with the number taken out: the
    original bytes (possibly encoded) would keep the number."""
    field = request.email_file
    name = PurePath(field.name).name
    with field.open("rb") as handle:
        data = handle.read()
    try:
        text = emails.readable_text(name, data)
    except emails.UnreadableEmail:
        text = data.decode("utf-8", errors="replace")
    old_name = field.name
    field.save(f"{PurePath(name).stem}-number-erased.txt",
               ContentFile(phones.redact(emails.plain_text(text), number).encode("utf-8")),
               save=False)
    field.storage.delete(old_name)


@transaction.atomic
def record_breach(actor, membership: Membership, rule: AgreementRule, what_happened: str,
                  action: str) -> Breach:
    """Record a breach of the agreement; a removal follows the leave path."""
    what_happened = (what_happened or "").strip()
    if not what_happened:
        raise Refused("Say what happened: the member can read this record.")
    if action not in Breach.Action.values:
        raise Refused("Choose the action taken.")
    membership = _locked_membership(membership)
    if membership.status == Membership.Status.REMOVED:
        raise Refused("This person is no longer in the group.")
    breach = Breach.objects.create(membership=membership, rule=rule, rule_text=rule.text,
                                   what_happened=what_happened, action=action,
                                   recorded_by=actor)
    audit.record(actor, "optins.breach_recorded", breach, rule=rule.number,
                 breach_action=action)
    if action == Breach.Action.REMOVAL and membership.status == Membership.Status.ACTIVE:
        _start_leaving(actor, membership, Membership.EndReason.BREACH,
                       f"Removed after a breach of rule {rule.number}")
    notify([membership.person], key=f"optins-breach-{breach.pk}",
           subject=f"A breach of the WhatsApp Group Chat Agreement ({membership.group.name})",
           body=f"Rule {rule.number}: {rule.text}\nWhat happened: {what_happened}\n"
                f"Action: {breach.get_action_display()}.",
           url=reverse("optins_mine"))
    return breach


@transaction.atomic
def log_monitoring(actor, group: Group, *, monitored_on: datetime.date, outcome: str,
                   notes: str = "") -> MonitoringLog:
    """The moderator's weekly log for one group; a late log fills a week marked missed."""
    notes = (notes or "").strip()
    if outcome not in (MonitoringLog.Outcome.NOTHING_FOUND, MonitoringLog.Outcome.ISSUES_FOUND):
        raise Refused("Choose what the monitoring found.")
    if outcome == MonitoringLog.Outcome.ISSUES_FOUND and not notes:
        raise Refused("Describe the issues found.")
    if monitored_on > timezone.localdate():
        raise Refused("The date of the monitoring cannot be in the future.")
    week = iso_week(monitored_on)
    log = MonitoringLog.objects.select_for_update().filter(group=group, week=week).first()
    if log is not None and log.outcome != MonitoringLog.Outcome.MISSED:
        raise Refused(f"The {group.name} group's monitoring for {week} is already logged.")
    if log is None:
        log = MonitoringLog(group=group, week=week)
    log.outcome = outcome
    log.monitored_on = monitored_on
    log.notes = notes
    log.logged_by = actor
    log.logged_at = timezone.now()
    log.save()
    audit.record(actor, "optins.monitoring_logged", log, week=week, outcome=outcome)
    return log


# How far back the weekly task looks for weeks that ended without a log, in case beat was down.
MISSED_LOOKBACK_WEEKS = 4


def weekly_monitoring(today: datetime.date | None = None) -> dict[str, int]:
    """Monday's job: remind the moderators about this week; mark ended weeks with no log as
    missed and tell the CEO. Safe to run twice: notices are once per (key, period)."""
    today = today or timezone.localdate()
    this_week = iso_week(today)
    groups = list(Group.objects.filter(is_active=True))
    reminded = notify(
        moderators(), key="optins-monitoring-reminder", period=this_week,
        subject=f"Monitor the WhatsApp groups this week ({this_week})",
        body="Policy §5.1: look through each group this week and log it: "
             + ", ".join(g.name for g in groups) + ".",
        url=reverse("optins_monitoring"),
    )
    missed = 0
    ceos = chief_executives()
    for group in groups:
        created_week = iso_week(timezone.localtime(group.created_at).date())
        for back in range(1, MISSED_LOOKBACK_WEEKS + 1):
            week = iso_week(today - datetime.timedelta(weeks=back))
            if week < created_week:
                break
            with transaction.atomic():
                log, created = MonitoringLog.objects.get_or_create(
                    group=group, week=week,
                    defaults={"outcome": MonitoringLog.Outcome.MISSED,
                              "marked_missed_at": timezone.now()},
                )
                if log.outcome != MonitoringLog.Outcome.MISSED:
                    continue
                if created:
                    audit.record(None, "optins.monitoring_missed", log, week=week)
                    missed += 1
                start = week_start(week)
                notify(ceos, key=f"optins-monitoring-missed-{group.pk}", period=week,
                       subject=f"WhatsApp monitoring missed: {group.name}, week of "
                               f"{start:%-d %b %Y}",
                       body=f"No monitoring was logged for the {group.name} group in {week}.",
                       url=reverse("optins_monitoring"))
    return {"reminded": len(reminded), "missed": missed}


def unsigned_members(now: datetime.datetime | None = None) -> int:
    """Members who have not signed the current agreement AGREEMENT_SIGN_AGAIN_DAYS after it
    was published: the moderators are told to remove each from the group until they sign.
    (Until then the agreement's weekly reminder asks the member to sign.) Once per member and
    version, so safe to run twice. Returns how many members the moderators were told about."""
    period = selectors.sign_again()
    if period is None or not period.is_over(now):
        return 0
    version = period.version
    members = list(Membership.objects.filter(status=Membership.Status.ACTIVE)
                   .select_related("person", "group"))
    signed = signed_current_user_ids({m.person_id for m in members})
    told = 0
    for membership in members:
        if membership.person_id in signed:
            continue
        sent = notify(
            moderators(), key=_unsigned_key(version, membership),
            subject=f"Remove {membership.person} from the {membership.group.name} WhatsApp "
                    "group until they sign",
            body=f"{membership.person} has not signed version {version.number} of the WhatsApp "
                 f"Group Chat Agreement, published on {version.published_at:%-d %b %Y}, "
                 f"{settings.AGREEMENT_SIGN_AGAIN_DAYS} days or more ago. Everyone in a group "
                 "signs the current agreement (policy §5.1): press \"Remove until they sign\" "
                 "on their page, remove them in WhatsApp, then add them again once they have "
                 "signed and asked again.",
            url=reverse("optins_member", args=[membership.pk]),
        )
        if sent:
            audit.record(None, "optins.unsigned_member_reported", membership,
                         version=version.number)
            told += 1
    return told


def _unsigned_key(version, membership: Membership) -> str:
    return f"optins-unsigned-v{version.number}-{membership.pk}"


@transaction.atomic
def remove_until_signed(actor, membership: Membership) -> Membership:
    """A member who has not signed the current agreement by the end of the period to sign
    again leaves the group until they sign: the membership ends with that reason, the
    moderator removes them in WhatsApp by hand (as for every removal) and the person is told
    how to sign and ask again."""
    membership = _locked_membership(membership)
    if membership.status != Membership.Status.ACTIVE:
        raise Refused(f"{membership.person} is not a current member of the "
                      f"{membership.group.name} group. Nothing was changed.")
    period = selectors.sign_again()
    if period is None:
        raise Refused("No agreement is published yet. Nothing was changed.")
    version = period.version
    if has_signed_current(membership.person):
        raise Refused(f"{membership.person} has signed version {version.number} of the "
                      "agreement since: they stay in the group. Nothing was changed.")
    if not period.is_over():
        until = timezone.localtime(period.deadline)
        raise Refused(f"{membership.person} has until {until:%-d %b %Y} to sign version "
                      f"{version.number} of the agreement. Nothing was changed.")
    _start_leaving(actor, membership, Membership.EndReason.UNSIGNED,
                   f"Removed until they sign version {version.number} of the agreement")
    settle(_unsigned_key(version, membership))
    audit.record(actor, "optins.removed_until_signed", membership,
                 group=membership.group.slug, version=version.number)
    notify([membership.person], key=f"optins-unsigned-removed-{membership.pk}",
           subject=f"You are removed from the {membership.group.name} WhatsApp group until "
                   "you sign the agreement",
           body=f"You have not signed version {version.number} of the WhatsApp Group Chat "
                f"Agreement, published on {version.published_at:%-d %b %Y}, and everyone in a "
                "group signs the current agreement (policy §5.1). The moderator is removing "
                "you from the group and your number is then erased. To come back: sign the "
                "agreement (the link below), then ask to join again from your WhatsApp page.",
           url=reverse("agreements_current"))
    return membership
