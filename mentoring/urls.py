"""Member pages for mentoring, under /mentoring/."""

from django.urls import path

from lms import url_ids  # noqa: F401  (registers <id:...>)

from . import views

app_name = "mentoring"

urlpatterns = [
    path("", views.home, name="home"),
    path("profile/mentor/", views.mentor_profile, name="mentor_profile"),
    path("profile/mentee/", views.mentee_profile, name="mentee_profile"),
    path("mentors/", views.directory_page, name="directory"),
    path("mentors/<id:member_id>/", views.mentor_detail, name="mentor"),
    path("mentors/<id:member_id>/request/", views.request_mentor, name="request_mentor"),
    path("requests/<id:request_id>/", views.request_detail, name="request"),
    path("requests/<id:request_id>/<str:decision>/", views.answer_request, name="answer_request"),
    path("rounds/<id:round_id>/", views.round_detail, name="round"),
    path("rounds/<id:round_id>/apply/<str:role>/", views.apply_to_round, name="apply"),
    path("rounds/<id:round_id>/withdraw/<str:role>/", views.withdraw_from_round, name="withdraw_application"),
    path("proposals/<id:proposal_id>/", views.proposal_detail, name="proposal"),
    path("proposals/<id:proposal_id>/answer/", views.answer_proposal, name="answer_proposal"),
    path("relationships/<id:mentorship_id>/", views.mentorship_detail, name="mentorship"),
    path("relationships/<id:mentorship_id>/meetings/", views.log_meeting, name="log_meeting"),
    path("relationships/<id:mentorship_id>/fit/", views.answer_fit, name="answer_fit"),
    path("relationships/<id:mentorship_id>/survey/<str:kind>/", views.answer_survey, name="answer_survey"),
    path("relationships/<id:mentorship_id>/close/", views.close_mentorship, name="close"),
    path("relationships/<id:mentorship_id>/rematch/", views.rematch, name="rematch"),
]
