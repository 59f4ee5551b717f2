import re

from django import forms
from django.utils import timezone

from accounts.models import User

from .models import Capacity, SocialAccount

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _officers():
    return User.objects.filter(
        approval=User.Approval.APPROVED, is_active=True, roles__isnull=False
    ).distinct().order_by("full_name", "email")


class PolicyVersionForm(forms.Form):
    title = forms.CharField(max_length=200)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 24, "class": "font-monospace"}),
        help_text="Markdown: a line starting “## ” is a heading, “- ” a list item; a blank line "
                  "between paragraphs.",
    )
    approved_on = forms.DateField(widget=DATE)
    approved_by = forms.CharField(
        max_length=200, initial="Healthwatch Sutton Board of Directors",
        help_text="The body that approved this version.",
    )
    review_due = forms.DateField(label="To be reviewed by", widget=DATE)
    responsible_officer = forms.ModelChoiceField(queryset=User.objects.none())
    responsible_officer_title = forms.CharField(
        max_length=200, initial="Chief Executive Officer of Healthwatch Sutton",
        help_text="The post as the policy names it.",
    )
    change_note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What changed and why, for the history.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_officer"].queryset = _officers()

    def clean_title(self):
        title = self.cleaned_data["title"]
        if not any(ch.isalnum() for ch in title):
            raise forms.ValidationError("The title needs at least one letter or number.")
        return title

    def clean(self):
        data = super().clean()
        approved_on, review_due = data.get("approved_on"), data.get("review_due")
        if approved_on and approved_on > timezone.localdate():
            self.add_error("approved_on", "The approval date cannot be in the future.")
        if approved_on and review_due and review_due <= approved_on:
            self.add_error("review_due", "The review date must be after the approval date.")
        return data


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(widget=DATE, initial=timezone.localdate)
    next_review_due = forms.DateField(
        widget=DATE, help_text="Alerts start again 90 days before this date."
    )
    notes = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What was reviewed, by whom, and what was decided.",
    )

    def clean(self):
        data = super().clean()
        reviewed_on, due = data.get("reviewed_on"), data.get("next_review_due")
        today = timezone.localdate()
        if reviewed_on and reviewed_on > today:
            self.add_error("reviewed_on", "The review date cannot be in the future.")
        if due and (due <= today or (reviewed_on and due <= reviewed_on)):
            self.add_error("next_review_due", "The next review must be due after today.")
        return data


_PASSWORD_PHRASE = re.compile(r"\b(password|passwd|pwd|pw|pass|passcode|pin)\s*(is\b|=|:)", re.I)
_PASSWORD_MANAGERS = {"1password", "lastpass", "bitwarden", "keepass", "keepassxc", "dashlane"}


def looks_like_a_password(text: str) -> bool:
    """A note of *where* the login is kept reads like words; a password does not."""
    text = text.strip()
    if _PASSWORD_PHRASE.search(text):
        return True
    if " " in text or len(text) < 6 or text.lower() in _PASSWORD_MANAGERS:
        return False
    kinds = sum(bool(re.search(p, text)) for p in (r"[a-z]", r"[A-Z]", r"\d", r"[^\w\s]"))
    return kinds >= 3


class SocialAccountForm(forms.ModelForm):
    class Meta:
        model = SocialAccount
        fields = ["platform", "handle", "url", "audience", "purpose", "branding_checked",
                  "login_location"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}

    def clean_login_location(self):
        value = self.cleaned_data["login_location"]
        if looks_like_a_password(value):
            raise forms.ValidationError(
                "This looks like a password. Write down only where the login is kept (for "
                "example “office password manager, entry ‘Facebook – HWS’”), never the "
                "password itself."
            )
        return value


class ProposeAccountForm(SocialAccountForm):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why HWS should open this account: the audience it reaches and how it serves "
                  "the strategy.",
    )


class ChangeReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))


class AgreeForm(forms.Form):
    capacity = forms.ChoiceField(choices=Capacity.choices, widget=forms.HiddenInput)
    board_meeting_on = forms.DateField(
        required=False, widget=DATE, label="Date of the Board meeting that agreed",
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("capacity") == Capacity.BOARD and not data.get("board_meeting_on"):
            self.add_error("board_meeting_on", "Give the date of the Board meeting that agreed.")
        meeting = data.get("board_meeting_on")
        if meeting and meeting > timezone.localdate():
            self.add_error("board_meeting_on", "The Board meeting cannot be in the future.")
        return data


class DeclineForm(forms.Form):
    capacity = forms.ChoiceField(choices=Capacity.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label="Why do you decline?",
        help_text="Declining ends the request; the reason is kept with it.",
    )


class ReadConfirmForm(forms.Form):
    confirmed = forms.BooleanField(
        label="I have read this policy, including §5 on staff, directors' and volunteers' "
              "personal social media, and I will act in line with it.",
        error_messages={"required": "Tick the box to confirm that you have read the policy."},
    )
    # The version the page showed: confirming is refused if a newer one came out meanwhile.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PostingAuthoriseForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=User.objects.none(), label="Person to authorise",
        error_messages={"required": "Choose the person to authorise.",
                        "invalid_choice": "Choose an approved person from the list."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _officers()


class PostingWithdrawForm(forms.Form):
    reason = forms.CharField(
        max_length=200, label="Why is it withdrawn?",
        error_messages={"required": "Say why the authorisation is withdrawn."},
    )
