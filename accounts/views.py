from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import services
from .forms import AbsenceForm, ShortcutsForm
from .models import Absence
from .roles import MODERATION_ROLES, Role, role_required


def pending(request):
    """Where a signed-in account that is not (yet) approved always lands."""
    if request.user.is_approved:
        return redirect("home")
    return render(request, "accounts/pending.html")


@role_required(Role.CHIEF_EXECUTIVE, Role.CHAIR)
def absence(request):
    form = AbsenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_absence(request.user, **form.cleaned_data)
        messages.success(
            request,
            "Your absence is recorded. Escalations arriving while you are away go to "
            "whoever stands in for you.",
        )
        return redirect("accounts_absence")
    absences = request.user.absences.filter(ends_on__gte=timezone.localdate())
    return render(request, "accounts/absence.html", {"form": form, "absences": absences})


@require_POST
@role_required(Role.CHIEF_EXECUTIVE, Role.CHAIR)
def end_absence(request, pk: int):
    item = get_object_or_404(Absence, pk=pk, user=request.user)
    services.end_absence(item, actor=request.user)
    messages.success(request, "Welcome back: you are no longer marked absent.")
    return redirect("accounts_absence")


@role_required(*MODERATION_ROLES)
def keyboard(request):
    """Turn the moderation pages' single-key shortcuts off, or choose other keys."""
    form = ShortcutsForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.set_shortcuts(request.user, on=form.cleaned_data["shortcuts_on"],
                               keys=form.keys())
        messages.success(request, "Your keyboard shortcuts are saved." if
                         form.cleaned_data["shortcuts_on"] else
                         "Single-key shortcuts are off for you.")
        return redirect("accounts_keyboard")
    return render(request, "accounts/keyboard.html", {"form": form})
