from datetime import date

from django import forms
from django.utils import timezone

from core.periods import PeriodForm
from moderation.models import Channel

from .models import Experience, Service, Theme


class ExperienceForm(forms.Form):
    """Service, themes and sentiment: what the moderator accepts or corrects."""

    service = forms.ModelChoiceField(
        queryset=Service.objects.filter(active=True), empty_label="Choose the service…")
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.filter(active=True), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one theme."})
    sentiment = forms.ChoiceField(choices=Experience.Sentiment.choices,
                                  widget=forms.RadioSelect)


class LogExperienceForm(ExperienceForm):
    """An experience told elsewhere: a phone call, an event, an email."""

    source = forms.ChoiceField(
        label="How it was told",
        choices=[c for c in Experience.Source.choices if c[0] != Experience.Source.COMMENT])
    happened_on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(
        label="What they told us", max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Phone numbers, emails, postcodes, addresses and NHS numbers are replaced by "
                  "their kind (e.g. [phone]) when saved.")

    field_order = ["source", "happened_on", "text", "service", "themes", "sentiment"]

    def clean_happened_on(self):
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date is in the future.")
        if day < date(2000, 1, 1):
            raise forms.ValidationError("The date is before 2000: check the year.")
        return day


class ThanksForm(forms.Form):
    text = forms.CharField(label="Reply", max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))


class TrendFilterForm(PeriodForm):
    channel = forms.ModelChoiceField(queryset=Channel.objects.all(), required=False,
                                     empty_label="All channels")
    service = forms.ModelChoiceField(queryset=Service.objects.all(), required=False,
                                     empty_label="All services")
    theme = forms.ModelChoiceField(queryset=Theme.objects.all(), required=False,
                                   empty_label="All themes")
    sentiment = forms.ChoiceField(choices=[("", "Any sentiment"), *Experience.Sentiment.choices],
                                  required=False)
