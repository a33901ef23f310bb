"""Direct requests through the rule module: asking, accepting, declining, withdrawing, and capacity holding."""

from __future__ import annotations

import pytest

from mentoring import requests as rules
from mentoring.capacity import open_slots
from mentoring.models import MentoringNotice, Mentorship, MentorshipRequest
from mentoring.refusal import MentoringRefused
from tests import factories

from .factories import mentee, mentor

pytestmark = pytest.mark.django_db

Status = MentorshipRequest.Status


def test_a_request_accepted_starts_a_relationship_and_both_are_told(mailoutbox, django_capture_on_commit_callbacks):
    wanted = mentor(capacity=1, first_name="Maya")
    asking = mentee(first_name="Ines")

    with django_capture_on_commit_callbacks(execute=True):
        request = rules.request_mentor(asking.member, wanted, "I would like help with flow metrics.")
    assert request.status == Status.PENDING
    assert [m.to for m in mailoutbox] == [[wanted.member.email]]
    assert "Ines" in mailoutbox[0].subject

    with django_capture_on_commit_callbacks(execute=True):
        mentorship = rules.accept_request(request, wanted.member, reply="Happy to.")
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED and request.reply == "Happy to."
    assert mentorship.mentee == asking.member and mentorship.mentor == wanted.member
    assert mentorship.origin == Mentorship.Origin.DIRECT and mentorship.is_active
    assert mailoutbox[-1].to == [asking.member.email] and "accepted" in mailoutbox[-1].subject
    assert open_slots(wanted) == 0


def test_a_mentor_at_capacity_cannot_be_asked_nor_accept_beyond_it():
    wanted = mentor(capacity=1)
    first, second, third = mentee(), mentee(), mentee()
    early = rules.request_mentor(first.member, wanted, "Please.")
    waiting = rules.request_mentor(second.member, wanted, "Please, me too.")
    rules.accept_request(early, wanted.member)

    with pytest.raises(MentoringRefused, match="at capacity"):
        rules.request_mentor(third.member, wanted, "And me?")
    with pytest.raises(MentoringRefused, match="at capacity") as refused:
        rules.accept_request(waiting, wanted.member)
    assert refused.value.status == 409
    waiting.refresh_from_db()
    assert waiting.status == Status.PENDING
    assert Mentorship.objects.filter(mentor=wanted.member).count() == 1


def test_asking_the_same_mentor_twice_is_refused_with_the_date():
    wanted, asking = mentor(), mentee()
    rules.request_mentor(asking.member, wanted, "Please.")
    with pytest.raises(MentoringRefused, match="You already asked .* on \\d{1,2} [A-Z][a-z]+ \\d{4};"):
        rules.request_mentor(asking.member, wanted, "Please, again.")
    assert MentorshipRequest.objects.filter(mentee=asking.member).count() == 1


def test_asking_ones_own_mentor_again_is_refused():
    wanted, asking = mentor(capacity=3), mentee()
    rules.accept_request(rules.request_mentor(asking.member, wanted, "Please."), wanted.member)
    with pytest.raises(MentoringRefused, match="already your mentor"):
        rules.request_mentor(asking.member, wanted, "Again?")


@pytest.mark.parametrize("problem, message", [
    ("no_profile", "Fill in your mentee profile first"),
    ("self", "cannot ask yourself"),
    ("empty", "Write a short message"),
    ("unlisted", "not taking requests"),
    ("non_member", "current members"),
])
def test_requests_that_cannot_be_made_say_why(problem, message):
    wanted = mentor(listed=problem != "unlisted")
    asker = mentee().member
    text = "Please."
    if problem == "no_profile":
        asker = factories.MemberFactory()
    elif problem == "self":
        asker = wanted.member
        mentee_profile = mentee()
        mentee_profile.member = asker
        mentee_profile.save()
    elif problem == "empty":
        text = "   "
    elif problem == "non_member":
        asker = factories.NonMemberFactory()
    with pytest.raises(MentoringRefused, match=message):
        rules.request_mentor(asker, wanted, text)
    assert not MentorshipRequest.objects.exists()


def test_only_the_addressed_mentor_answers_and_others_are_told_it_does_not_exist():
    wanted, asking, other_mentor = mentor(), mentee(), mentor()
    request = rules.request_mentor(asking.member, wanted, "Please.")
    with pytest.raises(MentoringRefused) as stranger:
        rules.accept_request(request, other_mentor.member)
    assert stranger.value.status == 404
    with pytest.raises(MentoringRefused) as own_mentee:
        rules.accept_request(request, asking.member)
    assert own_mentee.value.status == 403


def test_accepting_a_withdrawn_request_says_it_was_withdrawn():
    wanted, asking = mentor(), mentee(first_name="Ola")
    request = rules.request_mentor(asking.member, wanted, "Please.")
    rules.withdraw_request(request, asking.member)
    with pytest.raises(MentoringRefused, match="Ola .*withdrew this request"):
        rules.accept_request(request, wanted.member)
    assert not Mentorship.objects.exists()


def test_a_declined_request_tells_the_mentee_and_can_be_followed_by_a_new_one(mailoutbox):
    wanted, asking = mentor(), mentee()
    request = rules.decline_request(rules.request_mentor(asking.member, wanted, "Please."), wanted.member, "Full.")
    assert request.status == Status.DECLINED
    assert MentoringNotice.objects.filter(member=asking.member, kind="request_declined").exists()
    with pytest.raises(MentoringRefused, match="already answered"):
        rules.accept_request(request, wanted.member)
    again = rules.request_mentor(asking.member, wanted, "Maybe later in the year?")
    assert again.pk != request.pk and again.status == Status.PENDING


def test_a_request_notice_overtaken_by_its_answer_is_not_sent(mailoutbox, django_capture_on_commit_callbacks):
    wanted, asking = mentor(), mentee()
    with django_capture_on_commit_callbacks(execute=False):
        request = rules.request_mentor(asking.member, wanted, "Please.")
        rules.withdraw_request(request, asking.member)
    from lms.tasks import send_letter
    from mentoring.notices import LETTER

    notice = MentoringNotice.objects.get(kind="request_received")
    assert send_letter.delay(LETTER, notice.pk).get() is False
    assert mailoutbox == []
