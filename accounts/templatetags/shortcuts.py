from django import template

from accounts.shortcuts import key_for

register = template.Library()


@register.filter
def shortcut(usual: str, user) -> str:
    """`{{ "j"|shortcut:request.user }}`: the key this person presses for that action."""
    return key_for(user, usual)
