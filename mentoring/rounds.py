"""A matching round's life: members apply, staff run the matcher, adjust by hand, review and publish.

Running converts the round's applications into the engine's profiles (engine_input) and calls `propose`; nothing
here scores or solves. A run proposes mentors only for the mentees still looking: every pair already published and
waiting, or accepted and under way, goes to the engine as a fixed pair, and every pair declined or withdrawn in the
round as a forbidden one, so a re-run after declines re-matches exactly the mentees who need it. Each mentor brings
the slots they have not given elsewhere (capacity.py). Runs and publishing hold the round's row lock, one at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.access import is_member
from lms.formatting import date_text
from lms.roles import is_staff_member
from mentoring.matching import (
    CriterionWeights,
    MatchingRefused,
    ProfileError,
    RoundSettings,
    propose,
    score_round,
)

from . import capacity, engine_input, notices
from .match_reasons import broken_rules_text, excluded_pairs_text, parts_as_data
from .models import (
    MatchingRound,
    MatchProposal,
    MatchRun,
    MenteeProfile,
    MentorProfile,
    Mentorship,
    PairAdjustment,
    RoundApplication,
)
from .refusal import MentoringRefused
from .relationships import bad_pairings

if TYPE_CHECKING:
    from lms.models import Member
    from mentoring import matching

Role = RoundApplication.Role
AppStatus = RoundApplication.Status
ProposalStatus = MatchProposal.Status


# ------------------------------------------------------------------------------------------- applying


def eligibility_problem(member: Member, round: MatchingRound, role: str, today: date | None = None) -> str | None:
    """Why this member may not apply to the round on this side today, or None when they may."""
    today = today or timezone.localdate()
    if not is_member(member, today):
        return _("Matching rounds are for current members of the association.")
    if today < round.applications_open_on:
        return _("Applications open on %(date)s.") % {"date": date_text(round.applications_open_on)}
    if today > round.applications_close_on:
        return _("Applications closed on %(date)s.") % {"date": date_text(round.applications_close_on)}
    if round.eligible_tiers and member.membership_tier not in round.eligible_tiers:
        return _("This round is open to other membership tiers than yours (%(tier)s).") % {
            "tier": member.get_membership_tier_display()}
    if role == Role.MENTEE and round.eligible_career_stages and member.career_stage not in round.eligible_career_stages:
        return _("This round takes mentees at other career stages than yours.")
    return None


def profile_problem(member: Member, role: str) -> str | None:
    """Why the member's profile for this side cannot be matched yet, or None."""
    model = MenteeProfile if role == Role.MENTEE else MentorProfile
    profile = model.objects.filter(member_id=member.pk).first()
    if profile is None:
        return (_("Fill in your mentee profile first.") if role == Role.MENTEE
                else _("Fill in your mentor profile first."))
    if not member.career_stage:
        return _("Add your career stage to your profile first.")
    if not profile.languages:
        return _("Add at least one language to your profile first.")
    if not profile.availability:
        return _("Add at least one weekly availability window to your profile first.")
    return None


def apply_to_round(member: Member, round: MatchingRound, role: str, *, wants_fairness_support: bool = False,
                   note: str = "", now: datetime | None = None) -> tuple[RoundApplication, bool]:
    """Apply, or bring one's application up to date with one's profile while applications are open.

    Returns the application and whether it is new.
    """
    if role not in Role.values:
        raise MentoringRefused(_("Apply as a mentee or as a mentor."), status=400)
    today = timezone.localdate(now) if now else timezone.localdate()
    if not is_member(member, today):
        raise MentoringRefused(_("Matching rounds are for current members of the association."), status=403)
    problem = eligibility_problem(member, round, role, today)
    if problem:
        raise MentoringRefused(problem)
    problem = profile_problem(member, role)
    if problem:
        raise MentoringRefused(problem)
    if role == Role.MENTEE:
        snapshot = engine_input.mentee_snapshot(member.mentee_profile)
    else:
        snapshot = engine_input.mentor_snapshot(member.mentor_profile)
    fields = {"snapshot": snapshot, "wants_fairness_support": wants_fairness_support and role == Role.MENTEE,
              "note": (note or "").strip()[:2000], "status": AppStatus.ACTIVE}
    with transaction.atomic():
        existing = RoundApplication.objects.select_for_update().filter(round=round, member=member, role=role).first()
        if existing is not None:
            if existing.status == AppStatus.DONE:
                raise MentoringRefused(_("Your mentoring from this round has ended; apply to the next round."))
            if existing.status == AppStatus.ACTIVE and live_proposal_of(existing) is not None:
                raise MentoringRefused(_("You already have a match in this round, so your application can no "
                                         "longer change."))
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save()
            return existing, False
        try:
            return RoundApplication.objects.create(round=round, member=member, role=role,
                                                   applied_at=now or timezone.now(), **fields), True
        except IntegrityError as error:
            raise MentoringRefused(_("You already applied to this round.")) from error


