"""Strategic abandonment (courses/outcomes/abandonment.py and its admin page): two weak editions in a row flag an
offering and its topic, one does not, a suppressed rating never does; decisions are recorded with who and when;
thresholds and decisions refuse bad input with a clear error; comments only for holders of the answers permission."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from courses.models import AbandonmentDecision, AbandonmentThresholds, Evaluation
from courses.outcomes.abandonment import RATE, RATING, REACH, Thresholds, flagged
from courses.outcomes.measures import OutcomeFilters
from tests import factories
from tests.courses.test_outcome_measures import enrol, evaluate, members

pytestmark = pytest.mark.django_db

URL = "courses_outcomes_abandonment"


def edition(course, year: int, *, people: int, completing: int, rating: int | None = None, comment: str = ""):
    for n, person in enumerate(members(people)):
        enrolment = enrol(person, course, year, completed=n < completing)
        if rating is not None and n < completing:
            evaluate(person, course, year, rating, enrolment=enrolment)
            if comment:
                Evaluation.objects.filter(request__member=person).update(comment=f"{comment} {n}")


@pytest.fixture
def topic():
    return factories.TopicFactory(name="Flow")


def course(title: str, topic=None):
    return factories.build_offering(title=title, modules=1, lessons_per_module=1, topics=[topic] if topic else [])


RATE_HALF = Thresholds(min_rate=0.5)


def test_two_weak_editions_in_a_row_flag_the_offering_and_its_topic(topic):
    weak = course("Weak", topic)
    edition(weak, 2024, people=4, completing=1)
    edition(weak, 2025, people=4, completing=1)
    [offering, topic_flag] = flagged(thresholds=RATE_HALF)
    assert (offering.kind, offering.id, offering.title) == ("offering", weak.pk, "Weak")
    assert (offering.earlier.measure.programme_year, offering.latest.measure.programme_year) == (2024, 2025)
    assert offering.earlier.missed == (RATE,) and offering.latest.rate == pytest.approx(0.25)
    assert (topic_flag.kind, topic_flag.id) == ("topic", topic.pk)


def test_one_weak_edition_does_not_flag():
    mixed = course("Mixed")
    edition(mixed, 2024, people=4, completing=1)
    edition(mixed, 2025, people=4, completing=4)
    recovered = course("Recovered")
    edition(recovered, 2024, people=4, completing=4)
    edition(recovered, 2025, people=4, completing=1)
    only_one = course("Only one")
    edition(only_one, 2025, people=4, completing=0)
    assert flagged(thresholds=RATE_HALF) == []


def test_only_the_last_two_editions_count():
    old = course("Old trouble")
    edition(old, 2022, people=4, completing=0)
    edition(old, 2023, people=4, completing=0)
    edition(old, 2024, people=4, completing=4)
    edition(old, 2025, people=4, completing=0)
    assert flagged(thresholds=RATE_HALF) == []


def test_a_suppressed_rating_never_flags_on_its_own():
    quiet = course("Quiet")
    edition(quiet, 2024, people=3, completing=3, rating=1)  # three answers: below the smallest reported group
    edition(quiet, 2025, people=3, completing=3, rating=1)
    assert flagged(thresholds=Thresholds(min_rating=3)) == []
    loud = course("Loud")
    edition(loud, 2024, people=5, completing=5, rating=2)
    edition(loud, 2025, people=5, completing=5, rating=2)
    [flag] = flagged(thresholds=Thresholds(min_rating=3))
    assert flag.id == loud.pk and flag.latest.missed == (RATING,)


def test_different_thresholds_may_be_missed_in_each_edition():
    small = course("Small")
    edition(small, 2024, people=2, completing=2)
    edition(small, 2025, people=6, completing=1)
    [flag] = flagged(thresholds=Thresholds(min_reach=3, min_rate=0.5))
    assert (flag.earlier.missed, flag.latest.missed) == ((REACH,), (RATE,))


def test_no_thresholds_flag_nothing_and_filters_apply(topic):
    weak = course("Weak", topic)
    edition(weak, 2024, people=4, completing=0)
    edition(weak, 2025, people=4, completing=0)
    assert flagged(thresholds=Thresholds()) == []
    other_topic = factories.TopicFactory()
    assert flagged(OutcomeFilters(topic_id=other_topic.pk), RATE_HALF) == []


# ------------------------------------------------------------------------------------------- the admin page


@pytest.fixture
def weak_course():
    weak = course("Weak")
    edition(weak, 2024, people=5, completing=5, rating=1, comment="Too slow")
    edition(weak, 2025, people=5, completing=5, rating=2, comment="Dull")
    AbandonmentThresholds.objects.create(pk=1, min_rating=Decimal("3"))
    return weak


def reporter(*, answers: bool):
    person = factories.MemberFactory(is_staff=True)
    person.user_permissions.add(Permission.objects.get(codename="view_outcomes"))
    if answers:
        person.user_permissions.add(Permission.objects.get(codename="view_evaluation_answers"))
    person.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return person


def test_the_page_shows_the_evidence_and_comments_only_to_answer_readers(client, weak_course):
    client.force_login(reporter(answers=True))
    page = client.get(reverse(URL)).content.decode()
    assert "Offering: Weak" in page and "2024" in page and "2025" in page and "mean rating" in page
    assert "Too slow" in page and "never flags anything on its own" in page
    client.force_login(reporter(answers=False))
    page = client.get(reverse(URL)).content.decode()
    assert "Offering: Weak" in page and "Too slow" not in page and "Dull" not in page


def test_a_decision_is_recorded_with_who_and_when(client, staff, weak_course):
    client.force_login(staff)
    response = client.post(reverse(URL), {"action": "decide", "offering": weak_course.pk, "choice": "redesign",
                                          "note": "Shorter modules."})
    assert response.status_code == 302
    decision = AbandonmentDecision.objects.get()
    assert (decision.offering_id, decision.choice, decision.note, decision.decided_by) == (
        weak_course.pk, "redesign", "Shorter modules.", staff)
    client.post(reverse(URL), {"action": "decide", "offering": weak_course.pk, "choice": "retire"})
    page = client.get(reverse(URL)).content.decode()
    assert AbandonmentDecision.objects.count() == 2 and "Decision: Retire" in page


@pytest.mark.parametrize("data", [
    {"action": "decide", "offering": "abc", "choice": "retire"},
    {"action": "decide", "offering": "-1", "choice": "retire"},
    {"action": "decide", "offering": "1" * 30, "choice": "retire"},
    {"action": "decide", "choice": "burn"},
    {"action": "decide", "choice": "retire", "note": "x" * 5000},
    {"action": "thresholds", "min_reach": "-5"},
    {"action": "thresholds", "min_reach": "1e9"},
    {"action": "thresholds", "min_rate": "101"},
    {"action": "thresholds", "min_rating": "0.5"},
    {"action": "thresholds", "min_rating": "NaN"},
    {"action": "thresholds", "min_rating": "9" * 40},
    {"action": "explode"},
])
def test_hostile_input_is_refused_with_400_never_500(client, staff, weak_course, data):
    client.force_login(staff)
    data = {**data}
    if data.get("action") == "decide" and "offering" not in data:
        data["offering"] = weak_course.pk
    before = (AbandonmentDecision.objects.count(), AbandonmentThresholds.objects.get().min_rating)
    assert client.post(reverse(URL), data).status_code == 400
    assert (AbandonmentDecision.objects.count(), AbandonmentThresholds.objects.get().min_rating) == before


def test_a_decision_for_an_offering_not_flagged_is_refused(client, staff, weak_course):
    fine = course("Fine")
    client.force_login(staff)
    response = client.post(reverse(URL), {"action": "decide", "offering": fine.pk, "choice": "retire"})
    assert response.status_code == 400 and not AbandonmentDecision.objects.exists()


@pytest.mark.parametrize("query", [{"year_from": "1"}, {"topic_id": "x"}, {"format": "<b>"}, {"export": "all"}])
def test_bad_filters_answer_400(client, staff, weak_course, query):
    client.force_login(staff)
    assert client.get(reverse(URL), query).status_code == 400


def test_thresholds_are_saved_and_the_csv_holds_both_editions(client, staff, weak_course):
    client.force_login(staff)
    response = client.post(reverse(URL), {"action": "thresholds", "min_reach": "3", "min_rate": "40",
                                          "min_rating": "3.5"})
    assert response.status_code == 302
    stored = AbandonmentThresholds.objects.get()
    assert (stored.min_reach, stored.min_rate, stored.min_rating, stored.changed_by) == (3, 40, Decimal("3.5"), staff)
    response = client.get(reverse(URL), {"export": "flagged"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert [row[2] for row in rows[1:]] == ["2024", "2025"] and rows[1][1] == "Weak"
