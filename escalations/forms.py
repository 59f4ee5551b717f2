"""What the reviewer types on an escalation's page; the rules are checked again by
escalations.services, which refuses anything these forms would let through by mistake."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from moderation.terms import Characteristic

from .models import DEFAULT_POLICE_FORCE, EscalationOutcome

# What <input type="date"> and "datetime-local" send and expect back.
DATE_ISO = "%Y-%m-%d"
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class ConsultationForm(forms.Form):
    consulted = forms.CharField(
        label="Who was consulted", max_length=200,
        help_text="Name and role, e.g. “Charlotte Hale, Chair”.",
    )
    consulted_at = forms.DateTimeField(
        label="When", input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    outcome = forms.CharField(label="Outcome of the consultation", max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def clean_consulted_at(self):
        when = self.cleaned_data["consulted_at"]
        if when > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError("The consultation cannot be in the future.")
        return when


class PoliceReportForm(forms.Form):
    reported_on = forms.DateField(
        label="Date reported", widget=forms.DateInput(attrs={"type": "date"}, format=DATE_ISO),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"required": "Give the date it was reported to the police."},
    )
    police_force = forms.CharField(
        label="Police force", max_length=120, initial=DEFAULT_POLICE_FORCE,
        error_messages={"required": "Give the police force it was reported to."},
    )
    how = forms.ChoiceField(
        label="How it was reported", choices=EscalationOutcome.How.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how it was reported: 101, online or in person."},
    )
    crime_reference = forms.CharField(
        label="Crime reference number", max_length=60, required=False,
        help_text="If the police have given one yet; it can be added later, once.",
    )

    def clean_reported_on(self):
        day = self.cleaned_data["reported_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date reported cannot be in the future.")
        return day


class NoReportForm(forms.Form):
    judgement = forms.ChoiceField(
        label="Your judgement", choices=EscalationOutcome.Judgement.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether it is not a hate crime or cannot be reported."},
    )
    reason = forms.CharField(
        label="Why", max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason for your judgement."},
    )


class CrimeReferenceForm(forms.Form):
    reference = forms.CharField(
        label="Crime reference number", max_length=60,
        error_messages={"required": "Enter the crime reference number."},
    )


class ReportRangeForm(forms.Form):
    starts = forms.DateField(
        label="From", widget=forms.DateInput(attrs={"type": "date"}, format=DATE_ISO),
        error_messages={"required": "Give the first day of the range (From).",
                        "invalid": "“From” is not a date."})
    ends = forms.DateField(
        label="To", widget=forms.DateInput(attrs={"type": "date"}, format=DATE_ISO),
        error_messages={"required": "Give the last day of the range (To).",
                        "invalid": "“To” is not a date."})

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends:
            if ends < starts:
                raise forms.ValidationError("The end of the range is before its start.")
            if (ends - starts).days > 366 * 5:
                raise forms.ValidationError("Choose a range of five years at most.")
        return data


class BreachEscalationForm(forms.Form):
    """A moderator escalates what a member posted in a WhatsApp group, from its breach."""

    characteristics = forms.MultipleChoiceField(
        label="Aimed at (protected characteristics)", choices=Characteristic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the protected characteristic(s) what was posted "
                                    "is aimed at."},
    )
    note = forms.CharField(
        label="Why it may be a hate crime", max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The Chief Executive (or whoever reviews it) reads this with the evidence.",
        error_messages={"required": "Say why it may be a hate crime."},
    )
