import datetime

from django import forms
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role

from . import emails, phones
from .models import AgreementRule, Breach, Group, MonitoringLog

# As many weeks as the weekly monitoring page shows (selectors.monitoring).
MONITORING_WEEKS_SHOWN = 8


class MobileField(forms.CharField):
    """A mobile number, checked with phonenumbers (UK by default), cleaned to E.164."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("label", "Mobile number")
        kwargs.setdefault("help_text", "A UK mobile (07…) or, from another country, + and the "
                                       "country code.")
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})

    def clean(self, value):
        value = super().clean(value)
        try:
            return phones.normalise_mobile(value)
        except phones.InvalidMobile as exc:
            raise forms.ValidationError(str(exc), code="invalid_mobile") from exc


class OptInForm(forms.Form):
    group = forms.ModelChoiceField(queryset=Group.objects.none(), empty_label=None,
                                   widget=forms.RadioSelect, label="Group")
    mobile = MobileField()
    permission = forms.BooleanField(
        label="I give this permission.",
        error_messages={"required": "Tick the box to give your permission: without it we "
                                    "cannot add you."},
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.filter(pk__in=[g.pk for g in groups])
        if len(groups) == 1:
            self.fields["group"].initial = groups[0].pk
            self.fields["group"].widget = forms.HiddenInput()


class EmailRequestForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=User.objects.none(), label="Who sent the email",
        help_text="Only directors and volunteers are listed.",
    )
    group = forms.ModelChoiceField(queryset=Group.objects.filter(is_active=True),
                                   empty_label=None)
    mobile = MobileField(help_text="The mobile number given in the email.")
    message = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), required=False,
                              label="The email's text",
                              help_text="Paste it here, or upload the email below.")
    email_file = forms.FileField(required=False, label="Or the email as a file (.eml or .txt)")
    permission = forms.BooleanField(
        label="The email gives the person's explicit permission to be added with this number.",
        error_messages={"required": "Tick the box to confirm that the email gives permission."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        roles = [*Group.objects.filter(is_active=True).values_list("role", flat=True),
                 Role.STAFF]
        self.fields["person"].queryset = User.objects.with_role(*roles).order_by(
            "full_name", "email"
        )

    def clean_email_file(self):
        upload = self.cleaned_data.get("email_file")
        if upload is None:
            return None
        data = upload.read()
        try:
            emails.readable_text(upload.name, data)
        except emails.UnreadableEmail as exc:
            raise forms.ValidationError(str(exc)) from exc
        upload.seek(0)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("message") or "").strip() and not cleaned.get("email_file") and (
                "email_file" not in self.errors):
            raise forms.ValidationError("Paste the email's text or upload the email "
                                        "(.eml or .txt): the request keeps it.")
        return cleaned


class DeclineForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Reason",
                             help_text="The person is told this, on their home page and by email.",
                             error_messages={"required": "Give the reason: the person is told "
                                                         "why their request was declined."})


class AddedForm(forms.Form):
    added = forms.BooleanField(label="I have added this number to the WhatsApp group.",
                               error_messages={"required": "Tick the box once you have added the "
                                                           "number in WhatsApp."})


class RemovedForm(forms.Form):
    removed = forms.BooleanField(label="I have removed this person from the WhatsApp group.",
                                 error_messages={"required": "Tick the box once you have removed "
                                                             "them in WhatsApp."})


class MonitoringForm(forms.Form):
    group = forms.ModelChoiceField(queryset=Group.objects.filter(is_active=True),
                                   empty_label=None)
    monitored_on = forms.DateField(label="Date monitored",
                                   widget=forms.DateInput(attrs={"type": "date"},
                                                          format="%Y-%m-%d"))
    outcome = forms.ChoiceField(
        choices=[(MonitoringLog.Outcome.NOTHING_FOUND, "Nothing found"),
                 (MonitoringLog.Outcome.ISSUES_FOUND, "Issues found")],
        widget=forms.RadioSelect)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                            help_text="Required when issues were found: what, and what you did.")

    def clean_monitored_on(self):
        day = self.cleaned_data["monitored_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date of the monitoring cannot be in the future.")
        # Only the weeks the monitoring page shows can be logged: an older log would be kept
        # but never seen, and would not fill any week the weekly task marks as missed.
        oldest = timezone.localdate() - datetime.timedelta(weeks=MONITORING_WEEKS_SHOWN - 1)
        oldest -= datetime.timedelta(days=oldest.weekday())
        if day < oldest:
            raise forms.ValidationError(
                f"Only the last {MONITORING_WEEKS_SHOWN} weeks can be logged: give a date on or "
                f"after {oldest:%-d %b %Y}.")
        return day

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == MonitoringLog.Outcome.ISSUES_FOUND and not (
                cleaned.get("notes") or "").strip():
            self.add_error("notes", "Describe the issues found.")
        return cleaned


class BreachForm(forms.Form):
    rule = forms.ModelChoiceField(queryset=AgreementRule.objects.all(), empty_label=None,
                                  label="Rule of the agreement broken")
    what_happened = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}),
                                    label="What happened",
                                    help_text="The member can read this.")
    action = forms.ChoiceField(choices=Breach.Action.choices, widget=forms.RadioSelect,
                               label="Action taken",
                               help_text="A removal follows the leave path: you are asked to "
                                         "remove them in WhatsApp and their number is erased.")
