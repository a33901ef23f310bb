"""Member pages through the real views: profiles with their availability rows, the directory search, requests,
and the boundaries of who sees what (members only; contact details to the matched partner only; a request to its
two people only; identities and employers never)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from mentoring import requests as request_rules
from mentoring.models import MenteeProfile, MentorProfile, Mentorship, MentorshipRequest
from tests import factories

from .factories import mentee, mentor, topic

pytestmark = pytest.mark.django_db


def signed_in(client, member):
    client.force_login(member)
    return client


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def profile_post(prefix_fields: dict, availability: dict | None = None, **member) -> dict:
    data = {"member-career_stage": member.get("career_stage", "early_career"),
            "member-time_zone": member.get("time_zone", "Europe/Madrid")}
    data.update({f"profile-{name}": value for name, value in prefix_fields.items()})
    data.update({f"availability-{name}": value for name, value in (availability or {}).items()})
    return data


# ------------------------------------------------------------------------------------------- access


@pytest.mark.parametrize("name, args", [
    ("mentoring:home", []), ("mentoring:directory", []), ("mentoring:mentor_profile", []),
    ("mentoring:mentee_profile", []),
])
def test_mentoring_pages_are_for_members_only(client, name, args):
    url = reverse(name, args=args)
    assert client.get(url).status_code == 302, "anonymous visitors are sent to sign in"
    signed_in(client, factories.NonMemberFactory())
    response = client.get(url)
    assert response.status_code == 403
    assert "Mentoring is for members" in text_of(response)


def test_a_mentor_profile_is_not_shown_to_a_non_member(client):
    shown = mentor(first_name="Visible")
    signed_in(client, factories.NonMemberFactory())
    response = client.get(reverse("mentoring:mentor", args=[shown.member_id]))
    assert response.status_code == 403 and "Visible" not in text_of(response)


# ------------------------------------------------------------------------------------------- profiles


def test_a_member_creates_a_mentee_profile_with_two_windows_on_one_day(client):
    member = factories.MemberFactory(career_stage="")
    flow = topic("Flow metrics")
    signed_in(client, member)
    page = client.get(reverse("mentoring:mentee_profile"))
    assert page.status_code == 200
    html = text_of(page)
    assert html.count("<h1") == 1
    assert "<legend>Monday</legend>" in html and "<legend>Weekly availability</legend>" in html
    assert 'for="id_availability-d0_start1"' in html

    response = client.post(reverse("mentoring:mentee_profile"), profile_post(
        {"goals": "Lead a flow team.", "wanted_expertise": [flow.pk], "first_language": "es",
         "other_languages": ["en"], "region_strength": "wish", "preferred_region": "europe"},
        {"d0_start1": "7", "d0_end1": "9", "d0_start2": "19", "d0_end2": "21", "d5_start1": "10", "d5_end1": "12"},
    ))
    assert response.status_code == 303
    profile = MenteeProfile.objects.get(member=member)
    assert profile.availability == [[0, 7, 9], [0, 19, 21], [5, 10, 12]]
    assert profile.languages == ["es", "en"]
    assert list(profile.wanted_expertise.all()) == [flow]
    member.refresh_from_db()
    assert member.career_stage == "early_career" and member.time_zone == "Europe/Madrid"


@pytest.mark.parametrize("availability, message", [
    ({"d1_start1": "9"}, "Give both a start and an end hour, or neither."),
    ({"d1_start1": "12", "d1_end1": "9"}, "The end must be later than the start."),
    ({"d1_start1": "99", "d1_end1": "100"}, "Select a valid choice."),
])
def test_bad_availability_is_refused_with_a_clear_message_and_nothing_saved(client, availability, message):
    member = factories.MemberFactory()
    signed_in(client, member)
    response = client.post(reverse("mentoring:mentee_profile"), profile_post(
        {"goals": "Grow.", "first_language": "en", "region_strength": "wish"}, availability))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MenteeProfile.objects.filter(member=member).exists()


def test_a_mentor_meeting_in_person_must_name_a_city_and_capacity_stays_within_five(client):
    member = factories.MemberFactory()
    signed_in(client, member)
    fields = {"offer": "Careers.", "years_of_practice": "12", "languages": ["en"], "capacity": "6",
              "formats": ["in_person"], "open_to_other_regions": "on", "is_listed": "on"}
    response = client.post(reverse("mentoring:mentor_profile"),
                           profile_post(fields, {"d2_start1": "18", "d2_end1": "20"}, career_stage="senior"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Name the city where you can meet in person." in html
    assert "Select a valid choice. 6 is not one of the available choices." in html
    fields.update(capacity="3", city="Lisbon")
    response = client.post(reverse("mentoring:mentor_profile"),
                           profile_post(fields, {"d2_start1": "18", "d2_end1": "20"}, career_stage="senior"))
    assert response.status_code == 303
    profile = MentorProfile.objects.get(member=member)
    assert profile.capacity == 3 and profile.city == "Lisbon" and profile.availability == [[2, 18, 20]]


# ------------------------------------------------------------------------------------------- directory


def test_the_directory_searches_by_expertise_language_region_stage_overlap_and_capacity(client):
    flow, kanban = topic("Flow metrics"), topic("Kanban")
    viewer = mentee(time_zone="Europe/London", availability=[[0, 18, 21]])
    london = mentor(expertise=[flow], first_name="London", last_name="Adams", time_zone="Europe/London",
                    availability=[[0, 18, 21]], capacity=1)
    tokyo = mentor(expertise=[flow], first_name="Tokyo", last_name="Abe", time_zone="Asia/Tokyo",
                   availability=[[0, 18, 21]], languages=("ja", "en"))
    mentor(expertise=[kanban], first_name="Madrid", last_name="Baker", time_zone="Europe/Madrid",
                    availability=[[0, 19, 22]], languages=("es",), career_stage="executive")
    mentor(first_name="Hidden", listed=False)
    mentor(first_name="Lapsed", membership_tier="non_member")
    signed_in(client, viewer.member)
    url = reverse("mentoring:directory")

    def found(**query) -> list[str]:
        response = client.get(url, query)
        assert response.status_code == 200
        return re.findall(r'<h2><a href="/mentoring/mentors/\d+/">(\w+) ', response.content.decode())

    assert found() == ["London", "Madrid", "Tokyo"], \
        "most overlap first, then by family name; unlisted and lapsed never"
    assert found(topic="flow-metrics") == ["London", "Tokyo"]
    assert found(language="ja") == ["Tokyo"]
    assert found(region="asia") == ["Tokyo"]
    assert found(career_stage="executive") == ["Madrid"]
    assert found(min_overlap="2") == ["London", "Madrid"], "Madrid 19-22 h is London 18-21 h"
    assert found(q="baker") == ["Madrid"]
    assert found(q="Kanban") == ["London", "Madrid", "Tokyo"], "every offer mentions kanban"
    request_rules.accept_request(request_rules.request_mentor(mentee().member, london, "Please."), london.member)
    assert found(open_only="on") == ["Madrid", "Tokyo"]
    page = text_of(client.get(url))
    assert "3 hours a week" in page and "At capacity" in page
    assert tokyo.member.email not in page and "Phone +44" not in page


def test_a_bad_directory_filter_is_a_clear_400(client):
    signed_in(client, mentee().member)
    response = client.get(reverse("mentoring:directory"), {"region": "atlantis", "min_overlap": "lots"})
    assert response.status_code == 400
    assert "Select a valid choice. atlantis is not one of the available choices." in response.content.decode()


# ------------------------------------------------------------------------------------------- requests and privacy


def test_contact_details_and_private_fields_go_only_to_the_matched_partner(client):
    wanted = mentor(employer="Globex", identities=["lgbtq"], first_name="Maya")
    asking = mentee(first_name="Ines")
    stranger = mentee()
    detail = reverse("mentoring:mentor", args=[wanted.member_id])

    signed_in(client, asking.member)
    before = text_of(client.get(detail))
    assert "Maya" in before
    for private in (wanted.member.email, "Phone +44", "Globex", "LGBTQ"):
        assert private not in before

    response = client.post(reverse("mentoring:request_mentor", args=[wanted.member_id]), {"message": "Help!"})
    assert response.status_code == 303
    request = MentorshipRequest.objects.get()
    request_rules.accept_request(request, wanted.member)
    after = text_of(client.get(detail))
    assert wanted.member.email in after and "Phone +44" in after
    assert "Globex" not in after and "LGBTQ" not in after
    mentorship = Mentorship.objects.get()
    page = text_of(client.get(reverse("mentoring:mentorship", args=[mentorship.pk])))
    assert wanted.member.email in page and "Phone +44" in page

    signed_in(client, stranger.member)
    assert wanted.member.email not in text_of(client.get(detail))
    assert client.get(reverse("mentoring:mentorship", args=[mentorship.pk])).status_code == 404
    assert client.get(reverse("mentoring:request", args=[request.pk])).status_code == 404


def test_a_mentor_sees_only_requests_addressed_to_them(client):
    first, second = mentor(first_name="Ada"), mentor(first_name="Bea")
    asking = mentee(first_name="Cal")
    to_first = request_rules.request_mentor(asking.member, first, "Ada, please mentor me on flow.")
    to_second = request_rules.request_mentor(asking.member, second, "Bea, please mentor me on kanban.")
    signed_in(client, second.member)
    home = text_of(client.get(reverse("mentoring:home")))
    assert "From Cal" in home and home.count("From Cal") == 1
    assert client.get(reverse("mentoring:request", args=[to_first.pk])).status_code == 404
    mine = text_of(client.get(reverse("mentoring:request", args=[to_second.pk])))
    assert "Bea, please mentor me on kanban." in mine and "Grow into a flow lead." in mine
    response = client.post(reverse("mentoring:answer_request", args=[to_first.pk, "accept"]))
    assert response.status_code == 404
    to_first.refresh_from_db()
    assert to_first.status == MentorshipRequest.Status.PENDING


def test_requesting_a_mentor_at_capacity_through_the_page_gives_a_clear_409(client):
    full = mentor(capacity=1, first_name="Full")
    request_rules.accept_request(request_rules.request_mentor(mentee().member, full, "Please."), full.member)
    signed_in(client, mentee().member)
    response = client.post(reverse("mentoring:request_mentor", args=[full.member_id]), {"message": "Me too?"})
    assert response.status_code == 409
    assert "is at capacity (1 mentees at once)" in text_of(response)


def test_a_double_request_through_the_page_gives_a_clear_409(client):
    wanted = mentor()
    signed_in(client, mentee().member)
    url = reverse("mentoring:request_mentor", args=[wanted.member_id])
    assert client.post(url, {"message": "Please."}).status_code == 303
    again = client.post(url, {"message": "Please!"})
    assert again.status_code == 409 and "You already asked" in text_of(again)


def test_actions_answer_only_to_posts(client):
    wanted = mentor()
    signed_in(client, mentee().member)
    response = client.get(reverse("mentoring:request_mentor", args=[wanted.member_id]))
    assert response.status_code == 405 and response["Allow"] == "POST"


def test_a_mentor_accepts_through_the_page_and_lands_on_the_relationship(client):
    wanted, asking = mentor(), mentee()
    request = request_rules.request_mentor(asking.member, wanted, "Please.")
    signed_in(client, wanted.member)
    response = client.post(reverse("mentoring:answer_request", args=[request.pk, "accept"]), {"reply": "Yes!"})
    mentorship = Mentorship.objects.get()
    assert response.status_code == 303 and response["Location"] == reverse("mentoring:mentorship",
                                                                           args=[mentorship.pk])
    again = client.post(reverse("mentoring:answer_request", args=[request.pk, "accept"]))
    assert again.status_code == 409 and "already answered" in text_of(again)


def test_unknown_ids_are_404_not_500(client):
    signed_in(client, mentee().member)
    for url in (reverse("mentoring:mentor", args=[999999]), reverse("mentoring:request", args=[999999]),
                reverse("mentoring:proposal", args=[999999]), reverse("mentoring:mentorship", args=[999999]),
                reverse("mentoring:round", args=[999999])):
        assert client.get(url).status_code == 404
    assert client.post(reverse("mentoring:answer_request", args=[1, "explode"])).status_code == 404
