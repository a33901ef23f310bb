"""A matching round through its rule modules: applying, running the engine, adjusting, publishing, answering,
re-matching after a decline, and rounds where nobody can be matched."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.models import MembershipTier
from mentoring import proposals as proposal_rules
from mentoring import requests as request_rules
from mentoring import rounds as rules
from mentoring.match_reasons import explanation_text
from mentoring.models import MatchProposal, MentoringNotice, Mentorship, PairAdjustment, RoundApplication
from mentoring.refusal import MentoringRefused
from tests import factories

from .factories import RoundFactory, applied, mentee, mentor, staff_member, topic

pytestmark = pytest.mark.django_db

Status = MatchProposal.Status


@pytest.fixture
def staff():
    return staff_member()


def drafts(round):
    return list(round.proposals.filter(status=Status.DRAFT).select_related("mentee", "mentor"))


def pairs(proposals) -> set[tuple[int, int]]:
    return {(p.mentee_id, p.mentor_id) for p in proposals}


# ------------------------------------------------------------------------------------------- applying


def test_applying_keeps_a_snapshot_that_later_profile_edits_do_not_change():
    round = RoundFactory()
    flow = topic("Flow metrics")
    profile = mentee(wanted=[flow], languages=("es", "en"), time_zone="America/Bogota")
    application = applied(profile, round, wants_fairness_support=True)
    assert application.snapshot["languages"] == ["es", "en"]
    assert application.snapshot["expertise"] == ["flow-metrics"]
    assert application.snapshot["region"] == "americas"
    assert application.wants_fairness_support is True
    profile.languages = ["fr"]
    profile.save()
    application.refresh_from_db()
    assert application.snapshot["languages"] == ["es", "en"]


@pytest.mark.parametrize("case, message", [
    ("not_open", "Applications open on"),
    ("closed", "Applications closed on"),
    ("stage", "other career stages"),
    ("tier", "other membership tiers"),
    ("no_profile", "Fill in your mentee profile first"),
    ("non_member", "current members"),
])
def test_who_may_not_apply_is_told_why(case, message):
    today = timezone.localdate()
    round = RoundFactory(eligible_career_stages=["student"], eligible_tiers=[MembershipTier.STUDENT])
    if case == "not_open":
        round = RoundFactory(applications_open_on=today + timedelta(days=1))
    elif case == "closed":
        round = RoundFactory(applications_open_on=today - timedelta(days=9), applications_close_on=today - timedelta(1))
    member = mentee(career_stage="student", membership_tier=MembershipTier.STUDENT).member
    if case == "stage":
        member = mentee(career_stage="early_career", membership_tier=MembershipTier.STUDENT).member
    elif case == "tier":
        member = mentee(career_stage="student", membership_tier=MembershipTier.PROFESSIONAL).member
    elif case == "no_profile":
        member = factories.MemberFactory(career_stage="student", membership_tier=MembershipTier.STUDENT)
    elif case == "non_member":
        member = factories.NonMemberFactory(career_stage="student")
    with pytest.raises(MentoringRefused, match=message):
        rules.apply_to_round(member, round, RoundApplication.Role.MENTEE)
    assert not RoundApplication.objects.exists()


def test_applying_again_updates_the_application_instead_of_adding_one():
    round = RoundFactory()
    profile = mentee()
    first = applied(profile, round)
    profile.languages = ["en", "de"]
    profile.save()
    second, new = rules.apply_to_round(profile.member, round, RoundApplication.Role.MENTEE)
    assert not new and second.pk == first.pk
    assert second.snapshot["languages"] == ["en", "de"]


# ------------------------------------------------------------------------------------------- running


def test_the_run_proposes_the_best_pairs_with_scores_and_explanations(staff):
    flow, kanban = topic("Flow metrics"), topic("Kanban")
    round = RoundFactory()
    flow_mentor = mentor(expertise=[flow], capacity=1, first_name="Flo")
    kanban_mentor = mentor(expertise=[kanban], capacity=1, first_name="Kan")
    wants_flow = mentee(wanted=[flow], first_name="Wanda")
    wants_kanban = mentee(wanted=[kanban], first_name="Kai")
    for profile in (flow_mentor, kanban_mentor, wants_flow, wants_kanban):
        applied(profile, round)

    run = rules.run_matcher(round, staff)

    assert run.matched_count == 2 and run.no_match_message == ""
    proposed = drafts(round)
    assert pairs(proposed) == {(wants_flow.member_id, flow_mentor.member_id),
                               (wants_kanban.member_id, kanban_mentor.member_id)}
    flow_pair = next(p for p in proposed if p.mentor_id == flow_mentor.member_id)
    text = explanation_text(flow_pair.explanation)
    assert "Flow metrics" in text and "English" in text and "hours a week free at the same time" in text
    assert flow_pair.score > 0
    assert not MentoringNotice.objects.exists(), "drafts are for staff only"


def test_only_staff_may_run_adjust_or_publish():
    round = RoundFactory()
    member = factories.MemberFactory()
    for attempt in (lambda: rules.run_matcher(round, member), lambda: rules.publish(round, member)):
        with pytest.raises(MentoringRefused, match="Only staff") as refused:
            attempt()
        assert refused.value.status == 403


def test_an_impossible_round_is_recorded_with_the_rule_that_excluded_the_pairs(staff):
    round = RoundFactory()
    applied(mentor(languages=("ja",)), round)
    applied(mentee(languages=("pt",)), round)
    applied(mentee(languages=("sw",)), round)

    run = rules.run_matcher(round, staff)

    assert run.matched_count == 0
    assert "Impossible round" in run.no_match_message
    assert "no shared language: 2 pairs" in run.no_match_message
    assert drafts(round) == []
    [(_, first_reason), (_, second_reason)] = rules.unmatched_mentees(round)
    assert "no allowed mentor" in first_reason and "no allowed mentor" in second_reason
    with pytest.raises(MentoringRefused, match="nothing to publish"):
        rules.publish(round, staff)


def test_a_round_without_mentors_says_so(staff):
    round = RoundFactory()
    applied(mentee(), round)
    run = rules.run_matcher(round, staff)
    assert "No mentor with a free slot" in run.no_match_message


def test_mentor_capacity_already_used_by_direct_mentees_is_not_offered_to_the_round(staff):
    round = RoundFactory()
    busy = mentor(capacity=1)
    direct = mentee()
    request_rules.accept_request(request_rules.request_mentor(direct.member, busy, "Please."), busy.member)
    applied(busy, round)
    applied(mentee(), round)
    run = rules.run_matcher(round, staff)
    assert run.matched_count == 0
    assert "No mentor with a free slot" in run.no_match_message


def test_a_must_identity_preference_matches_without_naming_the_identity(staff):
    round = RoundFactory()
    sharing = mentor(identities=["first_generation"], capacity=1, first_name="Sam")
    other = mentor(capacity=1, first_name="Oli", employer="")
    asking = mentee(identities=["first_generation", "carer"], identity_strength="must")
    for profile in (sharing, other, asking):
        applied(profile, round)
    rules.run_matcher(round, staff)
    [proposal] = drafts(round)
    assert proposal.mentor_id == sharing.member_id
    text = explanation_text(proposal.explanation)
    assert "shares an identity the mentee asked for" in text
    assert "first" not in text.lower() and "carer" not in text.lower()
    assert "first_generation" not in str(proposal.explanation)


# ------------------------------------------------------------------------------------------- adjusting


def test_staff_keep_a_pair_and_the_rerun_builds_around_it(staff):
    flow = topic("Flow metrics")
    round = RoundFactory()
    best = mentor(expertise=[flow], capacity=1)
    plain = mentor(capacity=1)
    asking = mentee(wanted=[flow])
    apps = {p.member_id: applied(p, round) for p in (best, plain, asking)}
    rules.run_matcher(round, staff)
    assert pairs(drafts(round)) == {(asking.member_id, best.member_id)}

    rules.add_adjustment(round, apps[asking.member_id], apps[plain.member_id], PairAdjustment.Kind.FIX, staff)
    rules.run_matcher(round, staff)
    [kept] = drafts(round)
    assert (kept.mentee_id, kept.mentor_id) == (asking.member_id, plain.member_id) and kept.fixed_by_staff


def test_staff_forbid_a_pair_and_the_rerun_avoids_it(staff):
    round = RoundFactory()
    first, second = mentor(capacity=1), mentor(capacity=1)
    asking = mentee()
    apps = {p.member_id: applied(p, round) for p in (first, second, asking)}
    rules.run_matcher(round, staff)
    [proposed] = drafts(round)
    rules.add_adjustment(round, apps[asking.member_id], apps[proposed.mentor_id], PairAdjustment.Kind.FORBID, staff)
    rules.run_matcher(round, staff)
    [again] = drafts(round)
    assert again.mentor_id != proposed.mentor_id


def test_keeping_a_pair_that_breaks_a_hard_rule_names_the_rule(staff):
    round = RoundFactory()
    colleague = mentor(employer="Acme Ltd", capacity=1)
    asking = mentee(employer="acme  ltd")
    apps = {p.member_id: applied(p, round) for p in (colleague, asking)}
    with pytest.raises(MentoringRefused, match="cannot be paired: same employer"):
        rules.add_adjustment(round, apps[asking.member_id], apps[colleague.member_id], PairAdjustment.Kind.FIX,
                             staff)
    assert not PairAdjustment.objects.exists()


def test_one_kept_mentor_per_mentee(staff):
    round = RoundFactory()
    first, second = mentor(), mentor()
    asking = mentee()
    apps = {p.member_id: applied(p, round) for p in (first, second, asking)}
    rules.add_adjustment(round, apps[asking.member_id], apps[first.member_id], PairAdjustment.Kind.FIX, staff)
    with pytest.raises(MentoringRefused, match="already kept with"):
        rules.add_adjustment(round, apps[asking.member_id], apps[second.member_id], PairAdjustment.Kind.FIX, staff)


# ------------------------------------------------------------------------------------------- publishing, answers


def published_round(staff, *, mentors=1, mentees=1, capacity=1):
    round = RoundFactory()
    mentor_profiles = [mentor(capacity=capacity) for _ in range(mentors)]
    mentee_profiles = [mentee() for _ in range(mentees)]
    for profile in mentor_profiles + mentee_profiles:
        applied(profile, round)
    rules.run_matcher(round, staff)
    rules.publish(round, staff)
    return round, mentor_profiles, mentee_profiles


def test_publishing_tells_both_sides_and_accepting_both_starts_the_relationship(staff, mailoutbox,
                                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        round, [the_mentor], [the_mentee] = published_round(staff)
    [proposal] = MatchProposal.objects.filter(round=round)
    assert proposal.status == Status.PUBLISHED and round.proposals.filter(status=Status.DRAFT).count() == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted([the_mentor.member.email, the_mentee.member.email])
    assert all("proposed mentoring match" in m.subject for m in mailoutbox)

    first = proposal_rules.answer(proposal, the_mentee.member, accept=True)
    assert first.mentorship is None and "We will tell you" in first.message
    with django_capture_on_commit_callbacks(execute=True):
        second = proposal_rules.answer(proposal, the_mentor.member, accept=True)
    assert second.mentorship is not None and second.mentorship.origin == Mentorship.Origin.ROUND
    assert second.mentorship.ends_on == round.ends_on
    proposal.refresh_from_db()
    assert proposal.status == Status.ACCEPTED
    assert len([m for m in mailoutbox if "can begin" in m.subject]) == 2


def test_answering_twice_or_after_a_decline_is_refused_clearly(staff):
    round, [the_mentor], [the_mentee] = published_round(staff)
    proposal = MatchProposal.objects.get(round=round)
    proposal_rules.answer(proposal, the_mentee.member, accept=True)
    with pytest.raises(MentoringRefused, match="already accepted"):
        proposal_rules.answer(proposal, the_mentee.member, accept=True)
    proposal_rules.answer(proposal, the_mentor.member, accept=False)
    with pytest.raises(MentoringRefused, match="other person declined"):
        proposal_rules.answer(proposal, the_mentee.member, accept=False)


def test_accepting_a_withdrawn_proposal_says_staff_withdrew_it(staff):
    round, [the_mentor], [the_mentee] = published_round(staff)
    proposal = MatchProposal.objects.get(round=round)
    rules.withdraw_proposal(proposal, staff)
    with pytest.raises(MentoringRefused, match="Staff withdrew this proposal on \\d{1,2} [A-Z][a-z]+ \\d{4},"):
        proposal_rules.answer(proposal, the_mentee.member, accept=True)
    assert not Mentorship.objects.exists()


def test_outsiders_and_drafts_are_not_answerable(staff):
    round = RoundFactory()
    for profile in (mentor(), mentee()):
        applied(profile, round)
    rules.run_matcher(round, staff)
    [draft] = drafts(round)
    with pytest.raises(MentoringRefused) as not_yet:
        proposal_rules.answer(draft, draft.mentee, accept=True)
    assert not_yet.value.status == 404
    rules.publish(round, staff)
    with pytest.raises(MentoringRefused) as stranger:
        proposal_rules.answer(draft, mentee().member, accept=True)
    assert stranger.value.status == 404


def test_a_decline_frees_the_slot_and_the_rerun_rematches_only_that_mentee(staff, mailoutbox,
                                                                           django_capture_on_commit_callbacks):
    flow = topic("Flow metrics")
    round = RoundFactory()
    star = mentor(expertise=[flow], capacity=2, first_name="Star")
    backup = mentor(capacity=1, first_name="Backup")
    happy, picky = mentee(wanted=[flow]), mentee(wanted=[flow])
    for profile in (star, backup, happy, picky):
        applied(profile, round)
    rules.run_matcher(round, staff)
    assert pairs(drafts(round)) == {(happy.member_id, star.member_id), (picky.member_id, star.member_id)}
    rules.publish(round, staff)
    kept = MatchProposal.objects.get(round=round, mentee=happy.member)
    proposal_rules.answer(kept, happy.member, accept=True)
    proposal_rules.answer(kept, star.member, accept=True)

    declined = MatchProposal.objects.get(round=round, mentee=picky.member)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        proposal_rules.answer(declined, picky.member, accept=False)
    assert [m.to for m in mailoutbox] == [[star.member.email]], "the other side is told"

    run = rules.run_matcher(round, staff)
    assert run.no_match_message == ""
    [again] = drafts(round)
    assert (again.mentee_id, again.mentor_id) == (picky.member_id, backup.member_id), \
        "the declined pair is never proposed again; the accepted pair stands"
    assert MatchProposal.objects.get(pk=kept.pk).status == Status.ACCEPTED
    assert rules.publish(round, staff) == 1


def test_publishing_refuses_when_a_mentor_filled_up_since_the_run(staff):
    round = RoundFactory()
    the_mentor = mentor(capacity=1, first_name="Nora")
    applied(the_mentor, round)
    applied(mentee(), round)
    rules.run_matcher(round, staff)
    direct = mentee()
    request_rules.accept_request(request_rules.request_mentor(direct.member, the_mentor, "Please."),
                                 the_mentor.member)
    with pytest.raises(MentoringRefused, match="Nothing was published: Nora .* 0 free slots but 1 new"):
        rules.publish(round, staff)
    assert not round.proposals.filter(status=Status.PUBLISHED).exists()


def test_a_published_proposal_holds_the_mentors_slot_against_direct_requests(staff):
    round, [the_mentor], _mentees = published_round(staff)
    with pytest.raises(MentoringRefused, match="at capacity"):
        request_rules.request_mentor(mentee().member, the_mentor, "Please.")


def test_withdrawing_an_application_with_a_waiting_proposal_is_refused(staff):
    round, _mentors, [the_mentee] = published_round(staff)
    application = RoundApplication.objects.get(round=round, member=the_mentee.member)
    with pytest.raises(MentoringRefused, match="decline it instead"):
        rules.withdraw_application(application, the_mentee.member)


@pytest.mark.parametrize("floor", [True, False])
def test_the_fairness_floor_matches_the_mentee_who_asked_for_support_first(staff, floor):
    flow = topic("Flow metrics")
    round = RoundFactory(fairness_floor=floor)
    applied(mentor(capacity=1, expertise=[flow]), round)
    supported, better_scoring = mentee(), mentee(wanted=[flow])
    applied(supported, round, wants_fairness_support=True)
    applied(better_scoring, round)
    run = rules.run_matcher(round, staff)
    [proposal] = drafts(round)
    if floor:
        assert run.fairness["group_size"] == 1 and run.fairness["group_matched"] == 1
        assert run.fairness["floor_bound"] is True
        assert proposal.mentee_id == supported.member_id
    else:
        assert run.fairness is None
        assert proposal.mentee_id == better_scoring.member_id
