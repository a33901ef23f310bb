"""Topics of interest on the profile page: the catalog's own topics, at most MAX_INTERESTS, and bad input refused
with a clear message while everything the member typed is shown back and nothing is saved."""

import pytest

from lms.models import MAX_INTERESTS, Member
from tests.factories import TopicFactory
from tests.lms.test_accounts import profile_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics(db):
    return [TopicFactory(name=f"Topic {n:02d}", slug=f"topic-{n:02d}") for n in range(MAX_INTERESTS + 2)]


def test_the_profile_offers_every_topic_as_a_labelled_checkbox(client, learner, topics):
    client.force_login(learner)
    page = client.get("/accounts/profile/").content.decode()
    assert "<legend>Topics of interest</legend>" in page
    for topic in topics:
        assert f'value="{topic.pk}"' in page and topic.name in page
    assert f"Choose up to {MAX_INTERESTS} topics" in page


def test_interests_are_saved_and_changed(client, learner, topics):
    client.force_login(learner)
    chosen = [topics[0].pk, topics[3].pk]
    response = client.post("/accounts/profile/", profile_data(**{"profile-interests": chosen}))
    assert response.status_code == 302
    assert sorted(learner.interests.values_list("pk", flat=True)) == sorted(chosen)
    client.post("/accounts/profile/", profile_data(**{"profile-interests": [topics[1].pk]}))
    assert list(learner.interests.values_list("pk", flat=True)) == [topics[1].pk]
    client.post("/accounts/profile/", profile_data())  # none ticked: none kept
    assert not learner.interests.exists()


def test_at_most_the_bound_and_the_bound_itself_is_fine(client, learner, topics):
    client.force_login(learner)
    response = client.post("/accounts/profile/",
                           profile_data(**{"profile-interests": [t.pk for t in topics[:MAX_INTERESTS]]}))
    assert response.status_code == 302
    assert learner.interests.count() == MAX_INTERESTS


@pytest.mark.parametrize(
    ("interests", "message"),
    [
        ("too_many", f"Choose at most {MAX_INTERESTS} topics: you chose {MAX_INTERESTS + 1}."),
        (["999999"], "Select a valid choice. 999999 is not one of the available choices."),
        (["not-a-number"], "“not-a-number” is not a valid value."),
    ],
    ids=["too_many", "unknown_topic", "not_an_id"],
)
def test_bad_interests_are_refused_clearly_and_nothing_is_lost(client, learner, topics, interests, message):
    client.force_login(learner)
    learner.interests.set([topics[-1]])
    before = Member.objects.values().get(pk=learner.pk)
    if interests == "too_many":
        interests = [str(t.pk) for t in topics[: MAX_INTERESTS + 1]]
    response = client.post("/accounts/profile/", profile_data(**{"profile-interests": interests,
                                                                  "profile-first_name": "Adaline"}))
    assert response.status_code == 400
    assert response.context["profile_form"].errors["interests"] == [message]
    page = response.content.decode()
    assert "nothing was saved" in page
    # What the member typed is shown back for them to correct, not lost...
    assert 'value="Adaline"' in page
    # ...and nothing was saved: neither the other fields nor the interests.
    assert Member.objects.values().get(pk=learner.pk) == before
    assert list(learner.interests.all()) == [topics[-1]]
