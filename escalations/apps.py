from django.apps import AppConfig


class EscalationsConfig(AppConfig):
    """Hate-crime escalations (policy §4.1): a comment raised with the Chief Executive, its
    evidence, the review, the consultations and the decision on a police report."""

    name = "escalations"