def withdraw_application(application: RoundApplication, actor: Member) -> RoundApplication:
    """Leave the round. Not once a proposal is published for you (answer it instead) or a match is under way."""
    if actor.pk != application.member_id:
        raise MentoringRefused(_("There is no such application."), status=404)
    with transaction.atomic():
        application = RoundApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != AppStatus.ACTIVE:
            raise MentoringRefused(_("This application is no longer active."))
        mine = MatchProposal.objects.filter(Q(mentee_application=application) | Q(mentor_application=application))
        if mine.filter(status=ProposalStatus.PUBLISHED).exists():
            raise MentoringRefused(_("You have a proposed match waiting for your answer; decline it instead."))
        if Mentorship.objects.filter(proposal__in=mine, closed_at__isnull=True).exists():
            raise MentoringRefused(_("Your mentoring from this round is under way; close it from its page."))
        mine.filter(status=ProposalStatus.DRAFT).delete()
        application.status = AppStatus.WITHDRAWN
        application.save(update_fields=["status", "updated_at"])
    return application


def live_proposal_of(application: RoundApplication) -> MatchProposal | None:
    """The mentee application's proposal that still stands: published and waiting, or accepted and under way."""
    for proposal in (MatchProposal.objects.filter(mentee_application=application)
                     .filter(status__in=[ProposalStatus.PUBLISHED, ProposalStatus.ACCEPTED])
                     .select_related("mentorship")):
        if proposal.status == ProposalStatus.PUBLISHED:
            return proposal
        mentorship = getattr(proposal, "mentorship", None)
        if mentorship is not None and mentorship.closed_at is None:
            return proposal
    return None


# ------------------------------------------------------------------------------------------- running


def round_settings(round: MatchingRound) -> RoundSettings:
    return RoundSettings(
        weights=CriterionWeights(
            expertise=float(round.weight_expertise), language=float(round.weight_language),
            career_stage=float(round.weight_career_stage), availability=float(round.weight_availability),
            region=float(round.weight_region), identity=float(round.weight_identity),
        ),
        min_overlap_hours=round.min_overlap_hours,
        full_credit_overlap_hours=round.full_credit_overlap_hours,
    )


@dataclass(frozen=True)
class LeftOut:
    """An applicant the run could not use, and why (for staff)."""

    application: RoundApplication
    reason: str


@dataclass
class RoundInput:
    """Everything one run gives the engine, in the engine's terms, with the applications behind the ids."""

    mentees: list[matching.MenteeProfile]
    mentors: list[matching.MentorProfile]
    mentee_apps: dict[str, RoundApplication]
    mentor_apps: dict[str, RoundApplication]
    fixed_live: set[tuple[str, str]]
    fixed_by_staff: set[tuple[str, str]]
    forbidden: set[tuple[str, str]]
    under_represented: list[str] | None
    left_out: list[LeftOut]


def _key(application: RoundApplication) -> str:
    return str(application.member_id)


def _pair(mentee_app: RoundApplication, mentor_app: RoundApplication) -> tuple[str, str]:
    return _key(mentee_app), _key(mentor_app)


