"""Enrolment rules and the offering's enrol/ and leave/ routes, through real pages and PostgreSQL."""

from datetime import datetime, time

import pytest
from django.utils import timezone

from courses.learning import enrolment as enrolment_rules
from courses.models import Enrolment, EnrolmentEvent, LessonCompletion
from lms.access import AccessLevel
from lms.formatting import date_text
from tests import factories
from tests.courses.journeys import days_from_today, enrol, finish
from tests.factories import lessons_of

pytestmark = pytest.mark.django_db


def event_kinds(enrolment):
    return list(EnrolmentEvent.objects.filter(enrolment=enrolment).values_list("kind", flat=True))


# ------------------------------------------------------------------------------------------- enrol / withdraw


def test_enrol_route_creates_one_active_enrolment_and_sends_learner_to_first_lesson(member_client, learner, course):
    response = member_client.post(course.url + "enrol/")

    assert response.status_code == 303
    assert response["Location"] == lessons_of(course)[0].url
    enrolment = Enrolment.objects.get(member=learner, offering=course)
    assert enrolment.is_active and enrolment.completed_at is None
    assert event_kinds(enrolment) == [EnrolmentEvent.Kind.ENROLLED]
    page = member_client.get(response["Location"])
    assert f"You are enrolled in {course.title}." in page.content.decode()


def test_enrolling_twice_is_a_no_op_with_one_row(member_client, learner, course):
    member_client.post(course.url + "enrol/")
    response = member_client.post(course.url + "enrol/", follow=True)

    assert response.status_code == 200
    assert f"You were already enrolled in {course.title}." in response.content.decode()
    assert Enrolment.objects.filter(member=learner, offering=course).count() == 1
    assert event_kinds(Enrolment.objects.get(member=learner)) == [EnrolmentEvent.Kind.ENROLLED]
    outcome = enrolment_rules.enrol(learner, course)
    assert outcome.changed is False


def test_withdraw_keeps_completions_and_reenrol_restores_progress(member_client, learner, course):
    member_client.post(course.url + "enrol/")
    first, second = lessons_of(course)[:2]
    finish(learner, [first, second])

    response = member_client.post(course.url + "leave/", follow=True)
    assert response.status_code == 200
    assert f"You left {course.title}." in response.content.decode()
    enrolment = Enrolment.objects.get(member=learner, offering=course)
    assert enrolment.is_active is False and enrolment.withdrawn_at is not None
    assert LessonCompletion.objects.filter(member=learner).count() == 2
    overview = member_client.get(course.url).content.decode()
    assert "Enrol again" in overview and "Your earlier progress is kept." in overview

    response = member_client.post(course.url + "enrol/")
    assert response.status_code == 303
    # Progress is back: the resume target is the first lesson not yet done.
    assert response["Location"] == lessons_of(course)[2].url
    enrolment.refresh_from_db()
    assert enrolment.is_active is True and enrolment.withdrawn_at is None
    assert Enrolment.objects.filter(member=learner).count() == 1
    assert event_kinds(enrolment) == [
        EnrolmentEvent.Kind.ENROLLED,
        EnrolmentEvent.Kind.WITHDREW,
        EnrolmentEvent.Kind.RE_ENROLLED,
    ]
    overview = member_client.get(course.url).content.decode()
    assert "50% complete" in overview


def test_withdrawing_twice_records_one_withdrawal(learner, course):
    enrol(learner, course)
    assert enrolment_rules.withdraw(learner, course).changed is True
    assert enrolment_rules.withdraw(learner, course).changed is False
    assert event_kinds(Enrolment.objects.get(member=learner)).count(EnrolmentEvent.Kind.WITHDREW) == 1


def test_leaving_an_offering_never_enrolled_in_is_refused(member_client, learner, course):
    response = member_client.post(course.url + "leave/")
    assert response.status_code == 409
    assert f"You are not enrolled in {course.title}." in response.content.decode()
    assert not Enrolment.objects.exists()


def test_cannot_withdraw_from_a_completed_offering(member_client, learner, course):
    enrol(learner, course)
    finish(learner, lessons_of(course))

    response = member_client.post(course.url + "leave/")

    assert response.status_code == 409
    assert "stays on your record" in response.content.decode()
    enrolment = Enrolment.objects.get(member=learner)
    assert enrolment.is_active is True and enrolment.completed_at is not None
    assert EnrolmentEvent.Kind.WITHDREW not in event_kinds(enrolment)


# ------------------------------------------------------------------------------------------- prerequisites


