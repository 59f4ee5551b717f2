"""The benches' bare baselines are pages of their own, served beside the project's URLs so the
test client reaches both through the same request handler."""

import sys
import types


def serve_beside_the_project(name: str, *routes) -> None:
    """Make `routes` (Django `path()`s) and every project URL the URLconf, named `name`."""
    from django.conf import settings
    from django.urls import clear_url_caches, include, path

    urls = types.ModuleType(name)
    urls.urlpatterns = [*routes, path("", include(settings.ROOT_URLCONF))]
    sys.modules[name] = urls
    settings.ROOT_URLCONF = name
    clear_url_caches()
