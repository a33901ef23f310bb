"""The hostile strings in the pager of staff's "Learning records not sent" (lms/learning_records_admin.py), with a
statement waiting on it: never a server error, always within the hang guard. Its "send again" form is replayed
with every field in test_forms.py."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.models import LearningRecord
from tests import factories
from tests.hostile import corpus
from tests.hostile.replay import get, query

from .test_search_and_api import checked

pytestmark = pytest.mark.django_db

STRINGS = corpus.cases("strings.txt")


def test_every_hostile_page_number(client):
    member = factories.MemberFactory()
    LearningRecord.objects.create(member=member, verb="registered", source="hostile:waiting",
                                  statement={"verb": "registered"}, attempts=1, failed_at=timezone.now(),
                                  last_error="HTTP 400 refused")
    client.force_login(factories.StaffFactory())
    page = reverse("lms_learning_records")
    for case in STRINGS:
        response = checked(get(client, page + query({"p": case.value})), f"learning records p={case}")
        assert response.status_code == 200 and "hostile:waiting" in response.content.decode()
