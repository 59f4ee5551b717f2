from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.views.decorators.http import require_POST

from accounts.roles import MODERATION_ROLES, Role, role_required
from core.errors import Refused
from core.pagination import query_without
from core.textdiff import line_changes

from . import selectors, services
from .forms import (
    AgreeForm,
    ChangeReasonForm,
    DeclineForm,
    PolicyVersionForm,
    PostingAuthoriseForm,
    PostingWithdrawForm,
    ProposeAccountForm,
    ReadConfirmForm,
    ReviewForm,
    SocialAccountForm,
)
from .models import (
    READING_ROLES,
    AccountChangeRequest,
    Policy,
    PostingAuthorisation,
    SocialAccount,
)
from .text import render_markdown

REGISTER_ROLES = (Role.MODERATOR, Role.CHIEF_EXECUTIVE, Role.CHAIR)
# "Everyone signed in can read the current policies": every role, declared like any other.
EVERY_ROLE = tuple(Role.values)




# --- Policies ---------------------------------------------------------------------------------

@role_required(*EVERY_ROLE)
def policy_list(request):
    """Every signed-in, approved person reads the current policies."""
    return render(request, "policies/list.html", {
        "policies": selectors.policy_list(), "today": timezone.localdate(),
        "can_publish": request.user.has_any_role(*MODERATION_ROLES),
    })


@role_required(*EVERY_ROLE)
def policy_detail(request, slug: str):
    policy, latest_review = selectors.policy_detail(slug)
    version = policy.current_version
    return render(request, "policies/detail.html", {
        "policy": policy, "version": version, "latest_review": latest_review,
        "html": render_markdown(version.body), "today": timezone.localdate(),
        "sees_history": request.user.has_any_role(*MODERATION_ROLES),
        "may_review": services.may_review(request.user, policy),
        "must_read": request.user.has_any_role(*READING_ROLES),
        "my_reading": selectors.my_reading(request.user, policy),
        "read_form": ReadConfirmForm(initial={"version": version.number}),
    })


@require_POST
@role_required(*READING_ROLES)
def policy_confirm_read(request, slug: str):
    policy = get_object_or_404(Policy, slug=slug)
    form = ReadConfirmForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(e for errs in form.errors.values() for e in errs)
        messages.error(request, f"Nothing was recorded: {errors}")
        return redirect("policies_detail", slug)
    try:
        services.confirm_read(request.user, policy,
                              version_number=form.cleaned_data["version"])
    except Refused as exc:
        messages.error(request, f"Nothing was recorded: {exc}")
    else:
        messages.success(request, "Thank you: your confirmation that you have read the policy "
                                  "is recorded.")
    return redirect("policies_detail", slug)


@role_required(*MODERATION_ROLES)
def policy_readers(request, slug: str):
    policy, rows = selectors.reading_register(slug)
    read = sum(row.read_current for row in rows)
    return render(request, "policies/readers.html", {
        "policy": policy, "version": policy.current_version, "rows": rows,
        "read": read, "not_read": len(rows) - read,
    })


@role_required(*MODERATION_ROLES)
def policy_history(request, slug: str):
    policy, versions = selectors.policy_history(slug)
    return render(request, "policies/history.html", {"policy": policy, "versions": versions})


@role_required(*MODERATION_ROLES)
def policy_version(request, slug: str, number: int):
    version = selectors.policy_version(slug, number)
    return render(request, "policies/version.html", {
        "version": version, "policy": version.policy, "html": render_markdown(version.body),
        "is_current": version.policy.current_version_id == version.pk,
    })


@role_required(*MODERATION_ROLES)
def policy_changes(request, slug: str, number: int):
    """What changed from the version before `number`."""
    new = selectors.policy_version(slug, number)
    if number < 2:
        raise Http404("Version 1 has no earlier version to compare with.")
    old = selectors.policy_version(slug, number - 1)
    fields = [
        (label, getattr(old, name), getattr(new, name))
        for name, label in [("title", "Title"), ("approved_on", "Approved on"),
                            ("approved_by", "Approved by"), ("review_due", "To be reviewed by"),
                            ("responsible_officer", "Responsible officer"),
                            ("responsible_officer_title", "Responsible officer (post)")]
        if getattr(old, name) != getattr(new, name)
    ]
    return render(request, "policies/changes.html", {
        "policy": new.policy, "old": old, "new": new, "fields": fields,
        "lines": line_changes(old.body, new.body),
    })


