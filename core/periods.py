"""The period a report covers: chosen on a form, by default the last twelve months."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone


def default_period() -> tuple[date, date]:
    """The last twelve months, this one included."""
    today = timezone.localdate()
    year, month = (today.year, 1) if today.month == 12 else (today.year - 1, today.month + 1)
    return date(year, month, 1), today


class PeriodForm(forms.Form):
    starts = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    ends = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends:
            if starts > ends:
                raise forms.ValidationError("The period ends before it starts.")
            if starts < date(2000, 1, 1):
                raise forms.ValidationError("The period starts before 2000: check the year.")
            if ends - starts > timedelta(days=366 * 5):
                raise forms.ValidationError("Choose a period of five years at most.")
        return data


def asked_period(request, form_class: type[forms.Form] = PeriodForm):
    """The period asked for by `starts` and `ends` in the query string, or the last twelve
    months when none was: (the form to show, starts, ends, ""). A wrong period gives the last
    twelve months too, an empty form and the reason as the last item, for the page to show or
    the download to refuse with."""
    starts, ends = default_period()
    asked = {k: request.GET[k] for k in ("starts", "ends") if request.GET.get(k)}
    form = form_class(asked or None, initial={"starts": starts, "ends": ends})
    if not asked:
        return form, starts, ends, ""
    if form.is_valid():
        return form, form.cleaned_data["starts"], form.cleaned_data["ends"], ""
    problems = " ".join(e for errors in form.errors.values() for e in errors)
    return form_class(initial={"starts": starts, "ends": ends}), starts, ends, problems
