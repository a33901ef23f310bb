"""'My learning' (mounted at /my-learning/): the member's dashboard and transcript."""

from django.urls import path

from . import dashboard

app_name = "courses"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("transcript.csv", dashboard.transcript_csv, name="transcript"),
]
