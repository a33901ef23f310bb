"""lms/compiled_queries.py: a query compiled once answers every later call with the rows the ORM itself would give
for that call's values, on the real database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Count, Exists, Max, OuterRef
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.compiled_queries import CompiledQuery
from lms.models import Member, OnboardingLetter
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

PK = Member._meta.pk
JOINED = Member._meta.get_field("date_joined")


def joined_since(pk, since):
    """A member, if they joined since the moment, and whether anyone joined after them (a subquery)."""
    later = Member.objects.filter(date_joined__gt=OuterRef("date_joined"))
    return Member.objects.filter(pk=pk, date_joined__gte=since).annotate(has_later=Exists(later))[:1]


def joined_counts(since):
    return (Member.objects.filter(date_joined__gte=since).order_by().values("is_active")
            .annotate(n=Count("pk"), last=Max("date_joined")).order_by("is_active")
            .values_list("is_active", "n", "last"))


@pytest.fixture
def members():
    now = timezone.now()
    people = [MemberFactory() for _ in range(4)]
    for days, person in enumerate(people):
        Member.objects.filter(pk=person.pk).update(date_joined=now - timedelta(days=days))
    Member.objects.filter(pk=people[3].pk).update(is_active=False)
    return now, people


def test_first_gives_each_call_what_the_orm_gives_for_its_values(members):
    now, people = members
    compiled = CompiledQuery(joined_since, pk=PK, since=JOINED)
    for person in people:
        for since in (now - timedelta(days=10), now - timedelta(days=1, hours=12), now + timedelta(days=1)):
            theirs = joined_since(person.pk, since).first()
            ours = compiled.first(pk=person.pk, since=since)
            if theirs is None:
                assert ours is None
                continue
            assert ours is not None
            assert type(ours) is type(theirs)
            assert ([getattr(ours, f.attname) for f in Member._meta.concrete_fields]
                    == [getattr(theirs, f.attname) for f in Member._meta.concrete_fields])
            assert (ours._state.db, ours._state.adding, ours.get_deferred_fields()) == ("default", False, set())
            assert bool(ours.has_later) == theirs.has_later
    assert compiled.first(pk=10**9, since=now - timedelta(days=10)) is None


def test_rows_are_converted_as_the_orm_converts_them(members):
    now, _ = members
    compiled = CompiledQuery(joined_counts, since=JOINED)
    for since in (now - timedelta(days=10), now - timedelta(days=2, hours=1), now + timedelta(days=1)):
        ours = compiled.rows(since=since)
        assert ours == list(joined_counts(since))
    assert all(last.tzinfo is not None for _, _, last in compiled.rows(since=now - timedelta(days=10)))


def test_a_value_used_twice_is_bound_in_both_places(members):
    _, people = members
    compiled = CompiledQuery(lambda pk: Member.objects.filter(pk__gte=pk).exclude(pk=pk).order_by("pk"), pk=PK)
    for person in people:
        assert compiled.first(pk=person.pk) == Member.objects.filter(pk__gt=person.pk).order_by("pk").first()


def test_it_compiles_once_and_runs_one_statement_per_call(members):
    _, people = members
    compiled = CompiledQuery(lambda pk: Member.objects.filter(pk=pk), pk=PK)
    compiled.first(pk=people[0].pk)
    sql = compiled._compiled("default").sql
    with CaptureQueriesContext(connection) as queries:
        for person in people:
            assert compiled.first(pk=person.pk) == person
    assert len(queries) == len(people)
    assert all(query["sql"].startswith(sql.split(" WHERE ")[0]) for query in queries.captured_queries)


def test_a_row_of_some_columns_defers_the_rest_as_the_orm_does(members):
    _now, people = members
    compiled = CompiledQuery(lambda pk: Member.objects.only("email").filter(pk=pk), pk=PK)
    ours = compiled.first(pk=people[0].pk)
    assert ours is not None and ours.email == people[0].email
    assert "first_name" in ours.get_deferred_fields()
    assert ours.first_name == Member.objects.get(pk=people[0].pk).first_name  # loaded when asked, as the ORM would


def test_first_is_refused_for_values_and_for_select_related():
    values = CompiledQuery(lambda pk: Member.objects.filter(pk=pk).values_list("email"), pk=PK)
    with pytest.raises(ImproperlyConfigured, match="read it with rows"):
        values.first(pk=1)
    related = CompiledQuery(lambda pk: OnboardingLetter.objects.select_related("member").filter(pk=pk),
                            pk=OnboardingLetter._meta.pk)
    with pytest.raises(ImproperlyConfigured, match="no select_related"):
        related.first(pk=1)


def test_a_value_that_never_reaches_the_sql_is_refused_at_once():
    compiled = CompiledQuery(lambda pk: Member.objects.all(), pk=PK)
    with pytest.raises(ImproperlyConfigured, match="'pk' does not reach the SQL"):
        compiled.first(pk=1)


def test_the_values_named_must_be_the_ones_bound():
    compiled = CompiledQuery(lambda pk: Member.objects.filter(pk=pk), pk=PK)
    with pytest.raises(TypeError, match="binds"):
        compiled.first(id=1)


def test_a_field_without_a_sentinel_is_refused():
    compiled = CompiledQuery(lambda email: Member.objects.filter(email=email), email=Member._meta.get_field("email"))
    with pytest.raises(ImproperlyConfigured, match="no sentinel"):
        compiled.first(email="someone@example.org")
