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
