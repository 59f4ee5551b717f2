from django import forms

from ..models import Decision, ReplyTemplate
from ..terms import Characteristic, Term

# The longest private reply the app sends; a template longer than this could never be sent.
REPLY_MAX_LENGTH = 4000


class DecisionForm(forms.Form):
    """What the moderator posts; the rules of the policy are checked by
    moderation.queue.services.decide."""

    action = forms.ChoiceField(
        choices=[c for c in Decision.Action.choices if c[0] != Decision.Action.UNBLOCK]
    )
    seen = forms.IntegerField(min_value=0)
    corrects = forms.IntegerField(required=False, min_value=1)
    terms = forms.MultipleChoiceField(choices=Term.choices, required=False)
    note = forms.CharField(required=False, max_length=4000)
    report_reference = forms.CharField(required=False, max_length=120)
    characteristics = forms.MultipleChoiceField(choices=Characteristic.choices, required=False)
    also_delete = forms.BooleanField(required=False)


class UnblockForm(forms.Form):
    reason = forms.CharField(
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why the author may post again. Kept on record with the decision.",
        error_messages={
            "required": "give the reason for unblocking.",
            "max_length": "the reason can be at most %(limit_value)s characters "
                          "(it has %(show_value)s).",
        },
    )


class ReplyForm(forms.Form):
    text = forms.CharField(max_length=REPLY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6}))


class ReplyTemplateForm(forms.ModelForm):
    class Meta:
        model = ReplyTemplate
        fields = ["name", "term", "text", "active"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
        labels = {"term": "Offer after a removal citing"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["maxlength"] = REPLY_MAX_LENGTH

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(text) > REPLY_MAX_LENGTH:
            raise forms.ValidationError(
                f"A reply can be at most {REPLY_MAX_LENGTH:,} characters; this one has "
                f"{len(text):,}. Shorten it."
            )
        return text
