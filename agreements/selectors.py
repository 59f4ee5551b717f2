"""The reads behind the agreement pages, and the questions other apps ask (has this person
signed the current agreement?). Each runs a fixed number of queries whatever the rows."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC

from django.core.paginator import Page
from django.db.models import (
    Case,
    Count,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)

from accounts.models import User, UserRole
from accounts.roles import SIGNER_ROLES, Role
from core.pagination import paginate

from .models import AgreementDraft, AgreementVersion, Signature

REGISTER_PAGE_SIZE = 50
ROLE_LABELS = dict(Role.choices)


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


def _latest_number_signed_by(user) -> QuerySet:
    return (Signature.objects.filter(user=user).order_by("-version__number")
            .values("version__number")[:1])


def register_people(
    version: AgreementVersion | None, *, role: str = "", status: str = ""
) -> QuerySet[User]:
    """Signers with `latest_number` (the latest version each has signed, or None) and
    `register_status`, both worked out by the database so a filter or a page costs no more
    than its rows."""
    people = signers()
    if role:
        people = people.filter(pk__in=UserRole.objects.filter(role=role).values("user_id"))
    people = people.annotate(
        latest_number=Subquery(_latest_number_signed_by(OuterRef("pk"))),
        register_status=Case(
            When(latest_number__isnull=True, then=Value(RegisterStatus.NEVER)),
            When(latest_number=version.number if version else 0,
                 then=Value(RegisterStatus.CURRENT)),
            default=Value(RegisterStatus.OLDER),
        ),
    )
    return people.filter(register_status=status) if status else people


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


@dataclass(frozen=True)
class RegisterPage:
    version: AgreementVersion | None
    counts: dict[str, int]  # per status, everyone in the chosen role
    page: Page  # of RegisterRow


def register_counts(version: AgreementVersion | None, *, role: str = "") -> dict[str, int]:
    """How many signers (in `role`, or all) stand at each register status: one query."""
    return register_people(version, role=role).aggregate(**{
        key: Count("pk", filter=Q(register_status=key)) for key in RegisterStatus.LABELS
    })


def register_page(*, role: str = "", status: str = "", page_number=None) -> RegisterPage:
    """One page of the register. Five queries whatever the number of people: the current
    version, the counts per status, the page's people, their roles, their signatures."""
    version = current_version()
    counts = register_counts(version, role=role)
    page = paginate(register_people(version, role=role, status=status), page_number,
                    per_page=REGISTER_PAGE_SIZE,
                    count=counts[status] if status else sum(counts.values()))
    people = page.object_list
    prefetch_related_objects(
        people,
        Prefetch("roles", queryset=UserRole.objects.order_by("role")),
        Prefetch("agreement_signatures", queryset=Signature.objects.select_related("version")
                 .order_by("-version__number")),
    )
    page.object_list = [
        RegisterRow(
            person=person,
            roles=[r.get_role_display() for r in person.roles.all()],
            latest=next(iter(person.agreement_signatures.all()), None),
            status=person.register_status,
        )
        for person in people
    ]
    return RegisterPage(version=version, counts=counts, page=page)


REGISTER_CSV_HEADER = [
    "Name", "Email", "Roles", "Status", "Latest version signed", "Signed at (UTC)",
    "Printed name", "Reference", "Current version",
]


def register_export(*, role: str = "", status: str = "") -> Iterator[list]:
    """The register's rows for the CSV export, as plain values: three queries (people, their
    roles, their signatures) plus the current version, and no model object per person."""
    version = current_version()
    people = register_people(version, role=role, status=status)
    roles: dict[int, list[str]] = defaultdict(list)
    for user_id, role_value in (UserRole.objects.filter(user__in=people.values("pk"))
                                .order_by("role").values_list("user_id", "role")):
        roles[user_id].append(ROLE_LABELS[role_value])
    latest_signed = {
        user_id: (signed_at, printed_name, reference)
        for user_id, signed_at, printed_name, reference in (
            Signature.objects.filter(
                user__in=people.values("pk"),
                version__number=Subquery(_latest_number_signed_by(OuterRef("user"))),
            ).values_list("user_id", "signed_at", "printed_name", "reference")
        )
    }
    current_number = version.number if version else ""
    for pk, full_name, email, latest_number, status_key in people.values_list(
        "pk", "full_name", "email", "latest_number", "register_status"
    ).iterator(chunk_size=2000):
        signed_at, printed_name, reference = latest_signed.get(pk, (None, "", ""))
        yield [
            full_name, email, "; ".join(roles[pk]), RegisterStatus.LABELS[status_key],
            latest_number or "",
            # isoformat is several times faster than strftime; the same "2026-11-24 14:05:00".
            signed_at.astimezone(UTC).isoformat(" ", "seconds")[:19] if signed_at else "",
            printed_name, reference, current_number,
        ]


def unsigned_signers() -> tuple[AgreementVersion | None, list[tuple[User, bool]]]:
    """Signers who have not signed the current version, each with whether they signed an
    older one (they are asked to sign again) or never signed."""
    version = current_version()
    if version is None:
        return None, []
    people = register_people(version).exclude(register_status=RegisterStatus.CURRENT)
    return version, [
        (person, person.register_status == RegisterStatus.OLDER) for person in people
    ]
