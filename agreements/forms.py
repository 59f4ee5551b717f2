from django import forms

from accounts.roles import SIGNER_ROLES, Role

from .models import AGREEMENT_STATEMENT
from .selectors import RegisterStatus
from .services import name_matches_account


class SignForm(forms.Form):
    agreed = forms.BooleanField(
        label=AGREEMENT_STATEMENT,
        error_messages={"required": "Tick the box to say you agree to abide by the guidelines."},
    )
    printed_name = forms.CharField(
        label="Your full name (printed name and typed signature)",
        max_length=150,
        help_text="Typing your name here and pressing “Sign the agreement” is your signature.",
        error_messages={"required": "Type your name in full: it is your signature."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    # The fingerprint of the text the page showed: signing is refused if it differs from the
    # current version's, so nobody signs a text they did not see.
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=64)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["printed_name"].initial = user.get_full_name()

    def clean_printed_name(self) -> str:
        name = " ".join(self.cleaned_data["printed_name"].split())
        if not name:
            raise forms.ValidationError("Type your name in full: it is your signature.")
        if not name_matches_account(self.user, name):
            raise forms.ValidationError(
                f"Type your name as it is on your account: {self.user.get_full_name()}. "
                "Capitals, spaces and accents do not matter. If that name is wrong, ask the "
                "administrator to correct it before you sign."
            )
        return name


class DraftForm(forms.Form):
    title = forms.CharField(max_length=200)
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 24, "class": "font-monospace"}),
        help_text="Markdown: a line starting with “- ” is a list item, **double stars** make "
                  "bold, a line starting with “# ” is a heading.",
    )


ROLE_CHOICES = [("", "All roles"), *[(r.value, r.label) for r in Role if r in SIGNER_ROLES]]
STATUS_CHOICES = [("", "Everyone"), *RegisterStatus.LABELS.items()]


class RegisterFilterForm(forms.Form):
    role = forms.ChoiceField(choices=ROLE_CHOICES, required=False)
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False)
