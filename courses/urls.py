from django.urls import path

from .events import views as event_views
from .learning import views

app_name = "courses"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("transcript.csv", views.transcript_csv, name="transcript"),
    path("calendar/reset/", event_views.reset_calendar_feed, name="reset_calendar_feed"),
]
