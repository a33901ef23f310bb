"""The project's URLs: accounts, learning, admin, then Wagtail's page tree for everything else."""

from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import views
from .api import site_api

lms_patterns = ([
    path("profile/", views.profile, name="profile"),
    path("email-preferences/", views.preferences, name="preferences"),
    path("onboarding/hide/", views.hide_onboarding, name="hide_onboarding"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
], "lms")

urlpatterns = [
    # One sign-in for everyone, with allauth's e-mail verification and rate limits: the admin's own login
    # form would skip both.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/email/", views.email, name="account_email"),  # allauth's, asking before a removal
    path("accounts/", include("allauth.urls")),
    path("accounts/", include(lms_patterns)),
    path("my-learning/", include("courses.urls")),
    path("", include("courses.catalog.urls")),
    path("", include("courses.events.urls")),
    path("", site_api().urls),  # the JSON API and its document, /api/v1/openapi.json (lms/api.py)
    path("", include("search.urls")),
    path("", include("certificates.urls")),
    path("mentoring/", include("mentoring.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
