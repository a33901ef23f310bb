"""Catalog addresses outside the page tree: partner and campaign pages."""

from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("partners/", views.partner_list, name="partners"),
    path("partners/<slug:slug>/", views.partner_detail, name="partner"),
    path("campaigns/<slug:slug>/", views.campaign_detail, name="campaign"),
]
