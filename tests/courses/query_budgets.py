"""How many queries each learner-facing page may make, stated once for every test that holds a page to it."""

# Measured (Wagtail 8.0.1, a member with progress): session + user, site and page routing, the offering,
# progress (modules, lessons, enrolment, completions, best scores), site settings, permissions, sidebar.
# The outline's modules and lessons come from the cache (courses/learning/outline_pages.py) unless a page changed.
# Every page's fixed cost is paid once per change, not per request (cms/page_routing.py, cms/site_structure.py): the
# session, the site, the locale, the site identity, the user bar's two permission queries, the footer's pages and the
# view-restriction checks come from the cache; routing is one query for the path and one for the page served (it was
# two per level of the tree). What a page still pays for its shell: the user (signed in), the path, the page.
OVERVIEW_MAX_QUERIES = 10  # 22 before the shell was cached
# The course page served again from the cache (cms/page_cache.py): the user; the path's pages and the page served
# come from routing's cache (cms/page_routing.py) and the page itself from the kept text.
KEPT_PAGE_MAX_QUERIES = 1
LESSON_MAX_QUERIES = 10  # quiz lesson with an attempt; a plain lesson 9 (26 and 25 before the shell was cached)
# The same lesson in another locale's tree (/es/...): routed as cheaply, and the view restrictions of its aliased
# ancestors' originals are asked only when some page is restricted (cms/page_routing.py; 6 more before).
TRANSLATED_LESSON_MAX_QUERIES = LESSON_MAX_QUERIES
# 9, plus the calendar feed, the member's registrations, the mentoring panel (one), the certificates panel (one)
# and the recommendations panel (none once cached, courses/recommendation_cache.py; on a miss four: history, the
# offerings, their links, when the next registration closes), plus the footer's pages, plus a new member's onboarding
# checklist (one: every package's "done" rules; the orientation module's address is cached under the catalog's
# generation), plus the offerings and lessons in the reader's language (one, `in_reader_language_each`)
DASHBOARD_MAX_QUERIES = 16 - 6  # less the session, site, site identity, user bar's permissions (two), footer
# The learning paths begun (courses/paths/my_learning.py): the paths, their steps' offerings and those in the reader's
# language, the member's enrolments and registrations among them, the paths in the reader's language; one query
# when there is no path.
DASHBOARD_MAX_QUERIES += 6
# The evaluations still open (courses/evaluations/my_learning.py): one query.
DASHBOARD_MAX_QUERIES += 1
MODULE_MAX_QUERIES = 8  # 22 before the shell was cached
CATALOG_MAX_QUERIES = 8  # 18 before the shell was cached
# The learning paths listed above the offerings (courses/paths/listing.py): the paths, their originals and their
# steps' offerings; one query when there is no path.
CATALOG_MAX_QUERIES += 3
# The home page (cms.HomePage with the HOME_PANELS of courses, certificates and mentoring), measured without
# pictures; cards' and the campaign's renditions add one query each. A visitor: site and page routing (4), what is on
# (three id queries, the cards, their topics and co-hosts, the campaign: 7), site identity, the footer's pages.
HOME_VISITOR_MAX_QUERIES = 8  # 8 measured (13 before the shell was cached)
# A member: session and user, plus their learning (enrolments, lessons, completions, registrations), certificates
# just earned (one), mentoring (one), recommendations (three) and the user bar's permissions (two), plus a new
# member's onboarding checklist (one: every package's "done" rules; the orientation module's address is cached).
HOME_MEMBER_MAX_QUERIES = 20  # 20 measured (27 before the shell was cached)
# The search page (search/views.py), a visitor, 19 measured with paths found: the engine's search, the offerings
# and their cards, site, footer and locale reads, plus the paths found (courses/paths/listing.py `with_progress`:
# the path pages with their pictures' renditions, their privacy, their originals, their steps' offerings), whatever
# their number.
SEARCH_MAX_QUERIES = 19
# The staff outcomes dashboard (courses/outcomes/dashboard_admin.py), whatever the number of offerings, editions or
# members: the admin's own reads (session, user, permissions, menus), the filter form's topics, partners and
# learning paths, and measures.py's aggregations (editions twice over: the tables and the topics), the topics'
# distinct members, the partners' names, the breakdown, and programmes.py's paths with their steps, the offerings
# kept, the paths' distinct members and completions; a chosen path adds its own row and its steps.
OUTCOMES_DASHBOARD_MAX_QUERIES = 46  # 42 measured, 44 with a path chosen
# One registration through the event page (POST <event>/register/, tests/courses/test_registration_path.py), whatever
# the session's registrations: the user, the posted session (with whether its event names prerequisites), the
# session's lock and its line, the registration, its history entry and its notice (9 measured in a test, its
# savepoint and release included). The session comes from the cache and the route from the kept entry of the event's
# own address (cms/page_routing.py).
REGISTER_MAX_QUERIES = 9  # 19 before the route and shell were cached, 11 before sub-routes used the kept entry
