"""lms/generations.py: a write renews a generation at once and again on commit; further writes in the same
transaction renew nothing until this thread reads the generation again. Real commits and rollbacks (a
transactional database) and the test settings' Redis cache."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction

from lms import generations

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "lms:test:generation"


@pytest.fixture(autouse=True)
def fresh_generation():
    cache.delete(NAME)
    generations._waiting().clear()
    yield
    cache.delete(NAME)


def token() -> str:
    """The stored token, read without counting as a reader (current() would)."""
    return cache.get(NAME)


def test_a_second_write_in_a_transaction_renews_nothing_until_the_commit():
    before = generations.current(NAME)[NAME]
    with transaction.atomic():
        generations.renew(NAME)
        first = token()
        generations.renew(NAME)
        generations.renew(NAME)
        assert first != before and token() == first
    assert token() not in (before, first)  # the commit renewed it again


def test_a_read_between_two_writes_makes_the_second_renew():
    with transaction.atomic():
        generations.renew(NAME)
        read = generations.current(NAME)[NAME]  # an entry may now be made under it from the transaction's rows
        generations.renew(NAME)
        assert token() != read


def test_each_transaction_renews_afresh():
    seen = set()
    for _ in range(3):
        with transaction.atomic():
            generations.renew(NAME)
            seen.add(token())
        seen.add(token())
    assert len(seen) == 6
    assert generations._waiting() == {}  # each commit's renewal forgot its name


def test_a_rolled_back_savepoint_drops_the_renewal_on_commit_so_the_next_write_renews_again():
    with transaction.atomic():
        try:
            with transaction.atomic():
                generations.renew(NAME)
                dropped = token()
                raise RuntimeError("roll the savepoint back")
        except RuntimeError:
            pass
        generations.renew(NAME)
        again = token()
        assert again != dropped
    assert token() != again


def test_outside_a_transaction_each_write_renews_once():
    generations.renew(NAME)
    first = token()
    generations.renew(NAME)
    assert token() != first
    assert generations._waiting() == {}


def test_a_thread_forgets_what_it_waits_for_past_its_bound():
    with transaction.atomic():
        for number in range(generations.MOST_PENDING + 5):
            generations.renew(f"{NAME}:{number}")
        assert len(generations._waiting()) <= generations.MOST_PENDING
    cache.delete_many([f"{NAME}:{number}" for number in range(generations.MOST_PENDING + 5)])
