"""Documents filed in the "Members only" collection download for members only."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection

from courses.catalog.setup import MEMBERS_ONLY_COLLECTION
from tests.factories import MemberFactory, NonMemberFactory

pytestmark = pytest.mark.django_db


def _document(title: str, collection: Collection) -> Document:
    document = Document(title=title, collection=collection)
    document.file.save(f"{title.lower().replace(' ', '-')}.txt", ContentFile(b"flow metrics handout"), save=True)
    return document


def test_members_only_documents_are_refused_to_others_and_served_to_members(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    handout = _document("Member Handout", Collection.objects.get(name=MEMBERS_ONLY_COLLECTION))
    public = _document("Public Handout", Collection.get_first_root_node())

    anonymous = client.get(handout.url)
    assert anonymous.status_code == 403 and "This document is for members" in anonymous.content.decode()
    client.force_login(NonMemberFactory())
    assert client.get(handout.url).status_code == 403
    assert client.get(public.url).status_code == 200

    client.force_login(MemberFactory())
    served = client.get(handout.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == b"flow metrics handout"
