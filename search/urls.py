"""The search page and the catalog API (mounted before Wagtail's page tree)."""

from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="page"),
    path("api/v1/catalog/search", views.search_api, name="api_search"),
    path("api/v1/catalog/autocomplete", views.autocomplete_api, name="api_autocomplete"),
]
