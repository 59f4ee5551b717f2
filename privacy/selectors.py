"""The reads behind the data-protection pages: finding a person, and everything held about
them (a subject-access export). Each runs a fixed number of queries whatever the rows."""

from django.db.models import Prefetch, Q

from accounts.models import User
from agreements.models import Signature
from core.models import AuditEvent, Notice
from moderation.models import Author, Block, Decision, Item
from optins.models import Breach, Consent, Membership, OptInRequest

from . import holdings
from .models import ErasureRequest, RetentionRule

SEARCH_LIMIT = 50


def retention_schedule() -> list[RetentionRule]:
    return list(RetentionRule.objects.all())


def find_people(query: str) -> dict:
    """Authors (by name or platform id, or an email address they wrote in a comment) and app
    users (by name or email) matching what the person gave, for the moderator to choose whose
    data to export or erase."""
    query = query.strip()
    if not query:
        return {"authors": [], "users": []}
    matches = Q(name__icontains=query) | Q(platform_author_id=query)
    if "@" in query:
        # Platforms give no author's email: someone who gives theirs is found by the comments
        # in which they wrote it (a search made rarely, on request, so a scan is fine).
        matches |= Q(pk__in=Item.objects.filter(text__icontains=query).values("author_id"))
    authors = list(Author.objects.filter(matches)
                   .select_related("channel").order_by("name", "pk")[:SEARCH_LIMIT])
    users = list(User.objects.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
                 .order_by("full_name", "email")[:SEARCH_LIMIT])
    return {"authors": authors, "users": users}


def _when(value):
    """Times stay datetimes: the JSON file writes them in ISO 8601, the page as people read
    them."""
    return value


def author_export(author: Author) -> dict:
    """Everything held about one platform author: their comments with what screening found
    and what was decided, their blocks, and any escalation of their comments."""
    decisions = Decision.objects.select_related("decided_by").order_by("decided_at", "id")
    items = list(Item.objects.filter(author=author).select_related("channel")
                 .prefetch_related("findings", Prefetch("decisions", queryset=decisions))
                 .order_by("posted_at", "id"))
    blocks = list(Block.objects.filter(author=author)
                  .select_related("decision__decided_by", "lifted_by__decided_by"))
    return {
        "subject": {"kind": "platform author", "name": author.name,
                    "platform_id": author.platform_author_id, "channel": str(author.channel)},
        "comments": [{
            "id": item.pk, "channel": str(item.channel), "posted_at": _when(item.posted_at),
            "received_at": _when(item.received_at), "text": item.text,
            "text_before_edit": item.original_text, "permalink": item.permalink,
            "removed_on_platform_at": _when(item.removed_on_platform_at),
            "findings": [{"term": f.get_term_display(), "kind": f.kind, "match": f.match}
                         for f in item.findings.all()],
            "decisions": [{"decision": d.get_action_display(), "terms": d.term_labels,
                           "note": d.note, "decided_at": _when(d.decided_at),
                           "decided_by": str(d.decided_by)} for d in item.decisions.all()],
        } for item in items],
        "blocks": [{"blocked_at": _when(b.decision.decided_at), "terms": b.decision.term_labels,
                    "by": str(b.decision.decided_by),
                    "lifted_at": _when(b.lifted_by.decided_at) if b.lifted_by else None}
                   for b in blocks],
        "escalations": holdings.escalations_about([item.pk for item in items]),
    }


def user_export(user: User) -> dict:
    """Everything held about one person who uses the app. Mobile numbers are shown masked:
    the full number is never exported (it is erased once no longer needed)."""
    signatures = Signature.objects.filter(user=user).select_related("version")
    requests = OptInRequest.objects.filter(person=user).select_related("group")
    memberships = Membership.objects.filter(person=user).select_related("group")
    consents = Consent.objects.filter(person=user).select_related("group")
    breaches = list(Breach.objects.filter(membership__person=user).select_related(
        "rule", "membership__group"))
    audit = AuditEvent.objects.filter(
        Q(actor=user) | Q(object_type=User._meta.label, object_id=str(user.pk)))
    return {
        "subject": {"kind": "user of the app", "name": user.full_name, "email": user.email,
                    "joined": _when(user.date_joined), "approval": user.get_approval_display(),
                    "active": user.is_active,
                    "roles": sorted(user.roles.values_list("role", flat=True))},
        "signatures": [{"version": s.version.number, "printed_name": s.printed_name,
                        "signed_at": _when(s.signed_at), "ip_address": s.ip_address,
                        "user_agent": s.user_agent} for s in signatures],
        "whatsapp_requests": [{"group": r.group.name, "status": r.get_status_display(),
                               "mobile": r.masked_mobile, "made_at": _when(r.created_at),
                               "number_erased_at": _when(r.number_erased_at)} for r in requests],
        "whatsapp_memberships": [{"group": m.group.name, "status": m.get_status_display(),
                                  "mobile": m.masked_mobile, "joined_at": _when(m.joined_at),
                                  "removed_at": _when(m.removed_at)} for m in memberships],
        "consent_records": [{"group": c.group.name, "kind": c.get_kind_display(),
                             "at": _when(c.at), "words": c.words, "reason": c.reason}
                            for c in consents],
        "breaches": [{"group": b.membership.group.name, "rule": b.rule_wording,
                      "what_happened": b.what_happened, "action": b.get_action_display(),
                      "recorded_at": _when(b.recorded_at)} for b in breaches],
        "whatsapp_escalations": holdings.escalations_of_breaches([b.pk for b in breaches]),
        "notices": [{"subject": n.subject, "at": _when(n.created_at)}
                    for n in Notice.objects.filter(recipient=user)],
        "audit_trail": [{"at": _when(e.at), "action": e.action, "by": e.actor_label,
                         "about": e.object_label} for e in audit],
    }


def erasure_requests() -> list[ErasureRequest]:
    return list(ErasureRequest.objects.select_related("made_by")[:SEARCH_LIMIT])
