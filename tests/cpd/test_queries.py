"""The CPD page's queries do not grow with the member's activities, credit or past cycles: a fixed number per
scheme that applies to them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates.cpd import cycles
from certificates.cpd.models import ExternalActivity
from tests.cpd.factories import activity, member_joined, scheme

pytestmark = pytest.mark.django_db

# Session and user (two), the schemes, their rules and credentials (three; which credentials the member holds, one
# more, only when a scheme names any), per scheme the latest cycle, the ended ones still open
# and the past ones (three) and the credit (courses' completions and attendance, mentors' meetings and completed
# relationships, approved activities: five), the member's cycles of schemes that no longer apply to them
# (one), the member's activities and open audit cases (two), the cycles' CPD
# credentials (one), then the shell: site, site identity, the user's permissions (two), the footer's pages.
CPD_PAGE_MAX_QUERIES = 22


def member_with(practitioner, activities: int, cycles_behind: int):
    member = member_joined(date(2020, 1, 10))
    for years in range(cycles_behind):
        cycles.current_cycle(member, practitioner, today=timezone.localdate() - timedelta(days=365 * (years + 1)))
    for number in range(activities):
        activity(member, title=f"Talk {number}", day=timezone.localdate() - timedelta(days=number % 30),
                 status=ExternalActivity.Status.APPROVED if number % 2 else ExternalActivity.Status.SUBMITTED)
    cycles.current_cycle(member, practitioner)  # the roll-over's one-off writes are not the page's reading
    return member


def count(client, member) -> int:
    client.force_login(member)
    client.get("/cpd/")  # the site's one-off reads (site, locales) are cached by the first request
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/cpd/").status_code == 200
    return len(queries)


def test_the_cpd_page_queries_do_not_grow_with_activities_or_cycles(client):
    practitioner = scheme(months=12)
    few = count(client, member_with(practitioner, activities=1, cycles_behind=0))
    many = count(client, member_with(practitioner, activities=12, cycles_behind=3))
    assert few == many, (few, many)
    assert many <= CPD_PAGE_MAX_QUERIES, many