def gather_input(round: MatchingRound) -> RoundInput:
    """The round's applications and adjustments as the engine's input (see the module docstring)."""
    applications = list(round.applications.filter(status=AppStatus.ACTIVE).select_related("member"))
    proposals = list(round.proposals.exclude(status=ProposalStatus.DRAFT)
                     .select_related("mentee_application", "mentor_application"))
    live_mentorship_proposals = set(Mentorship.objects.filter(round=round, closed_at__isnull=True,
                                                              proposal__isnull=False)
                                    .values_list("proposal_id", flat=True))
    fixed_live: set[tuple[str, str]] = set()
    forbidden: set[tuple[str, str]] = set()
    held_in_round: dict[int, int] = {}
    for proposal in proposals:
        pair = _pair(proposal.mentee_application, proposal.mentor_application)
        if proposal.status == ProposalStatus.PUBLISHED or proposal.pk in live_mentorship_proposals:
            fixed_live.add(pair)
            held_in_round[proposal.mentor_id] = held_in_round.get(proposal.mentor_id, 0) + 1
        elif proposal.status in (ProposalStatus.DECLINED, ProposalStatus.WITHDRAWN):
            forbidden.add(pair)
    live_mentees = {mentee for mentee, _mentor in fixed_live}

    left_out: list[LeftOut] = []
    mentee_apps: dict[str, RoundApplication] = {}
    mentor_apps: dict[str, RoundApplication] = {}
    mentees: list[matching.MenteeProfile] = []
    mentors: list[matching.MentorProfile] = []
    live_profiles = {p.member_id: p for p in MentorProfile.objects.filter(
        member_id__in=[a.member_id for a in applications if a.role == Role.MENTOR])}
    for application in applications:
        key = _key(application)
        member = application.member
        try:
            if application.role == Role.MENTEE:
                if key not in live_mentees and not is_member(member):
                    left_out.append(LeftOut(application, _("membership no longer current")))
                    continue
                mentees.append(engine_input.mentee_for_engine(application.member_id, application.snapshot))
                mentee_apps[key] = application
            else:
                profile = live_profiles.get(application.member_id)
                in_round = held_in_round.get(application.member_id, 0)
                if profile is None:
                    left_out.append(LeftOut(application, _("no longer has a mentor profile")))
                    continue
                if not in_round and not is_member(member):
                    left_out.append(LeftOut(application, _("membership no longer current")))
                    continue
                free = profile.capacity - capacity.held_outside_round(application.member_id, round.pk)
                slots = max(free, in_round)
                if slots <= 0:
                    left_out.append(LeftOut(application, _("no free slot: at capacity with other mentees")))
                    continue
                mentors.append(engine_input.mentor_for_engine(application.member_id, application.snapshot, slots))
                mentor_apps[key] = application
        except ProfileError as error:
            left_out.append(LeftOut(application, _("profile cannot be matched: %(problem)s") % {"problem": error}))

    fixed_live = {pair for pair in fixed_live if pair[0] in mentee_apps and pair[1] in mentor_apps}
    # A mentee whose standing proposal could not be kept in the run (its mentor left) still holds that proposal:
    # they are not looking, so they sit this run out rather than receive a second one.
    kept = {mentee for mentee, _mentor in fixed_live}
    for key in live_mentees - kept:
        if key in mentee_apps:
            del mentee_apps[key]
            mentees = [m for m in mentees if m.id != key]
    fixed_by_staff: set[tuple[str, str]] = set()
    for adjustment in round.adjustments.select_related("mentee_application", "mentor_application"):
        pair = _pair(adjustment.mentee_application, adjustment.mentor_application)
        if pair[0] not in mentee_apps or pair[1] not in mentor_apps:
            continue
        if adjustment.kind == PairAdjustment.Kind.FORBID:
            forbidden.add(pair)
        elif pair[0] not in live_mentees:
            fixed_by_staff.add(pair)
    forbidden -= fixed_live
    under_represented = None
    if round.fairness_floor:
        under_represented = [key for key, app in mentee_apps.items() if app.wants_fairness_support]
    return RoundInput(mentees, mentors, mentee_apps, mentor_apps, fixed_live, fixed_by_staff, forbidden,
                      under_represented, left_out)


def _lock_round(round: MatchingRound) -> MatchingRound:
    return MatchingRound.objects.select_for_update().get(pk=round.pk)


def _require_staff(actor: Member) -> None:
    if not is_staff_member(actor):
        raise MentoringRefused(_("Only staff can run, adjust or publish a matching round."), status=403)


def _settings_record(round: MatchingRound) -> dict[str, Any]:
    return {
        "weights": {name: str(getattr(round, f"weight_{name}")) for name in
                    ("expertise", "language", "career_stage", "availability", "region", "identity")},
        "min_overlap_hours": round.min_overlap_hours,
        "full_credit_overlap_hours": round.full_credit_overlap_hours,
        "fairness_floor": round.fairness_floor,
    }


