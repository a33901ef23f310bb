"""Everything a learner takes, as one Django app (label `courses`) in three parts and a dashboard:

- `models/`: every model, one module per part (Django reads them here; migrations import them by path).
- `learning/`: self-paced offerings (courses, ethics/RCR modules): enrolment, progress, quizzes and their views.
- `events/`: workshops and webinars: registration and who manages it, notices, attendance, calendars, session
  times, joining, the event views, the registrations admin and the programme planner.
- `catalog/`: what is on offer and who may change it: the index listing, partner and campaign pages, the page
  tree's setup and permissions.
- `paths/`: learning paths: their steps' prerequisites, members' progress along them, completion (`path_completed`).
- `dashboard.py`: "My learning", reading learning and events alike.

Arrows point one way: learning imports neither events nor catalog; events may use learning (prerequisites, the
learner view helpers); catalog may use events (session times on cards); paths read learning's and events'
records (the models), and nothing in learning, events or catalog imports paths; only the dashboard and the top-level
wiring (`apps`, `receivers`, `letters`, `urls`, `wagtail_hooks`) see everything. `models/` imports only leaf
modules of the parts (blocks, event times) and reaches views lazily from page routes.
"""
