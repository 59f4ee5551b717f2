from django.urls import reverse

from accounts.middleware import MFA_SETUP_URLS, needs_two_factor_setup
from core.registry import nav_items


def navigation(request):
    """The navigation bar: each item the person's roles allow, grouped items in one dropdown."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_approved:
        return {"nav": []}
    if request.resolver_match and request.resolver_match.url_name in MFA_SETUP_URLS \
            and needs_two_factor_setup(user):
        return {"nav": []}  # nothing else opens until two-factor is set up
    nav: list[dict] = []
    groups: dict[str, dict] = {}
    for item in nav_items(user):
        url = reverse(item.url_name)
        entry = {"label": item.label, "url": url, "active": request.path == url,
                 "badge": item.badge(user) if item.badge else ""}
        if not item.group:
            nav.append(entry)
            continue
        if item.group not in groups:
            groups[item.group] = {"label": item.group, "children": [], "active": False,
                                  "badge": ""}
            nav.append(groups[item.group])
        group = groups[item.group]
        group["children"].append(entry)
        group["active"] |= entry["active"]
        # The closed menu shows that something inside is waiting.
        group["badge"] = group["badge"] or entry["badge"]
    # A group with one item for this person is just that item.
    nav = [e["children"][0] if len(e.get("children", ())) == 1 else e for e in nav]
    # On a phone the menu is folded away: its button carries the count.
    return {"nav": nav, "nav_badge": next((e["badge"] for e in nav if e["badge"]), "")}