def _no_match_message(given: RoundInput, result: matching.MatchingResult, seeking: int) -> str:
    """Why the run found nothing new for the mentees still looking (empty when it found something)."""
    if not given.mentees or seeking == 0:
        return _("No mentee is waiting for a match in this round.")
    if not given.mentors:
        return _("No mentor with a free slot has applied to this round, so nobody can be matched.")
    if result.matched_count > len(given.fixed_live):
        return ""
    excluded = excluded_pairs_text(result.excluded_by_rule)
    if excluded:
        return _("Impossible round: no mentee still looking can be matched. No allowed pair is left, because the "
                 "hard rules or staff excluded the pairs. Pairs excluded: %(excluded)s.") % {"excluded": excluded}
    return _("Impossible round: no mentee still looking can be matched, because every mentor with an allowed "
             "pair has no free slot.")


def run_matcher(round: MatchingRound, actor: Member, now: datetime | None = None) -> MatchRun:
    """Run the engine on the round and replace its draft proposals with the new ones, each with its explanation.

    Refused when staff's fixed pairs cannot be honoured (the message names each problem); an impossible round
    is not an error: the run is recorded with a message saying why nothing could be matched.
    """
    _require_staff(actor)
    with transaction.atomic():
        round = _lock_round(round)
        given = gather_input(round)
        try:
            proposal = propose(given.mentees, given.mentors, round_settings(round),
                               bad_pairings=bad_pairings(),
                               fixed_pairs=sorted(given.fixed_live | given.fixed_by_staff),
                               forbidden_pairs=sorted(given.forbidden), under_represented=given.under_represented)
        except MatchingRefused as refused:
            raise MentoringRefused(
                _("The matcher cannot keep staff's pairs as they stand: %(reasons)s. Remove or change the "
                  "adjustments named, then run it again.") % {"reasons": _names_for_ids(refused.reasons, given)}
            ) from refused
        result = proposal.result
        seeking = len(given.mentee_apps) - len({m for m, _ in given.fixed_live})
        fairness = None
        if result.fairness is not None:
            report = result.fairness
            fairness = {"group_size": report.group_size, "others_size": report.others_size,
                        "group_matched": report.group_matched, "others_matched": report.others_matched,
                        "floor_bound": report.floor_bound, "score_given_up": str(report.score_given_up),
                        "floor_met": report.floor_met}
        run = MatchRun.objects.create(
            round=round, run_at=now or timezone.now(), run_by=actor if getattr(actor, "pk", None) else None,
            settings_used=_settings_record(round), mentees_considered=len(given.mentees),
            mentors_considered=len(given.mentors), matched_count=result.matched_count,
            total_score=result.total_score, excluded_by_rule=dict(result.excluded_by_rule), fairness=fairness,
            no_match_message=_no_match_message(given, result, seeking),
        )
        round.proposals.filter(status=ProposalStatus.DRAFT).delete()
        drafts = []
        for match in result.matches:
            pair = (match.mentee, match.mentor)
            if pair in given.fixed_live:
                continue
            mentee_app, mentor_app = given.mentee_apps[match.mentee], given.mentor_apps[match.mentor]
            drafts.append(MatchProposal(
                round=round, run=run, mentee_application=mentee_app, mentor_application=mentor_app,
                mentee_id=mentee_app.member_id, mentor_id=mentor_app.member_id, score=match.score,
                explanation=parts_as_data(proposal.explanations[pair]), fixed_by_staff=pair in given.fixed_by_staff,
                created_at=run.run_at,
            ))
        MatchProposal.objects.bulk_create(drafts)
    return run


def _names_for_ids(reasons: Iterable[str], given: RoundInput) -> str:
    """The engine's sentences name people by id; staff read names."""
    names = {key: str(app.member) for key, app in {**given.mentee_apps, **given.mentor_apps}.items()}
    text = "; ".join(reasons)
    for key in sorted(names, key=len, reverse=True):
        text = text.replace(f"'{key}'", f"“{names[key]}”").replace(f"({key},", f"({names[key]},").replace(
            f", {key})", f", {names[key]})")
    return text


