from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.models import Notice
from core.registry import attention

from .celery import app as celery_app


def home(request):
    notices = request.user.notices.filter(dismissed_at__isnull=True, settled_at__isnull=True)
    notices = notices[:20]
    return render(request, "home.html", {"attention": attention(request.user),
                                         "notices": notices})


@require_POST
def dismiss_notice(request, pk: int):
    notice = get_object_or_404(Notice, pk=pk, recipient=request.user)
    notice.dismissed_at = timezone.now()
    notice.save(update_fields=["dismissed_at"])
    if request.htmx:  # the list item goes away in place
        return HttpResponse("")
    messages.success(request, "Done: that notice is off your home page.")
    return redirect("home")


@login_not_required
def favicon(request):
    """The app's icon (static/img/favicon.svg), looked up when asked so that production's
    hashed file name is used."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@login_not_required
@never_cache
def healthz(request):
    """For load balancers and docker-compose: can we reach the database and the broker?"""
    status = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        status["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        status["database"] = f"error: {type(exc).__name__}"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        status["broker"] = "ok"
    except Exception as exc:  # noqa: BLE001
        status["broker"] = f"error: {type(exc).__name__}"
    healthy = all(v == "ok" for v in status.values())
    return JsonResponse({"status": "ok" if healthy else "error", **status},
                        status=200 if healthy else 503)
