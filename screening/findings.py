"""What a detector reports: one Finding per matched piece of a comment."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# The six terms of service in policy §4.1, as the app names them.
PERSONAL_GAIN = "personal_gain"
INAPPROPRIATE_MATERIAL = "inappropriate_material"
INAPPROPRIATE_BEHAVIOUR = "inappropriate_behaviour"
BULLYING = "bullying"
DEFAMATORY = "defamatory"
PERSONAL_DETAILS = "personal_details"
TERMS = (
    PERSONAL_GAIN,
    INAPPROPRIATE_MATERIAL,
    INAPPROPRIATE_BEHAVIOUR,
    BULLYING,
    DEFAMATORY,
    PERSONAL_DETAILS,
)

# Not a term of service: a safeguarding concern (a risk of suicide or
# self-harm, a disclosure of abuse or neglect) is never a reason to delete a
# comment; it is a reason to reach the person, before anything else.
SAFEGUARDING = "safeguarding"

# The protected characteristics the policy names for hate crime.
CHARACTERISTICS = (
    "disability",
    "gender_identity",
    "race",
    "religion_or_belief",
    "sexual_orientation",
)

# Severity orders the moderation queue: a safeguarding concern first, then a
# possible hate crime, then anything that exposes or attacks a person, then
# what is merely rude.
SEVERITY_SAFEGUARDING = 5
SEVERITY_HATE = 4
SEVERITY_HIGH = 3
SEVERITY_MEDIUM = 2
SEVERITY_LOW = 1

# kind -> (term, severity). One table so the queue, the CLI and the tests agree.
KINDS: dict[str, tuple[str, int]] = {
    "postcode": (PERSONAL_DETAILS, SEVERITY_HIGH),
    "phone": (PERSONAL_DETAILS, SEVERITY_HIGH),
    "email": (PERSONAL_DETAILS, SEVERITY_HIGH),
    "nhs_number": (PERSONAL_DETAILS, SEVERITY_HIGH),
    "street_address": (PERSONAL_DETAILS, SEVERITY_HIGH),
    "location": (PERSONAL_DETAILS, SEVERITY_HIGH),
    "profanity": (INAPPROPRIATE_MATERIAL, SEVERITY_MEDIUM),
    "banned_word": (INAPPROPRIATE_MATERIAL, SEVERITY_HIGH),
    "suspect_word": (INAPPROPRIATE_MATERIAL, SEVERITY_LOW),
    "insult": (BULLYING, SEVERITY_HIGH),
    "abuse": (INAPPROPRIATE_BEHAVIOUR, SEVERITY_HIGH),
    "solicitation": (PERSONAL_GAIN, SEVERITY_MEDIUM),
    "hate": (INAPPROPRIATE_BEHAVIOUR, SEVERITY_HATE),
    "defamation": (DEFAMATORY, SEVERITY_LOW),
    "self_harm": (SAFEGUARDING, SEVERITY_SAFEGUARDING),
    "abuse_disclosure": (SAFEGUARDING, SEVERITY_SAFEGUARDING),
}
PERSONAL_DETAIL_KINDS = ("postcode", "phone", "email", "nhs_number", "street_address", "location")
SAFEGUARDING_KINDS = ("self_harm", "abuse_disclosure")
# What the overdue clock counts as abuse of a person or of HWS: an insult aimed
# at someone (bullying), profanity aimed at someone (abuse), and hate.
ABUSE_KINDS = ("insult", "abuse", "hate")


@dataclass(frozen=True)
class Finding:
    term: str
    kind: str
    match: str
    start: int
    end: int
    severity: int
    characteristic: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The shape printed by the `screen` command."""
        return {
            "term": self.term,
            "kind": self.kind,
            "match": self.match,
            "start": self.start,
            "end": self.end,
        }

    def as_full_dict(self) -> dict[str, Any]:
        """Everything, for storing a finding beside its moderation item."""
        return asdict(self)


def make_finding(
    text: str, kind: str, start: int, end: int, characteristic: str | None = None
) -> Finding:
    """Build a Finding for text[start:end], taking term and severity from KINDS."""
    term, severity = KINDS[kind]
    return Finding(
        term=term,
        kind=kind,
        match=text[start:end],
        start=start,
        end=end,
        severity=severity,
        characteristic=characteristic,
    )
