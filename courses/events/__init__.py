"""Live events (workshops, webinars): registration, waitlists and who manages them, registrants' notices,
attendance, calendars, session times, joining, the event views, the registrations admin, the programme planner
and the reminders beat job. Imports `courses.models` and may use `learning` (prerequisites, the learner view
helpers); never `catalog` or the dashboard."""
