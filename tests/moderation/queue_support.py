"""Helpers for the queue's tests: moderators, and decisions posted the way the page posts them."""

from django.urls import reverse

from accounts.roles import Role
from tests.factories import person


def moderator(**fields):
    return person(Role.MODERATOR, **fields)


def post_decision(client, item, action, *, seen=0, terms=(), follow=False, **extra):
    data = {"action": action, "seen": seen, "terms": list(terms), **extra}
    return client.post(reverse("moderation_decide", args=[item.pk]), data, follow=follow)
