from django import forms
from django.utils.text import capfirst

from ..models import Decision, ReplyTemplate
from ..terms import Characteristic, Term
from .selectors import KEEP_AT_ONCE

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

    @classmethod
    def panel(
        cls, kind: str, *, item, seen: int, corrects: Decision | None, found_terms: set[str],
        found_characteristics: set[str], prefix: str,
    ) -> "DecisionForm":
        """The form behind one decision panel of the item page (`kind` is a key of
        PANEL_FIELDS): only the fields that kind of decision asks for, screening's findings
        ticked."""
        form = cls(
            auto_id=f"{prefix}-{kind}-%s",
            initial={
                "action": Decision.Action.BLOCK_DELETE if kind == "block" else kind,
                "seen": seen,
                "corrects": corrects.pk if corrects else None,
                "terms": sorted(found_terms),
                "characteristics": sorted(found_characteristics),
            },
        )
        wanted = ["action", *PANEL_FIELDS[kind], "note", "seen"]
        wanted += ["corrects"] if corrects else []
        for name in set(form.fields) - set(wanted):
            del form.fields[name]
        form.order_fields(wanted)
        fields = form.fields
        for name in {"seen", "corrects"} & set(fields):
            fields[name].widget = forms.HiddenInput()
        if kind == "block":
            fields["action"].label = "Block"
            fields["action"].choices = [
                (Decision.Action.BLOCK_DELETE, f"Delete this comment and block {item.author}"),
                (Decision.Action.BLOCK, f"Block {item.author}, leave the comment"),
            ]
            fields["action"].widget = forms.RadioSelect(choices=fields["action"].choices)
            # One of the two is always ticked: no "required" mark on the choice.
            fields["action"].required = False
        else:
            fields["action"].widget = forms.HiddenInput()
        if "report_reference" in fields:
            fields["report_reference"].label = "The platform's report reference"
            fields["report_reference"].widget.attrs.update(
                {"required": True, "data-autofocus": True}
            )
        if "characteristics" in fields:
            fields["characteristics"].label = "Aimed at (protected characteristics)"
            fields["characteristics"].widget = forms.CheckboxSelectMultiple(
                choices=Characteristic.choices
            )
        if "also_delete" in fields:
            fields["also_delete"].label = "Also delete the comment (cite a term below)"
        if "terms" in fields:
            fields["terms"].label = (
                "Cite the policy's terms (at least one)" if kind in ("delete", "block")
                else "Policy terms (optional)"
            )
            fields["terms"].widget = forms.CheckboxSelectMultiple(
                choices=[(slug, capfirst(label)) for slug, label in Term.choices]
            )
        fields["note"].label = "Why it stays (optional)" if kind == "keep" else "Note (optional)"
        fields["note"].widget = forms.Textarea(attrs={"rows": 2, "maxlength": 4000})
        return form


# What each decision panel asks for besides the decision itself and a note.
PANEL_FIELDS = {
    "keep": [],
    "hide": ["terms"],
    "delete": ["terms"],
    "block": ["terms"],
    "report": ["report_reference", "also_delete", "terms"],
    "escalate": ["characteristics", "also_delete", "terms"],
}


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


class ItemIdsField(forms.Field):
    """Comment ids posted as a repeated field (ticked boxes, or hidden inputs)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        try:
            ids = [int(v) for v in value or ()]
        except (TypeError, ValueError) as exc:
            raise forms.ValidationError("Those are not comments of the queue.") from exc
        return list(dict.fromkeys(i for i in ids if i > 0))


class KeepForm(forms.Form):
    """The comments a moderator chose to keep on the Not flagged tab."""

    item = ItemIdsField(error_messages={"required": "Tick the comments to keep."})

    def clean_item(self) -> list[int]:
        ids = self.cleaned_data["item"]
        if not ids:
            raise forms.ValidationError("Tick the comments to keep.")
        if len(ids) > KEEP_AT_ONCE:
            raise forms.ValidationError(f"Keep at most {KEEP_AT_ONCE} comments at once.")
        return ids
