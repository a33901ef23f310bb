"""'My learning' (mounted at /my-learning/): the member's dashboard and transcript."""

from django.urls import path

from lms import url_ids  # noqa: F401  (registers <id:...>)

from . import dashboard
from .evaluations import views as evaluations

app_name = "courses"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("transcript.csv", dashboard.transcript_csv, name="transcript"),
    path("evaluations/<id:pk>/", evaluations.evaluate, name="evaluation"),
    path("evaluations/<id:pk>/follow-up/", evaluations.follow_up, name="evaluation_follow_up"),
]
