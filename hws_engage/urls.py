from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from . import views

# The admin site signs in through allauth, so rate limits and two-factor apply there too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "HWS Engage administration"
admin.site.site_title = "HWS Engage admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin site, a PDF).
    path("favicon.ico", views.favicon, name="favicon"),
    path("notices/<int:pk>/dismiss/", views.dismiss_notice, name="dismiss_notice"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("moderation/", include("moderation.urls")),
    path("moderation/", include("escalations.urls")),
    path("webhooks/", include("moderation.intake.webhook_urls")),
    path("whatsapp/", include("optins.urls")),
    path("agreements/", include("agreements.urls")),
    path("policies/", include("policies.urls")),
    path("experiences/", include("experiences.urls")),
    path("reports/", include("reports.urls")),
    path("privacy/", include("privacy.urls")),
]