def unmatched_mentees(round: MatchingRound) -> list[tuple[RoundApplication, str]]:
    """Active mentee applications with no draft or live proposal, each with why the matcher left them out."""
    given = gather_input(round)
    proposed = set(round.proposals.filter(status=ProposalStatus.DRAFT).values_list("mentee_application_id",
                                                                                   flat=True))
    live = {mentee for mentee, _ in given.fixed_live}
    waiting = [app for key, app in given.mentee_apps.items() if key not in live and app.pk not in proposed]
    if not waiting:
        return [(left.application, left.reason) for left in given.left_out if left.application.role == Role.MENTEE]
    if not given.mentors:
        reasons = {_key(app): _("no mentor with a free slot applied") for app in waiting}
    else:
        scored = score_round(given.mentees, given.mentors, round_settings(round), bad_pairings())
        candidates = scored.candidates
        allowed_mentors: dict[str, set[str]] = {}
        for mentee_row, mentor_row in zip(candidates.edge_mentee, candidates.edge_mentor, strict=True):
            allowed_mentors.setdefault(candidates.mentee_ids[mentee_row], set()).add(
                candidates.mentor_ids[mentor_row])
        reasons = {}
        for app in waiting:
            usable = {m for m in allowed_mentors.get(_key(app), set()) if (_key(app), m) not in given.forbidden}
            reasons[_key(app)] = (_("no allowed mentor: every pair breaks a hard rule or was excluded")
                                  if not usable else _("every allowed mentor's slots went to other mentees"))
    rows = [(app, reasons[_key(app)]) for app in waiting]
    rows += [(left.application, left.reason) for left in given.left_out if left.application.role == Role.MENTEE]
    return rows


# ------------------------------------------------------------------------------------------- adjusting


def pair_problems(round: MatchingRound, mentee_app: RoundApplication, mentor_app: RoundApplication) -> list[str]:
    """The hard rules this one pair breaks (empty: the matcher may propose it), from the engine itself."""
    mentee = engine_input.mentee_for_engine(mentee_app.member_id, mentee_app.snapshot)
    mentor = engine_input.mentor_for_engine(mentor_app.member_id, mentor_app.snapshot, 1)
    scored = score_round([mentee], [mentor], round_settings(round), bad_pairings())
    return [rule for rule, count in scored.candidates.excluded_by_rule.items() if count]


def add_adjustment(round: MatchingRound, mentee_app: RoundApplication, mentor_app: RoundApplication, kind: str,
                   actor: Member) -> PairAdjustment:
    """Keep a pair (it must be allowed, and one per mentee) or forbid one; the caller re-runs the matcher."""
    _require_staff(actor)
    if kind not in PairAdjustment.Kind.values:
        raise MentoringRefused(_("Choose to keep or to forbid the pair."), status=400)
    if (mentee_app.round_id != round.pk or mentor_app.round_id != round.pk or mentee_app.role != Role.MENTEE
            or mentor_app.role != Role.MENTOR):
        raise MentoringRefused(_("Choose a mentee and a mentor who both applied to this round."), status=400)
    if mentee_app.status != AppStatus.ACTIVE or mentor_app.status != AppStatus.ACTIVE:
        raise MentoringRefused(_("One of the two has withdrawn from the round."))
    if mentee_app.member_id == mentor_app.member_id:
        raise MentoringRefused(_("A member cannot be paired with themselves."), status=400)
    names = {"mentee": mentee_app.member, "mentor": mentor_app.member}
    if PairAdjustment.objects.filter(mentee_application=mentee_app, mentor_application=mentor_app).exists():
        raise MentoringRefused(_("%(mentee)s and %(mentor)s already have an adjustment; remove it first.") % names)
    if kind == PairAdjustment.Kind.FIX:
        if live_proposal_of(mentee_app) is not None:
            raise MentoringRefused(_("%(mentee)s already has a published match in this round.") % names)
        other = PairAdjustment.objects.filter(mentee_application=mentee_app, kind=PairAdjustment.Kind.FIX).first()
        if other is not None:
            raise MentoringRefused(_("%(mentee)s is already kept with %(other)s; remove that first.")
                                   % {**names, "other": other.mentor_application.member})
        try:
            broken = pair_problems(round, mentee_app, mentor_app)
        except ProfileError as error:
            raise MentoringRefused(_("That pair cannot be matched: %(problem)s") % {"problem": error}) from error
        if broken:
            raise MentoringRefused(_("%(mentee)s and %(mentor)s cannot be paired: %(rules)s.")
                                   % {**names, "rules": broken_rules_text(broken)})
    try:
        with transaction.atomic():
            return PairAdjustment.objects.create(round=round, mentee_application=mentee_app,
                                                 mentor_application=mentor_app, kind=kind,
                                                 created_by=actor if getattr(actor, "pk", None) else None)
    except IntegrityError as error:
        raise MentoringRefused(_("That adjustment was just made by someone else.")) from error


