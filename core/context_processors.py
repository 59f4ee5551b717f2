from .registry import nav_items


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_approved:
        return {"nav_items": []}
    return {"nav_items": nav_items(user)}
