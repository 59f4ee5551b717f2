from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from ..models import Channel, ScreeningWord
from ..terms import Characteristic
from .imports import MAX_FILE_BYTES
from .webhooks import MAX_TEXT_LENGTH, check_posted_at

MAX_SCREENSHOT_BYTES = 5 * 1024 * 1024
SCREENSHOT_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
# The hate lists that group their entries by protected characteristic.
SECTIONED_LISTS = {
    ScreeningWord.List.HATE_SLURS, ScreeningWord.List.HATE_GROUPS, ScreeningWord.List.HATE_PHRASES
}


def _active_channels():
    return Channel.objects.filter(active=True).order_by("platform", "name")


class ChannelForm(forms.ModelForm):
    class Meta:
        model = Channel
        fields = ["platform", "name", "platform_account_id", "social_account", "active"]
        labels = {"social_account": "Account in the register"}

    def clean(self):
        cleaned = super().clean()
        platform = cleaned.get("platform")
        account_id = (cleaned.get("platform_account_id") or "").strip()
        cleaned["platform_account_id"] = account_id
        if platform in (Channel.Platform.FACEBOOK, Channel.Platform.INSTAGRAM) and not account_id:
            self.add_error(
                "platform_account_id",
                "Meta's webhooks name the Page or Instagram account by this id: it is needed "
                "for Facebook and Instagram channels.",
            )
        existing = Channel.objects.filter(platform=platform, platform_account_id=account_id)
        if account_id and self.instance.pk:
            existing = existing.exclude(pk=self.instance.pk)
        if account_id and (other := existing.first()):
            self.add_error(
                "platform_account_id",
                f"“{other.name}” already has this account id: each account is one channel.",
            )
        return cleaned


class CSVUploadForm(forms.Form):
    channel = forms.ModelChoiceField(queryset=Channel.objects.none(),
                                     help_text="The account or website the comments were on.")
    file = forms.FileField(
        label="CSV file",
        help_text="A header row with the columns id, author, text, posted_at (and optionally "
        "permalink, author_id). UTF-8, at most 1 MB and 5,000 rows.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = _active_channels()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is 1 MB. "
                "Split the export into smaller files."
            )
        return upload


class ManualCommentForm(forms.Form):
    channel = forms.ModelChoiceField(queryset=Channel.objects.none(),
                                     help_text="Where the comment was posted.")
    author_name = forms.CharField(label="Author", max_length=255)
    text = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 5}),
                           max_length=MAX_TEXT_LENGTH)
    posted_at = forms.DateTimeField(
        label="Posted at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="UK time.",
    )
    permalink = forms.URLField(label="Link to the comment", required=False, max_length=500,
                               assume_scheme="https")
    platform_item_id = forms.CharField(
        label="Comment id on the platform", required=False, max_length=255,
        help_text="If you know it: the same comment arriving later is then not stored twice.",
    )
    screenshot = forms.ImageField(
        required=False,
        help_text="Optional: PNG, JPEG, GIF or WebP, at most 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/gif,"
                                                         "image/webp"}),
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text="Where and how you saw it.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = _active_channels()

    def clean_posted_at(self):
        posted_at = self.cleaned_data["posted_at"]
        try:
            check_posted_at(posted_at, timezone.now())
        except ValueError:
            raise ValidationError(
                "Give a time from 1 January 2000 up to now: a comment cannot have this one."
            ) from None
        if posted_at > timezone.now() + timezone.timedelta(minutes=5):
            raise ValidationError("That time is in the future.")
        return posted_at

    def clean_screenshot(self):
        image = self.cleaned_data.get("screenshot")
        if not image:
            return image
        if image.size > MAX_SCREENSHOT_BYTES:
            raise ValidationError(
                f"The screenshot is {image.size / 1024 / 1024:.1f} MB; the limit is 5 MB."
            )
        # ImageField has opened it with Pillow; only ordinary picture formats are kept.
        if getattr(image, "image", None) is None or image.image.format not in SCREENSHOT_FORMATS:
            raise ValidationError("Upload a PNG, JPEG, GIF or WebP picture.")
        return image


class ScreeningWordForm(forms.Form):
    list = forms.ChoiceField(choices=ScreeningWord.List.choices, widget=forms.HiddenInput)
    text = forms.CharField(label="Word or phrase", max_length=200,
                           widget=forms.TextInput(attrs={"class": "form-control"}))
    characteristic = forms.ChoiceField(
        choices=[("", "—"), *Characteristic.choices], required=False,
        label="Protected characteristic", widget=forms.Select(attrs={"class": "form-select"}),
    )

    def clean_text(self):
        text = " ".join(self.cleaned_data["text"].split())
        if not text:
            raise ValidationError("Type a word or phrase.")
        return text

    def clean(self):
        cleaned = super().clean()
        word_list, text = cleaned.get("list"), cleaned.get("text")
        characteristic = cleaned.get("characteristic") or ""
        if word_list in SECTIONED_LISTS and not characteristic:
            self.add_error("characteristic",
                           "Choose the protected characteristic this entry is about.")
        if word_list and word_list not in SECTIONED_LISTS:
            cleaned["characteristic"] = ""
        if word_list and text and ScreeningWord.objects.filter(
            list=word_list, text__iexact=text
        ).exists():
            self.add_error("text", f"“{text}” is already on this list.")
        return cleaned
