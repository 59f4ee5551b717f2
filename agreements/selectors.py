"""The reads behind the agreement pages, and the questions other apps ask (has this person
signed the current agreement?). Each runs a fixed number of queries whatever the rows."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet, Subquery

from accounts.models import User, UserRole
from accounts.roles import SIGNER_ROLES

from .models import AgreementDraft, AgreementVersion, Signature


def _current_version_id() -> Subquery:
    return Subquery(AgreementVersion.objects.order_by("-number").values("pk")[:1])


def current_version() -> AgreementVersion | None:
    """The latest published version, or None before any is loaded. One query."""
    return AgreementVersion.objects.order_by("-number").first()


def has_signed_current(user) -> bool:
    """Has `user` signed the latest published version? One query; False if there is none."""
    if not getattr(user, "pk", None):
        return False
    return Signature.objects.filter(user=user, version_id=_current_version_id()).exists()


def signed_current_user_ids(user_ids: Iterable[int]) -> set[int]:
    """Which of `user_ids` have signed the latest published version. One query, for lists."""
    ids = list(user_ids)
    if not ids:
        return set()
    return set(
        Signature.objects.filter(user_id__in=ids, version_id=_current_version_id())
        .values_list("user_id", flat=True)
    )


def version_by_number(number: int) -> AgreementVersion | None:
    return AgreementVersion.objects.filter(number=number).first()


def versions() -> QuerySet[AgreementVersion]:
    return AgreementVersion.objects.select_related("published_by").order_by("-number")


def draft() -> AgreementDraft | None:
    return AgreementDraft.objects.select_related("based_on", "updated_by").first()


def signatures_of(user) -> list[Signature]:
    """A person's own signatures, newest version first."""
    return list(
        Signature.objects.filter(user=user).select_related("version").order_by("-version__number")
    )


def signature_by_reference(reference) -> Signature | None:
    return (
        Signature.objects.select_related("user", "version").filter(reference=reference).first()
    )


def signers() -> QuerySet[User]:
    """Approved, active people who hold a role that signs the agreement."""
    return User.objects.with_role(*SIGNER_ROLES).order_by("full_name", "email")


class RegisterStatus:
    CURRENT = "current"
    OLDER = "older"
    NEVER = "never"

    LABELS = {
        CURRENT: "Signed the current version",
        OLDER: "Signed an older version only",
        NEVER: "Never signed",
    }
    BADGES = {CURRENT: "text-bg-success", OLDER: "text-bg-warning", NEVER: "text-bg-danger"}


@dataclass(frozen=True)
class RegisterRow:
    person: User
    roles: list[str]
    latest: Signature | None  # their signature of the latest version they signed
    status: str

    @property
    def status_label(self) -> str:
        return RegisterStatus.LABELS[self.status]

    @property
    def badge(self) -> str:
        return RegisterStatus.BADGES[self.status]


def register(
    *, role: str = "", status: str = ""
) -> tuple[AgreementVersion | None, list[RegisterRow]]:
    """Everyone who signs the agreement, with the latest version each has signed.

    Three queries whatever the number of people: the current version, the people with their
    roles, and their signatures with the versions.
    """
    version = current_version()
    people = signers()
    if role:
        people = people.filter(roles__role=role)
    people = people.prefetch_related(
        Prefetch("roles", queryset=UserRole.objects.order_by("role")),
        Prefetch(
            "agreement_signatures",
            queryset=Signature.objects.select_related("version").order_by("-version__number"),
        ),
    )
    rows = []
    for person in people:
        signed = list(person.agreement_signatures.all())
        latest = signed[0] if signed else None
        if latest is None:
            row_status = RegisterStatus.NEVER
        elif version is not None and latest.version_id == version.pk:
            row_status = RegisterStatus.CURRENT
        else:
            row_status = RegisterStatus.OLDER
        if status and row_status != status:
            continue
        rows.append(RegisterRow(
            person=person,
            roles=[r.get_role_display() for r in person.roles.all()],
            latest=latest,
            status=row_status,
        ))
    return version, rows


def unsigned_signers() -> tuple[AgreementVersion | None, list[tuple[User, bool]]]:
    """Signers who have not signed the current version, each with whether they signed an
    older one (they are asked to sign again) or never signed."""
    version, rows = register()
    if version is None:
        return None, []
    return version, [
        (row.person, row.status == RegisterStatus.OLDER)
        for row in rows
        if row.status != RegisterStatus.CURRENT
    ]
