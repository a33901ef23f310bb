"""Event addresses outside the page tree: a member's private calendar feed, and resetting its address from
'My learning'. (Register, cancel, join and the event calendar are routes of the event page itself.)"""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("calendar/<slug:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("my-learning/calendar/reset/", views.reset_calendar_feed, name="reset_calendar_feed"),
]