def remove_adjustment(adjustment: PairAdjustment, actor: Member) -> None:
    _require_staff(actor)
    adjustment.delete()


# ------------------------------------------------------------------------------------------- publishing


def publish(round: MatchingRound, actor: Member, now: datetime | None = None) -> int:
    """Publish every draft proposal to both sides (e-mails owed). Refused, with nothing published, when a mentor
    has since taken other mentees or someone has left the round: run the matcher again first."""
    _require_staff(actor)
    with transaction.atomic():
        round = _lock_round(round)
        drafts = list(round.proposals.filter(status=ProposalStatus.DRAFT)
                      .select_related("mentee", "mentor", "mentee_application", "mentor_application"))
        if not drafts:
            raise MentoringRefused(_("There is nothing to publish: run the matcher first."))
        problems = []
        for draft in drafts:
            if (draft.mentee_application.status != AppStatus.ACTIVE
                    or draft.mentor_application.status != AppStatus.ACTIVE):
                problems.append(_("%(mentee)s or %(mentor)s has left the round")
                                % {"mentee": draft.mentee, "mentor": draft.mentor})
        new_per_mentor: dict[int, int] = {}
        for draft in drafts:
            new_per_mentor[draft.mentor_id] = new_per_mentor.get(draft.mentor_id, 0) + 1
        for mentor_id in sorted(new_per_mentor):  # one lock order, so two publishes cannot deadlock
            profile = capacity.lock_mentor(mentor_id)
            held = capacity.slots_held(mentor_id)
            if held + new_per_mentor[mentor_id] > profile.capacity:
                problems.append(ngettext(
                    "%(mentor)s has %(free)d free slot but %(new)d new proposals",
                    "%(mentor)s has %(free)d free slots but %(new)d new proposals",
                    max(0, profile.capacity - held),
                ) % {"mentor": profile.member, "free": max(0, profile.capacity - held),
                     "new": new_per_mentor[mentor_id]})
        if problems:
            raise MentoringRefused(_("Nothing was published: %(problems)s. Run the matcher again, then publish.")
                                   % {"problems": "; ".join(problems)})
        now = now or timezone.now()
        MatchProposal.objects.filter(pk__in=[d.pk for d in drafts]).update(status=ProposalStatus.PUBLISHED,
                                                                           published_at=now)
        for draft in drafts:
            draft.status = ProposalStatus.PUBLISHED
            notices.owe(draft.mentee, notices.Kind.PROPOSAL_PUBLISHED, proposal=draft)
            notices.owe(draft.mentor, notices.Kind.PROPOSAL_PUBLISHED, proposal=draft)
        round.published_at = now
        round.save(update_fields=["published_at"])
    return len(drafts)


def withdraw_proposal(proposal: MatchProposal, actor: Member, now: datetime | None = None) -> MatchProposal:
    """Staff take back a published proposal still waiting for answers; the slot frees and the mentee is looking
    again (the pair is never proposed again in this round)."""
    _require_staff(actor)
    with transaction.atomic():
        proposal = MatchProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status == ProposalStatus.DRAFT:
            raise MentoringRefused(_("This proposal is a draft: forbid the pair and run the matcher again instead."))
        if proposal.status != ProposalStatus.PUBLISHED:
            raise MentoringRefused(_("Only a proposal still waiting for answers can be withdrawn; this one is %(s)s.")
                                   % {"s": proposal.get_status_display().lower()})
        proposal.status = ProposalStatus.WITHDRAWN
        proposal.closed_at = now or timezone.now()
        proposal.save(update_fields=["status", "closed_at"])
    return proposal
