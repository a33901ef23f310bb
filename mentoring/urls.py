"""Member pages for mentoring, under /mentoring/."""

from django.urls import path

from . import views

app_name = "mentoring"

urlpatterns = [
    path("", views.home, name="home"),
    path("profile/mentor/", views.mentor_profile, name="mentor_profile"),
    path("profile/mentee/", views.mentee_profile, name="mentee_profile"),
    path("mentors/", views.directory_page, name="directory"),
    path("mentors/<int:member_id>/", views.mentor_detail, name="mentor"),
    path("mentors/<int:member_id>/request/", views.request_mentor, name="request_mentor"),
    path("requests/<int:request_id>/", views.request_detail, name="request"),
    path("requests/<int:request_id>/<str:decision>/", views.answer_request, name="answer_request"),
    path("rounds/<int:round_id>/", views.round_detail, name="round"),
    path("rounds/<int:round_id>/apply/<str:role>/", views.apply_to_round, name="apply"),
    path("rounds/<int:round_id>/withdraw/<str:role>/", views.withdraw_from_round, name="withdraw_application"),
    path("proposals/<int:proposal_id>/", views.proposal_detail, name="proposal"),
    path("proposals/<int:proposal_id>/answer/", views.answer_proposal, name="answer_proposal"),
    path("relationships/<int:mentorship_id>/", views.mentorship_detail, name="mentorship"),
    path("relationships/<int:mentorship_id>/meetings/", views.log_meeting, name="log_meeting"),
    path("relationships/<int:mentorship_id>/fit/", views.answer_fit, name="answer_fit"),
    path("relationships/<int:mentorship_id>/survey/<str:kind>/", views.answer_survey, name="answer_survey"),
    path("relationships/<int:mentorship_id>/close/", views.close_mentorship, name="close"),
    path("relationships/<int:mentorship_id>/rematch/", views.rematch, name="rematch"),
]
