"""The database itself refuses overlapping cycles of one member and scheme (the exclusion constraint
cpd_cycles_do_not_overlap, lms/postgres_constraints.py), whoever writes them; and the same model still builds on
SQLite, `make run`'s database, where the constraint writes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.utils import ConnectionHandler

from certificates.cpd.models import Cycle

from .factories import member_joined, scheme

pytestmark = pytest.mark.django_db

CONSTRAINT = "cpd_cycles_do_not_overlap"


def _cycle(member, of, starts_on: date, ends_on: date) -> Cycle:
    return Cycle.objects.create(member=member, scheme=of, starts_on=starts_on, ends_on=ends_on)


def test_an_overlapping_cycle_written_past_clean_is_refused_by_postgresql():
    practitioner = scheme()
    member = member_joined(date(2024, 1, 1))
    _cycle(member, practitioner, date(2024, 1, 1), date(2027, 1, 1))
    # A different start, so the unique (member, scheme, starts_on) constraint has nothing to say: only this one.
    with pytest.raises(IntegrityError, match=CONSTRAINT), transaction.atomic():
        _cycle(member, practitioner, date(2026, 12, 31), date(2029, 12, 31))
    inside = _cycle(member, practitioner, date(2027, 1, 1), date(2028, 1, 1))
    with pytest.raises(IntegrityError, match=CONSTRAINT), transaction.atomic():  # an UPDATE is held to it too
        Cycle.objects.filter(pk=inside.pk).update(starts_on=date(2026, 6, 1))
    assert Cycle.objects.filter(member=member).count() == 2


def test_adjacent_cycles_and_other_members_or_schemes_are_fine():
    practitioner, other_scheme = scheme(), scheme("Leader CPD")
    member, other_member = member_joined(date(2024, 1, 1)), member_joined(date(2024, 1, 1))
    _cycle(member, practitioner, date(2024, 1, 1), date(2027, 1, 1))
    _cycle(member, practitioner, date(2027, 1, 1), date(2030, 1, 1))  # starts the day the first one ends
    _cycle(member, practitioner, date(2020, 1, 1), date(2024, 1, 1))  # ends the day the first one starts
    _cycle(member, other_scheme, date(2025, 1, 1), date(2028, 1, 1))
    _cycle(other_member, practitioner, date(2025, 1, 1), date(2028, 1, 1))
    assert Cycle.objects.count() == 5


def test_a_form_hears_about_an_overlap_once_in_words():
    """The constraint leaves validation to Cycle.clean(): no second, generic "constraint violated" message."""
    practitioner = scheme()
    member = member_joined(date(2024, 1, 1))
    _cycle(member, practitioner, date(2024, 1, 1), date(2027, 1, 1))
    with pytest.raises(ValidationError) as raised:
        Cycle(member=member, scheme=practitioner, starts_on=date(2026, 1, 1), ends_on=date(2029, 1, 1)).full_clean()
    assert raised.value.messages == ["This member already has a cycle of this scheme in those dates."]


def test_postgresql_gets_the_exclusion_and_sqlite_builds_and_rebuilds_the_table_without_it():
    with connection.schema_editor(collect_sql=True) as postgres:
        postgres.create_model(Cycle)
    assert any("EXCLUDE USING GIST" in sql and CONSTRAINT in sql for sql in postgres.collected_sql)

    sqlite = ConnectionHandler({"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}})["default"]
    try:
        with sqlite.schema_editor() as editor:
            editor.create_model(Cycle)
            # Altering a column makes SQLite copy the table into a new CREATE TABLE with every constraint listed.
            status = Cycle._meta.get_field("status")
            wider = models.CharField(max_length=12, choices=status.choices, default=status.default)
            wider.set_attributes_from_name("status")
            editor.alter_field(Cycle, status, wider)
        with sqlite.cursor() as cursor:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [Cycle._meta.db_table])
            (table,) = cursor.fetchone()
        assert "cpd_cycle_ends_after_start" in table and CONSTRAINT not in table
    finally:
        sqlite.close()