def _version_form_page(request, policy: Policy | None):
    current = policy.current_version if policy else None
    initial = {}
    if current is not None:
        initial = {
            "title": current.title, "body": current.body, "approved_by": current.approved_by,
            "responsible_officer": current.responsible_officer_id,
            "responsible_officer_title": current.responsible_officer_title,
        }
    form = PolicyVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.publish_version(policy, actor=request.user, **form.cleaned_data)
        except Refused as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Version {version.number} of “{version.title}” is "
                                      "published. Earlier versions stay in the history.")
            return redirect("policies_detail", version.policy.slug)
    return render(request, "policies/version_form.html", {"form": form, "policy": policy,
                                                          "current": current})


@role_required(*MODERATION_ROLES)
def policy_new(request):
    return _version_form_page(request, None)


@role_required(*MODERATION_ROLES)
def policy_publish(request, slug: str):
    policy = get_object_or_404(Policy.objects.select_related("current_version"), slug=slug)
    return _version_form_page(request, policy)


@role_required(*EVERY_ROLE)  # and then: the responsible officer, a moderator or the CEO
def policy_review(request, slug: str):
    policy, latest_review = selectors.policy_detail(slug)
    if not services.may_review(request.user, policy):
        raise PermissionDenied("Only the responsible officer, the Chief Executive or a moderator "
                               "can record a review.")
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_review(policy, actor=request.user, **form.cleaned_data)
        except Refused as exc:
            form.add_error(None, exc)
        else:
            due = date_format(form.cleaned_data["next_review_due"], "j M Y")
            messages.success(request, f"The review is recorded. The next review is due {due}.")
            return redirect("policies_detail", policy.slug)
    return render(request, "policies/review_form.html", {
        "form": form, "policy": policy, "version": policy.current_version,
        "latest_review": latest_review, "today": timezone.localdate(),
    })


# --- Social media account register ------------------------------------------------------------

@role_required(*REGISTER_ROLES)
def account_register(request):
    return render(request, "policies/accounts.html", {
        "page": selectors.account_register(request.GET.get("page")),
        "query": query_without(request, "page"),
        "may_propose": request.user.has_role(Role.MODERATOR),
    })


@role_required(Role.MODERATOR)
def account_propose(request):
    form = ProposeAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            change = services.propose_account(request.user, reason=reason, **data)
        except Refused as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{change.account} is proposed. It opens once the "
                             "Communications Officer, the Chief Executive and the Board agree.")
            return redirect("policies_account", change.account.pk)
    return render(request, "policies/account_form.html", {"form": form, "account": None})


@role_required(*REGISTER_ROLES)
def account_detail(request, pk: int):
    account, change_requests = selectors.account_detail(pk)
    pending = next((r for r in change_requests if r.is_pending), None)
    states = selectors.capacity_states(pending, request.user) if pending else []
    authorisations = selectors.posting_authorisations(account)
    return render(request, "policies/account.html", {
        "account": account, "pending": pending,
        "past_requests": [r for r in change_requests if not r.is_pending],
        "states": states, "is_moderator": request.user.has_role(Role.MODERATOR),
        "awaits_branding": services.agreed_opening(account) is not None,
        "authorisations": [a for a in authorisations if a.withdrawn_at is None],
        "withdrawn": [a for a in authorisations if a.withdrawn_at is not None],
        "is_ceo": request.user.has_role(Role.CHIEF_EXECUTIVE),
        "authorise_form": PostingAuthoriseForm(),
        "withdraw_form": PostingWithdrawForm(),
        "change_form": ChangeReasonForm(),
        "today": timezone.localdate(),
    })


