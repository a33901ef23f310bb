"""'My learning' (mounted at /my-learning/): the member's dashboard and transcript."""

from django.urls import path

from . import dashboard
from .evaluations import views as evaluations

app_name = "courses"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("transcript.csv", dashboard.transcript_csv, name="transcript"),
    path("evaluations/<int:pk>/", evaluations.evaluate, name="evaluation"),
    path("evaluations/<int:pk>/follow-up/", evaluations.follow_up, name="evaluation_follow_up"),
]
