from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils import timezone

from .models import Absence
from .shortcuts import SHORTCUTS


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


class ShortcutsForm(forms.Form):
    """On or off, and one key per action: a single letter or digit, each used once."""

    shortcuts_on = forms.BooleanField(
        label="Use single-key shortcuts on the moderation pages", required=False,
        help_text="Turn them off if you use speech input, or if keys get pressed by mistake.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shortcuts_on"].initial = user.shortcuts_on
        for usual, label in SHORTCUTS:
            self.fields[f"key_{usual}"] = forms.CharField(
                label=label, max_length=1, initial=(user.shortcut_keys or {}).get(usual, usual),
                error_messages={"required": "Give one key (a letter or a digit).",
                                "max_length": "One key only: a single letter or digit."},
                widget=forms.TextInput(attrs={"class": "key-input", "autocomplete": "off",
                                              "size": 2}),
            )

    def clean(self):
        cleaned = super().clean()
        seen: dict[str, str] = {}
        for usual, label in SHORTCUTS:
            name = f"key_{usual}"
            key = (cleaned.get(name) or "").strip().lower()
            if not key:
                continue
            if not (key.isascii() and key.isalnum()):
                self.add_error(name, "Use a letter (a–z) or a digit (0–9).")
            elif key in seen:
                self.add_error(name, f"“{key}” is already the key for “{seen[key]}”.")
            else:
                seen[key] = label
                cleaned[name] = key
        return cleaned

    def keys(self) -> dict[str, str]:
        """Only the keys that differ from the usual ones."""
        return {usual: self.cleaned_data[f"key_{usual}"] for usual, _ in SHORTCUTS
                if self.cleaned_data[f"key_{usual}"] != usual}
