from django import forms

from accounts.models import User

from .models import Response
from .selectors import SAFEGUARDING_ROLES


class LeadForm(forms.Form):
    lead = forms.ModelChoiceField(
        queryset=User.objects.none(), label="Safeguarding lead",
        help_text="Told at once when a comment suggests someone may be at risk; records what "
        "was done.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = User.objects.with_role(*SAFEGUARDING_ROLES).order_by(
            "full_name", "email"
        )


class ResponseForm(forms.Form):
    action = forms.ChoiceField(
        choices=Response.Action.choices, widget=forms.RadioSelect, label="What was done"
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Details",
        help_text="When, with whom, any reference given. Required for “No action”: the reason.",
    )
