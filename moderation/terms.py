"""The six terms of service in policy §4.1, in the policy's own words (SPEC, Screening)."""

from django.db import models


class Term(models.TextChoices):
    PERSONAL_GAIN = (
        "personal_gain",
        "using the site/tool for personal gain or to solicit business for personal gain",
    )
    INAPPROPRIATE_MATERIAL = (
        "inappropriate_material",
        "posting materials that might be considered inappropriate or offensive",
    )
    INAPPROPRIATE_BEHAVIOUR = (
        "inappropriate_behaviour",
        "behaving in a manner which is considered to be inappropriate or offensive",
    )
    BULLYING = "bullying", "using the page/tool to bully other users"
    DEFAMATORY = (
        "defamatory",
        "posting materials considered to be defamatory or to the detriment of the organisation",
    )
    PERSONAL_DETAILS = "personal_details", "posts personal details, such as address or location"


# What a screening finding may name: the six terms, and a safeguarding concern (someone may be
# at risk). Safeguarding is never a reason to delete or block, so decisions cite `Term` only.
FindingTerm = models.TextChoices(
    "FindingTerm",
    [(term.name, (term.value, term.label)) for term in Term]
    + [("SAFEGUARDING", ("safeguarding", "a safeguarding concern: someone may be at risk"))],
)


class Characteristic(models.TextChoices):
    """The protected characteristics the policy names for hate crime."""

    DISABILITY = "disability", "Disability"
    GENDER_IDENTITY = "gender_identity", "Gender identity"
    RACE = "race", "Race"
    RELIGION_OR_BELIEF = "religion_or_belief", "Religion or belief"
    SEXUAL_ORIENTATION = "sexual_orientation", "Sexual orientation"
