"""How many queries each learner-facing page may make, stated once for every test that holds a page to it."""

# Measured (Wagtail 8.0.1, a member with progress): session + user, site and page routing, the offering,
# progress (modules, lessons, enrolment, completions, best scores), site settings, permissions, sidebar.
OVERVIEW_MAX_QUERIES = 24  # 22, plus the co-hosts list, plus the footer's pages
LESSON_MAX_QUERIES = 28  # quiz lesson with an attempt; a plain lesson measured 27
# 9, plus the calendar feed, the member's registrations, the mentoring panel (one), the certificates panel (one)
# and the recommendations panel (three: history, the offerings, their links), plus the footer's pages
DASHBOARD_MAX_QUERIES = 17
MODULE_MAX_QUERIES = 23  # with the footer's pages
CATALOG_MAX_QUERIES = 17  # with the footer's pages
