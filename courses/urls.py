from django.urls import path

from . import event_views, views

app_name = "courses"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("transcript.csv", views.transcript_csv, name="transcript"),
    path("calendar/reset/", event_views.reset_calendar_feed, name="reset_calendar_feed"),
]
