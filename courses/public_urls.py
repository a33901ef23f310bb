"""Public addresses outside the page tree: partner and campaign pages, and members' private calendar feeds."""

from django.urls import path

from .events import views as event_views

app_name = "catalog"

urlpatterns = [
    path("partners/", event_views.partner_list, name="partners"),
    path("partners/<slug:slug>/", event_views.partner_detail, name="partner"),
    path("campaigns/<slug:slug>/", event_views.campaign_detail, name="campaign"),
    path("calendar/<slug:token>.ics", event_views.calendar_feed, name="calendar_feed"),
]
