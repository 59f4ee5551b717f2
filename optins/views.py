from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.roles import MODERATION_ROLES, Role, role_required
from agreements.selectors import has_signed_current
from core import audit
from core.errors import Refused
from core.pagination import query_without

from . import selectors, services
from .forms import (
    MONITORING_WEEKS_SHOWN,
    AddedForm,
    BreachForm,
    DeclineForm,
    EmailRequestForm,
    MonitoringForm,
    OptInForm,
    RemovedForm,
)
from .models import Membership, OptInRequest

# People who may be in a group. A group's `role` (data) says which of them may join it; a
# group for another role would need that role added here too.
MEMBER_ROLES = (Role.DIRECTOR, Role.VOLUNTEER, Role.STAFF)


@role_required(*MODERATION_ROLES, *MEMBER_ROLES)
def home(request):
    """The "WhatsApp" menu entry: the moderator's queue, or the person's own page."""
    if request.user.has_any_role(*MODERATION_ROLES):
        return redirect("optins_queue")
    return redirect("optins_mine")


def mine(request):
    # Open to every signed-in person (it shows only their own records): someone whose role
    # ended still sees their consent and breaches, and can leave or cancel.
    """A member's own page: their group, request, number (masked), breaches; leave here."""
    mine = selectors.my_whatsapp(request.user)
    if not mine.groups and not mine.memberships and not mine.consents:
        raise PermissionDenied("Your role has no WhatsApp group.")
    # Groups the person may join, and any they are still in or asked to join (a role ended).
    groups = {g.pk: g for g in mine.groups}
    for held in [*mine.memberships.values(), *mine.open_requests.values()]:
        groups.setdefault(held.group_id, held.group)
    rows = [(g, mine.memberships.get(g.pk), mine.open_requests.get(g.pk))
            for g in groups.values()]
    return render(request, "optins/mine.html", {
        "mine": mine, "rows": rows, "signed": has_signed_current(request.user),
    })


@role_required(*MEMBER_ROLES)
def request_new(request):
    mine = selectors.my_whatsapp(request.user)
    if not mine.groups:
        raise PermissionDenied("Your role has no WhatsApp group.")
    # Only the groups the person is not in and has not already asked to join.
    groups = [g for g in mine.groups
              if g.pk not in mine.memberships and g.pk not in mine.open_requests]
    form = OptInForm(request.POST or None, groups=groups)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_opt_in(request.user, form.cleaned_data["group"],
                                    form.cleaned_data["mobile"],
                                    permission=form.cleaned_data["permission"])
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Your request is sent. The moderator adds you to the "
                                      "group in WhatsApp and you are told when it is done.")
            return redirect("optins_mine")
    group = groups[0] if len(groups) == 1 else None
    return render(request, "optins/request_new.html", {
        "form": form, "groups": groups,
        "words": [(g, services.permission_text(g)) for g in groups], "group": group,
        "signed": has_signed_current(request.user),
    })


@require_POST
def cancel(request, pk: int):
    item = get_object_or_404(OptInRequest, pk=pk, person=request.user)
    try:
        services.cancel_opt_in(request.user, item)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Your request is cancelled and your number erased.")
    return redirect("optins_mine")


@require_POST
def leave(request, pk: int):
    membership = get_object_or_404(Membership, pk=pk, person=request.user)
    try:
        services.leave_group(request.user, membership)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"You have left the {membership.group.name} group. The "
                                  "moderator removes you in WhatsApp and then erases your "
                                  "number.")
    return redirect("optins_mine")


@role_required(*MODERATION_ROLES)
def queue(request):
    return render(request, "optins/queue.html", {
        "queue": selectors.queue(request.GET.get("requests"), request.GET.get("add"),
                                 request.GET.get("remove")),
        "queries": {param: query_without(request, param)
                    for param in ("requests", "add", "remove")},
    })


@role_required(*MODERATION_ROLES)
def request_detail(request, pk: int):
    item = selectors.request_detail(pk)
    return render(request, "optins/request_detail.html", {
        "item": item, "signed": has_signed_current(item.person),
        "decline_form": DeclineForm(), "consents": item.consents.all(),
    })


@require_POST
@role_required(Role.MODERATOR)
def approve(request, pk: int):
    item = selectors.request_detail(pk)
    try:
        services.approve_opt_in(request.user, item)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect("optins_request", pk=pk)
    messages.success(request, f"Approved. Now add {item.person} in WhatsApp.")
    return redirect("optins_add", pk=pk)


@require_POST
@role_required(Role.MODERATOR)
def decline(request, pk: int):
    item = selectors.request_detail(pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.decline_opt_in(request.user, item, form.cleaned_data["reason"])
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Declined; {item.person} is told why, and the number "
                                      "is erased.")
            return redirect("optins_queue")
    return render(request, "optins/request_detail.html", {
        "item": item, "signed": has_signed_current(item.person), "decline_form": form,
        "consents": item.consents.all(),
    }, status=400)