@role_required(Role.MODERATOR)
def account_edit(request, pk: int):
    account = get_object_or_404(SocialAccount, pk=pk)
    form = SocialAccountForm(request.POST or None, instance=SocialAccount.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_account(request.user, account, **form.cleaned_data)
        except Refused as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{account} is updated.")
            return redirect("policies_account", account.pk)
    return render(request, "policies/account_form.html", {"form": form, "account": account})


@require_POST
@role_required(Role.MODERATOR)
def account_request_change(request, pk: int, kind: str):
    account = get_object_or_404(SocialAccount, pk=pk)
    form = ChangeReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say why: the reason goes to the Chief Executive and the Board.")
        return redirect("policies_account", account.pk)
    try:
        services.request_change(request.user, account, kind=kind,
                                reason=form.cleaned_data["reason"])
    except Refused as exc:
        messages.error(request, exc)
    else:
        messages.success(request, "The request is made. It takes effect once the "
                         "Communications Officer, the Chief Executive and the Board agree.")
    return redirect("policies_account", account.pk)


@role_required(*REGISTER_ROLES)
def account_request(request, pk: int):
    change = get_object_or_404(AccountChangeRequest, pk=pk)
    return redirect(reverse("policies_account", args=[change.account_id]) + f"#request-{pk}")


def _decide(request, pk: int, form_class, action):
    change = get_object_or_404(AccountChangeRequest.objects.select_related("account"), pk=pk)
    form = form_class(request.POST)
    if not form.is_valid():
        errors = "; ".join(e for errs in form.errors.values() for e in errs)
        messages.error(request, f"Nothing was recorded: {errors}")
        return redirect("policies_account", change.account_id)
    try:
        message = action(change, form.cleaned_data)
    except Refused as exc:
        messages.error(request, f"Nothing was recorded: {exc}")
    else:
        messages.success(request, message)
    return redirect("policies_account", change.account_id)


@require_POST
@role_required(*REGISTER_ROLES)
def account_agree(request, pk: int):
    def action(change, data):
        agreement = services.agree(request.user, change, **data)
        change.refresh_from_db()
        if change.status == AccountChangeRequest.Status.AGREED:
            return (f"All three have agreed: {change.account} is now "
                    f"{change.account.get_status_display().lower()}.")
        return f"Your agreement as {agreement.get_capacity_display()} is recorded."

    return _decide(request, pk, AgreeForm, action)


@require_POST
@role_required(*REGISTER_ROLES)
def account_decline(request, pk: int):
    def action(change, data):
        services.decline(request.user, change, **data)
        return "You declined. The request has ended and the account is unchanged."

    return _decide(request, pk, DeclineForm, action)


# --- Who may post (policy §4) -----------------------------------------------------------------

def _posting_action(request, account_pk: int, form, action, success: str):
    if not form.is_valid():
        errors = "; ".join(e for errs in form.errors.values() for e in errs)
        messages.error(request, f"Nothing was changed: {errors}")
    else:
        try:
            action(form.cleaned_data)
        except Refused as exc:
            messages.error(request, f"Nothing was changed: {exc}")
        else:
            messages.success(request, success)
    return redirect(reverse("policies_account", args=[account_pk]) + "#posting")


@require_POST
@role_required(Role.CHIEF_EXECUTIVE)
def posting_authorise(request, pk: int):
    account = get_object_or_404(SocialAccount, pk=pk)
    return _posting_action(
        request, pk, PostingAuthoriseForm(request.POST),
        lambda data: services.authorise_posting(request.user, account, data["person"]),
        "The authorisation is recorded and the person is told.")


@require_POST
@role_required(Role.CHIEF_EXECUTIVE)
def posting_withdraw(request, pk: int):
    authorisation = get_object_or_404(PostingAuthorisation, pk=pk)
    return _posting_action(
        request, authorisation.account_id, PostingWithdrawForm(request.POST),
        lambda data: services.withdraw_posting(request.user, authorisation,
                                               reason=data["reason"]),
        f"{authorisation.person} may no longer post on {authorisation.account}.")


@require_POST
@role_required(Role.CHIEF_EXECUTIVE)
def posting_review(request, pk: int):
    account = get_object_or_404(SocialAccount, pk=pk)
    return _posting_action(
        request, pk, forms.Form(request.POST),
        lambda data: services.review_posting(request.user, account),
        "The yearly review is recorded: the next one is due in a year.")
