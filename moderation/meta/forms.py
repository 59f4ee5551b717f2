from django import forms


class ConnectForm(forms.Form):
    access_token = forms.CharField(
        label="Page access token",
        strip=True,
        max_length=1000,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text="A long-lived token of a Meta system user with the Page's tasks, or one from "
        "Facebook Login. It is checked with Meta at once, kept encrypted and never shown again.",
    )
