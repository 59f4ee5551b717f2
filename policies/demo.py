"""Demo data: the Online Engagement Policy and a small social media account register."""

from accounts.models import User

from . import services
from .models import SocialAccount

DEMO_ACCOUNTS = [
    ("facebook", "Healthwatch Sutton", "https://www.facebook.com/healthwatchsutton",
     "Sutton residents, families and carers", "News, events and calls for experiences."),
    ("instagram", "@healthwatchsutton", "https://www.instagram.com/healthwatchsutton",
     "Younger residents", "Visual stories of where HWS has made a difference."),
    ("x", "@HWSutton", "https://x.com/HWSutton",
     "Local partners, councillors and the press", "Consultations and public health messages."),
]


def seed() -> None:
    ceo = User.objects.get(email="ceo@example.org")
    moderator = User.objects.get(email="moderator@example.org")
    services.load_policy_document(ceo)
    for platform, handle, url, audience, purpose in DEMO_ACCOUNTS:
        # Accounts that existed before the app: an administrator enters them as active.
        SocialAccount.objects.get_or_create(
            platform=platform, handle=handle,
            defaults={"url": url, "audience": audience, "purpose": purpose,
                      "status": SocialAccount.Status.ACTIVE, "branding_checked": True,
                      "login_location": "Office password manager, shared vault “Social media”"},
        )
    if not SocialAccount.objects.filter(platform="linkedin").exists():
        services.propose_account(
            moderator, reason="Reach health and care professionals and partner organisations.",
            platform="linkedin", handle="Healthwatch Sutton",
            url="https://www.linkedin.com/company/healthwatch-sutton",
            audience="Health and care professionals, partner organisations",
            purpose="Share reports and recruit partners for engagement projects.",
            login_location="Office password manager, shared vault “Social media”",
        )
