import datetime

from django import forms
from django.utils import timezone

# A longer range is a sign of a typing mistake; the CEO exports year by year.
AUDIT_EXPORT_MAX_DAYS = 366


class FindPersonForm(forms.Form):
    q = forms.CharField(
        label="Name, email or platform id they gave", max_length=200,
        error_messages={"required": "Type the name, email or platform id the person gave."},
    )


class ErasureForm(forms.Form):
    received_on = forms.DateField(
        label="Request received on", widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Give the date the request was received.",
                        "invalid": "Give the date as day, month and year."},
    )
    confirm = forms.BooleanField(
        label="I have checked that the request comes from this person.",
        error_messages={"required": "Tick the box once you have checked who is asking."},
    )

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date received cannot be in the future.")
        return day


class AuditExportForm(forms.Form):
    starts_on = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}),
                                error_messages={"required": "Give the first day.",
                                                "invalid": "Give the first day as a date."})
    ends_on = forms.DateField(label="To (inclusive)",
                              widget=forms.DateInput(attrs={"type": "date"}),
                              error_messages={"required": "Give the last day.",
                                              "invalid": "Give the last day as a date."})

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends:
            if ends < starts:
                raise forms.ValidationError("The last day is before the first day.")
            if ends - starts > datetime.timedelta(days=AUDIT_EXPORT_MAX_DAYS):
                raise forms.ValidationError(
                    f"Export at most {AUDIT_EXPORT_MAX_DAYS} days at a time.")
        return data
