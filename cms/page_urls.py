"""Wagtail's page URLs (`wagtail.urls`, same names and patterns) served by `cms.page_routing.serve`."""

from django.urls import re_path
from wagtail import urls as wagtail_urls

from cms import page_routing

urlpatterns = [pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", None) != "wagtail_serve"]
urlpatterns.append(re_path(wagtail_urls.serve_pattern, page_routing.serve, name="wagtail_serve"))
