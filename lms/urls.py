"""The project's URLs: accounts, learning, admin, then Wagtail's page tree for everything else."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
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

# Addresses without a language: the admin (in each person's own admin language), documents, the JSON API and the
# language switcher itself.
urlpatterns = [
    # One sign-in for everyone, with allauth's e-mail verification and rate limits: the admin's own login
    # form would skip both.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("language/", views.choose_language, name="choose_language"),
    path("", site_api().urls),  # the JSON API and its document, /api/v1/openapi.json (lms/api.py)
]

# The pages people read, in each of the site's languages: English at /, the others under /es/, /fr/, /pt/
# (lms/languages.py decides which a reader gets).
urlpatterns += i18n_patterns(
    path("accounts/email/", views.email, name="account_email"),  # allauth's, asking before a removal
    path("accounts/", include("allauth.urls")),
    path("accounts/", include(lms_patterns)),
    path("my-learning/", include("courses.urls")),
    path("", include("courses.catalog.urls")),
    path("", include("courses.events.urls")),
    path("", include("search.urls")),
    path("", include("certificates.urls")),
    path("mentoring/", include("mentoring.urls")),
    path("cpd/", include("certificates.cpd.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page URLs, routed at a fixed cost per page (cms/page_routing.py).
urlpatterns += i18n_patterns(path("", include("cms.page_urls")), prefix_default_language=False)
