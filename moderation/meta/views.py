"""Connecting a Facebook Page or Instagram channel to its account, so decisions act there."""

import secrets

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from accounts.roles import MODERATION_ROLES, Role, role_required
from core.errors import Refused

from ..models import Channel
from . import connecting, oauth, selectors, services
from .errors import GraphError
from .forms import ConnectForm

LOGIN_SESSION_KEY = "moderation:meta-login"

# Connecting decides what the app may do on the charity's accounts: the Communications
# Officer's job, or an administrator's. The CEO sees the state, as everything a moderator sees.
CONNECT_ROLES = (Role.MODERATOR, Role.ADMINISTRATOR)


@role_required(*MODERATION_ROLES, Role.ADMINISTRATOR)
def channel_connection(request, pk: int):
    channel = get_object_or_404(Channel, pk=pk)
    return _page(request, channel, ConnectForm())


@sensitive_post_parameters("access_token")
@require_POST
@role_required(*CONNECT_ROLES)
def channel_connect(request, pk: int):
    channel = get_object_or_404(Channel, pk=pk)
    form = ConnectForm(request.POST)
    if form.is_valid():
        try:
            connection = connecting.connect(channel, form.cleaned_data["access_token"],
                                          request.user)
        except Refused as exc:
            form.add_error("access_token", str(exc))
        else:
            messages.success(request, f"{channel.name} is connected to “"
                                      f"{connection.account_name}”.")
            return redirect("moderation_channel_connection", pk=channel.pk)
    return _page(request, channel, form, status=400)


@require_POST
@role_required(*CONNECT_ROLES)
def channel_facebook_login(request, pk: int):
    """Off to Facebook's login dialog; `state` ties the return to this person and channel."""
    channel = get_object_or_404(Channel, pk=pk, platform__in=services.CAN_DO)
    state = secrets.token_urlsafe(32)
    request.session[LOGIN_SESSION_KEY] = {"state": state, "channel": channel.pk}
    return redirect(oauth.login_url(state, _return_uri(request)))


@role_required(*CONNECT_ROLES)
@sensitive_variables("token")
def facebook_login_return(request):
    started = request.session.pop(LOGIN_SESSION_KEY, None)
    state = request.GET.get("state", "")
    if not started or not secrets.compare_digest(started["state"], state):
        messages.error(request, "That Facebook sign-in was not started here, or it was already "
                                "used. Nothing was changed: start again from the channel.")
        return redirect("moderation_channels")
    channel = get_object_or_404(Channel, pk=started["channel"])
    if "code" not in request.GET:
        messages.warning(request, "Facebook sign-in was cancelled. Nothing was changed.")
        return redirect("moderation_channel_connection", pk=channel.pk)
    is_facebook = channel.platform == Channel.Platform.FACEBOOK
    try:
        token = oauth.page_token(
            request.GET["code"], _return_uri(request),
            page_id=channel.platform_account_id if is_facebook else "",
            instagram_id="" if is_facebook else channel.platform_account_id,
        )
        connection = connecting.connect(channel, token, request.user)
    except GraphError as exc:
        messages.error(request, f"Meta refused: {exc.sentence} Nothing was changed.")
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{channel.name} is connected to “{connection.account_name}”.")
    return redirect("moderation_channel_connection", pk=channel.pk)


def _return_uri(request) -> str:
    return request.build_absolute_uri(reverse("moderation_facebook_login_return"))


def _page(request, channel: Channel, form: ConnectForm, status: int = 200):
    return render(request, "moderation/meta/connection.html", {
        "channel": channel,
        **selectors.connection_page(channel),
        "form": form,
        "can_connect": request.user.has_any_role(*CONNECT_ROLES),
        "facebook_login": bool(settings.META_APP_ID and settings.META_APP_SECRET),
    }, status=status)