def test_prerequisite_must_be_completed_first(member_client, learner):
    basics = factories.build_offering(title="Value Stream Basics", modules=1, lessons_per_module=1)
    advanced = factories.build_offering(title="Advanced Flow")
    advanced.prerequisites.set([basics])
    advanced.save()

    response = member_client.post(advanced.url + "enrol/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "Complete Value Stream Basics first; it is a prerequisite." in body
    assert not Enrolment.objects.filter(offering=advanced).exists()
    overview = member_client.get(advanced.url).content.decode()
    assert "Complete these first:" in overview and "Value Stream Basics" in overview

    # Enrolled but not finished still blocks.
    enrol(learner, basics)
    assert member_client.post(advanced.url + "enrol/").status_code == 403

    finish(learner, lessons_of(basics))
    response = member_client.post(advanced.url + "enrol/")
    assert response.status_code == 303
    assert Enrolment.objects.filter(member=learner, offering=advanced, is_active=True).count() == 1


# ------------------------------------------------------------------------------------------- member-only


def test_prerequisites_never_name_a_members_only_offering_to_a_non_member(non_member_client):
    secret = factories.build_offering(
        title="Inner Circle Flow Lab", access_level=AccessLevel.MEMBER_ONLY, language="pt"
    )
    draft = factories.build_offering(title="Unreleased Draft Course", publish=False)
    public = factories.build_offering(title="Open Flow Course")
    public.prerequisites.set([secret, draft])
    public.save()

    overview = non_member_client.get(public.url).content.decode()
    refused = non_member_client.post(public.url + "enrol/").content.decode()
    catalog = non_member_client.get("/catalog/").content.decode()

    for page in (overview, refused):
        assert "Inner Circle Flow Lab" not in page and "Unreleased Draft Course" not in page
    assert "an offering for members" in refused
    assert '<option value="pt"' not in catalog  # the language filter does not betray the hidden offering either


def test_member_only_offering_refuses_non_member_with_reason(non_member_client, non_member):
    offering = factories.build_offering(title="Members Masterclass", access_level=AccessLevel.MEMBER_ONLY)

    response = non_member_client.post(offering.url + "enrol/")

    assert response.status_code == 403
    assert "This offering is for current members of the association." in response.content.decode()
    assert not Enrolment.objects.exists()


def test_member_only_offering_refuses_expired_member_naming_expiry(client, expired_member):
    offering = factories.build_offering(title="Members Masterclass", access_level=AccessLevel.MEMBER_ONLY)
    client.force_login(expired_member)

    response = client.post(offering.url + "enrol/")

    assert response.status_code == 403
    expected = f"Your membership expired on {date_text(expired_member.membership_expires_on)}; renew it to enrol."
    assert expected in response.content.decode()
    assert not Enrolment.objects.exists()


def test_member_only_course_page_answers_403_for_members_to_non_members(client, non_member, learner):
    offering = factories.build_offering(title="Members Masterclass", access_level=AccessLevel.MEMBER_ONLY)

    anonymous = client.get(offering.url)
    assert anonymous.status_code == 403
    assert "This offering is for members" in anonymous.content.decode()

    client.force_login(non_member)
    response = client.get(offering.url)
    assert response.status_code == 403
    assert "This offering is for members" in response.content.decode()
    assert "Members Masterclass" in response.content.decode()

    client.force_login(learner)
    member_view = client.get(offering.url)
    assert member_view.status_code == 200
    assert client.post(offering.url + "enrol/").status_code == 303
    assert Enrolment.objects.filter(member=learner, offering=offering).exists()


# ------------------------------------------------------------------------------------------- member-first dates


def test_member_first_lets_members_in_early_and_others_later(client, learner, non_member):
    opens_to_all = days_from_today(10)
    offering = factories.build_offering(
        title="Flow Summit Prep",
        access_level=AccessLevel.MEMBER_FIRST,
        members_open_on=days_from_today(-1),
        public_open_on=opens_to_all,
    )

    client.force_login(non_member)
    response = client.post(offering.url + "enrol/")
    assert response.status_code == 403
    assert f"Members enrol first; enrolment opens to everyone on {date_text(opens_to_all)}." in (
        response.content.decode()
    )
    assert not Enrolment.objects.filter(member=non_member).exists()

    client.force_login(learner)
    assert client.post(offering.url + "enrol/").status_code == 303
    assert Enrolment.objects.filter(member=learner, offering=offering).exists()

    # On the public opening day everyone may enrol.
    later = enrolment_rules.enrol(non_member, offering, now=_noon_on(opens_to_all))
    assert later.changed and later.enrolment.is_active


def test_member_first_not_yet_open_to_members_names_the_date(member_client, learner):
    members_open = days_from_today(3)
    offering = factories.build_offering(
        access_level=AccessLevel.MEMBER_FIRST, members_open_on=members_open, public_open_on=days_from_today(20)
    )
    response = member_client.post(offering.url + "enrol/")
    assert response.status_code == 403
    assert f"Enrolment opens on {date_text(members_open)}." in response.content.decode()
    assert not Enrolment.objects.exists()


def _noon_on(day):
    return timezone.make_aware(datetime.combine(day, time(12)))


# ------------------------------------------------------------------------------------------- who may post


def test_anonymous_enrol_post_redirects_to_login(client, course):
    response = client.post(course.url + "enrol/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "next=" in response["Location"]
    assert not Enrolment.objects.exists()


def test_unpublished_offering_refused(member_client, learner):
    draft = factories.build_offering(title="Not Ready Yet", publish=False)

    with pytest.raises(enrolment_rules.EnrolmentRefused) as refused:
        enrolment_rules.enrol(learner, draft)
    assert refused.value.status == 404
    assert "not open for enrolment" in str(refused.value)

    response = member_client.post(draft.url + "enrol/")
    assert response.status_code == 404
    assert not Enrolment.objects.exists()
