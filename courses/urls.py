from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("transcript.csv", views.transcript_csv, name="transcript"),
]