@require_POST
@role_required(Role.MODERATOR)
def remind(request, pk: int):
    item = selectors.request_detail(pk)
    if services.remind_to_sign(request.user, item):
        messages.success(request, f"{item.person} is reminded to sign the agreement.")
    else:
        messages.info(request, f"{item.person} was already reminded today.")
    return redirect("optins_request", pk=pk)


@role_required(Role.MODERATOR)
def add(request, pk: int):
    """The one screen that shows a number in full: the moderator types it into WhatsApp."""
    item = selectors.request_detail(pk)
    if item.status != OptInRequest.Status.APPROVED:
        messages.error(request, "Only an approved request can be added.")
        return redirect("optins_request", pk=pk)
    form = AddedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.mark_added(request.user, item)
        except Refused as exc:
            messages.error(request, str(exc))
            return redirect("optins_request", pk=pk)
        messages.success(request, f"{membership.person} is now a member of "
                                  f"{membership.group.name}.")
        return redirect("optins_queue")
    number = services.reveal_number(request.user, item)
    return render(request, "optins/add.html", {"item": item, "number": number, "form": form})


@role_required(*MODERATION_ROLES)
def attachment(request, pk: int):
    item = selectors.request_detail(pk)
    if not item.email_file:
        raise Http404("No file")
    # The file is the email as sent: it may show the number in full, so it counts as a showing.
    audit.record(request.user, "optins.number_shown", item, mobile=item.masked_mobile,
                 purpose="email file downloaded", erased=item.number_erased_at is not None)
    return FileResponse(item.email_file.open("rb"), as_attachment=True,
                        filename=item.email_file.name.rsplit("/", 1)[-1])


@role_required(Role.MODERATOR)
def log_email(request):
    form = EmailRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.log_email_request(
                request.user, data["person"], data["group"], data["mobile"],
                message=data["message"], upload=data["email_file"],
                permission=data["permission"])
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The emailed request is logged.")
            return redirect("optins_request", pk=item.pk)
    return render(request, "optins/log_email.html", {"form": form})


@role_required(*MODERATION_ROLES)
def rosters(request):
    # Each group's page by its slug (?volunteers=2).
    groups, signed_ids = selectors.rosters(request.GET)
    for group in groups:
        group.page_query = query_without(request, group.slug)  # its page links keep the others'
    sign_again = selectors.sign_again()
    return render(request, "optins/rosters.html", {
        "groups": groups, "signed_ids": signed_ids, "sign_again": sign_again,
        "removal_due": sign_again is not None and sign_again.is_over(),
    })


def _member_page(request, membership: Membership, *, breach_form=None, status: int = 200):
    return render(request, "optins/member.html", {
        "membership": membership, "breach_form": breach_form or BreachForm(),
        "removed_form": RemovedForm(), "signed": has_signed_current(membership.person),
        "sign_again": selectors.sign_again(),
    }, status=status)


@role_required(*MODERATION_ROLES)
def member(request, pk: int):
    return _member_page(request, selectors.membership_detail(pk))


@require_POST
@role_required(Role.MODERATOR)
def remove_until_signed(request, pk: int):
    membership = selectors.membership_detail(pk)
    try:
        services.remove_until_signed(request.user, membership)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{membership.person} is to be removed until they sign, and "
                                  "has been told how to sign and ask again. Remove them in "
                                  "WhatsApp now, then tick \"removed\" below: their number "
                                  "is then erased.")
    return redirect("optins_member", pk=pk)


@require_POST
@role_required(Role.MODERATOR)
def removed(request, pk: int):
    membership = selectors.membership_detail(pk)
    form = RemovedForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["removed"][0])
        return redirect("optins_member", pk=pk)
    try:
        services.mark_removed(request.user, membership)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect("optins_member", pk=pk)
    messages.success(request, f"{membership.person} is removed and their number erased.")
    return redirect("optins_queue")


@require_POST
@role_required(Role.MODERATOR)
def breach(request, pk: int):
    membership = selectors.membership_detail(pk)
    form = BreachForm(request.POST)
    if form.is_valid():
        try:
            services.record_breach(request.user, membership, **form.cleaned_data)
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The breach is recorded.")
            return redirect("optins_member", pk=pk)
    return _member_page(request, membership, breach_form=form, status=400)


@role_required(*MODERATION_ROLES)
def monitoring(request):
    form = MonitoringForm(request.POST or None,
                          initial={"monitored_on": timezone.localdate()})
    if request.method == "POST":
        if not request.user.has_role(Role.MODERATOR):
            raise PermissionDenied("Only a moderator logs the monitoring.")
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.log_monitoring(request.user, data["group"],
                                        monitored_on=data["monitored_on"],
                                        outcome=data["outcome"], notes=data["notes"])
            except Refused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Monitoring of {data['group'].name} logged.")
                return redirect("optins_monitoring")
    groups, weeks = selectors.monitoring(weeks=MONITORING_WEEKS_SHOWN)
    return render(request, "optins/monitoring.html", {"form": form, "groups": groups,
                                                      "weeks": weeks},
                  status=400 if form.errors else 200)
