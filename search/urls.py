"""The search page (mounted before Wagtail's page tree); the catalog API is search/api.py."""

from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="page"),
]
