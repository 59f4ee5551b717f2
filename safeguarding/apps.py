from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    """Safeguarding concerns found in comments (a risk of suicide or self-harm, a disclosure of
    abuse or neglect): the lead the Chief Executive names is told at once, and records what was
    done. Not one of the policy's deletion terms: a reason to reach the person."""

    name = "safeguarding"
