"""What each app adds to the navigation and to the home page.

Each app may have a `home.py` with `NAV: list[NavItem]` and `attention(user) -> list[Attention]`;
Django's `autodiscover_modules` finds them, in the order of INSTALLED_APPS, and the home page and
the navigation bar gather them here, so no app edits another's templates.
"""

import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from django.apps import apps
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple[str, ...]  # empty: everyone signed in and approved
    group: str = ""  # items of one group share a dropdown in the navigation bar
    # A short count shown beside the label ("3", "99+"), "" for none; one bounded query.
    badge: Callable[[object], str] | None = None


@dataclass(frozen=True)
class Attention:
    """One line on a person's home page: something waiting for them."""

    text: str
    url: str = ""
    level: str = "info"  # info, warning, danger: Bootstrap's alert colours


@cache
def _home_modules() -> tuple[ModuleType, ...]:
    """Found once per process: the navigation and the home page ask on every request."""
    return app_modules("home")


def app_modules(name: str) -> tuple[ModuleType, ...]:
    """Each installed app's module `name` (`home`, `demo`), in the order of INSTALLED_APPS."""
    autodiscover_modules(name)
    found = (sys.modules.get(f"{config.name}.{name}") for config in apps.get_app_configs())
    return tuple(module for module in found if module is not None)


def nav_items(user) -> list[NavItem]:
    items = []
    for module in _home_modules():
        for item in getattr(module, "NAV", ()):
            if not item.roles or user.has_any_role(*item.roles):
                items.append(item)
    return items


def attention(user) -> list[Attention]:
    found: list[Attention] = []
    for module in _home_modules():
        if hasattr(module, "attention"):
            found.extend(module.attention(user))
    return found
