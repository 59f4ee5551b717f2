"""Demo data: version 1 of the agreement, signed by some of the demo people."""

from accounts.models import User

from . import services
from .models import AgreementVersion, Signature

# Some have signed, some have not: the register and the home page show both.
DEMO_SIGNERS = ["chair@example.org", "director2@example.org", "volunteer@example.org",
                "volunteer2@example.org"]


def seed() -> None:
    services.load_seed_version()
    version = AgreementVersion.objects.order_by("-number").first()
    for email in DEMO_SIGNERS:
        user = User.objects.filter(email=email).first()
        if user is None or Signature.objects.filter(user=user, version=version).exists():
            continue
        services.sign(
            user, version, printed_name=user.full_name, shown_sha256=version.sha256,
            ip_address="127.0.0.1", user_agent="HWS Engage demo data",
        )
