from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils import timezone

from .models import Absence


class SignupForm(AllauthSignupForm):
    full_name = forms.CharField(
        label="Your full name", max_length=150,
        help_text="As you would print it on the WhatsApp Group Chat Agreement.",
    )
    field_order = ["full_name", "email", "password1", "password2"]


class AbsenceForm(forms.ModelForm):
    class Meta:
        model = Absence
        fields = ["starts_on", "ends_on", "note"]
        labels = {"starts_on": "Away from", "ends_on": "Back after", "note": "Note (optional)"}
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The last day away cannot be before the first.")
        elif ends and ends < timezone.localdate():
            # A past absence changes nothing and would vanish from the page on saving.
            self.add_error("ends_on", "This absence is already over: give a last day that is "
                                      "today or later.")
        return cleaned
