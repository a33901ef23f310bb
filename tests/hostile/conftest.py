"""One shared world for the hostile replays of a module: the objects every URL and form points at, made once
(a rendered certificate, a published proposal and a mentorship are not cheap) inside a transaction rolled back when
the module ends; each test's own changes roll back with its `db` transaction."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from tests.test_permission_matrix import World


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))),
        transaction.atomic(),
    ):
        made = World()
        for part in (
            "people",
            "course",
            "lesson",
            "event",
            "session",
            "registration",
            "certificate",
            "template",
            "request",
            "round",
            "proposal",
            "mentorship",
            "cpd_audit",
            "evaluation_request",
        ):
            getattr(made, part)
        yield made
        transaction.set_rollback(True)
