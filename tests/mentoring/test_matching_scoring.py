"""Scoring: each hard rule excludes what it should and is counted, the vectorised scores equal a plain per-pair
computation, explanations read as the issue shows and state the very score the solver used, and availability is
placed in the reference week's UTC hours."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from mentoring.matching import (
    AvailabilityWindow,
    CriterionWeights,
    IdentityPreference,
    MenteeProfile,
    MentorProfile,
    ProfileError,
    RegionPreference,
    RoundSettings,
    Strength,
    propose,
    score_round,
)
from mentoring.matching.availability import overlap_hours, week_mask
from mentoring.matching.profiles import stage_rank

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH_DIR))

import mentoring_matching  # noqa: E402  (bench/ is a folder of scripts, not a package)

W = AvailabilityWindow
TUESDAY_EVENING_MADRID = (W(1, 18, 22),)  # 17-21 UTC in the reference week
TUESDAY_MIDDAY_MEXICO = (W(1, 11, 15),)  # 17-21 UTC as well (UTC-6)


def mentee(**changes) -> MenteeProfile:
    base = MenteeProfile(id="ana", career_stage="early_career", languages=("es", "en"), time_zone="Europe/Madrid",
                         availability=TUESDAY_EVENING_MADRID, region="Europe", wanted_expertise=("flow metrics",))
    return replace(base, **changes)


def mentor(**changes) -> MentorProfile:
    base = MentorProfile(id="mateo", career_stage="senior", languages=("es",), time_zone="America/Mexico_City",
                         availability=TUESDAY_MIDDAY_MEXICO, capacity=2, region="Americas",
                         expertise=("flow metrics", "kanban"))
    return replace(base, **changes)


def test_the_issue_example_explanation():
    proposal = propose([mentee()], [mentor()])
    assert proposal.result.matched_count == 1
    explanation = proposal.explanations["ana", "mateo"]
    assert explanation.render({"es": "Spanish"}) == (
        "shared: Spanish; flow metrics; 4 h/week overlap; mentor two career stages ahead"
    )
    assert [part.code for part in explanation.parts] == [
        "shared_languages", "shared_expertise", "overlap_hours", "career_stages_ahead"
    ]
    # expertise 3 x 1 + language 1 x 1 + career stage 1 x 1 + availability 2 x 1
    assert explanation.score == proposal.result.matches[0].score == Decimal(7)


def test_explanations_name_only_contributing_criteria():
    settings = RoundSettings(CriterionWeights(expertise=0, language=1, career_stage=0, availability=1, region=2,
                                              identity=1))
    wanted = IdentityPreference(frozenset({"Woman in the profession"}))
    proposal = propose(
        [mentee(languages=("en", "es"), region_preference=RegionPreference("Americas"), identity_preference=wanted)],
        [mentor(career_stage="executive", identities=frozenset({"woman in the  profession"}))],
        settings,
    )
    explanation = proposal.explanations["ana", "mateo"]
    assert explanation.render() == ("shared: es; 4 h/week overlap; in the region asked for (Americas); "
                                    "shares an identity the mentee asked for")
    # language 0.5 (not the first language) + availability 1 + region 2 + identity 1
    assert explanation.score == Decimal("4.5")
    one_stage = propose([mentee()], [mentor(career_stage="mid_career")]).explanations["ana", "mateo"]
    assert one_stage.render({"es": "Spanish"}).endswith("mentor one career stage ahead")


@pytest.mark.parametrize(
    ("rule", "mentee_changes", "mentor_changes"),
    [
        ("no_shared_language", {"languages": ("pt",)}, {}),
        ("too_little_overlap", {"availability": (W(1, 18, 19),)}, {}),
        ("same_employer", {"employer": "Acme  Labs"}, {"employer": "acme labs"}),
        ("mentor_not_senior", {"career_stage": "senior"}, {}),
        ("must_preference_unmet", {"region_preference": RegionPreference("Europe", Strength.MUST)}, {}),
        ("must_preference_unmet",
         {"identity_preference": IdentityPreference(frozenset({"parent"}), Strength.MUST)}, {}),
        ("must_preference_unmet", {}, {"open_to_other_regions": False}),
    ],
)
def test_each_hard_rule_excludes_the_pair_and_is_counted(rule, mentee_changes, mentor_changes):
    scored = score_round([mentee(**mentee_changes)], [mentor(**mentor_changes)])
    assert scored.candidates.edge_count == 0
    assert scored.candidates.excluded_by_rule[rule] == 1
    assert sum(scored.candidates.excluded_by_rule.values()) == 1
    result = propose([mentee(**mentee_changes)], [mentor(**mentor_changes)]).result
    assert result.matched_count == 0 and result.reason.startswith("No mentee has an allowed mentor")


def test_wishes_do_not_exclude_and_met_musts_allow():
    allowed = [
        {"region_preference": RegionPreference("Europe", Strength.WISH)},
        {"region_preference": RegionPreference("Americas", Strength.MUST)},
        {"identity_preference": IdentityPreference(frozenset({"parent"}), Strength.WISH)},
        {"employer": "Acme"},
    ]
    for changes in allowed:
        assert score_round([mentee(**changes)], [mentor()]).candidates.edge_count == 1


def test_past_pairings_that_ended_badly_are_excluded():
    scored = score_round([mentee()], [mentor(), mentor(id="other")], bad_pairings=[("ana", "mateo"), ("x", "y")])
    assert scored.candidates.excluded_by_rule["past_pairing_ended_badly"] == 1
    assert [scored.candidates.mentor_ids[j] for j in scored.candidates.edge_mentor] == ["other"]


def test_an_impossible_round_names_the_rule_that_excluded_most():
    mentees = [mentee(id=f"m{i}", languages=("pt",)) for i in range(3)]
    mentees.append(mentee(id="senior", career_stage="executive"))
    result = propose(mentees, [mentor()]).result
    assert result.reason == ("No mentee has an allowed mentor: every pair breaks a hard rule "
                             "(most often: no shared language)")
    assert result.excluded_by_rule["no_shared_language"] == 3
    assert result.excluded_by_rule["mentor_not_senior"] == 1


def reference_scores(mentees, mentors, settings, bad_pairings) -> dict[tuple[str, str], int]:
    """Hard rules and scores pair by pair in plain Python, independently of the numpy blocks."""
    weights = settings.weights
    found = {}
    for e in mentees:
        for m in mentors:
            overlap = overlap_hours(week_mask(e.availability, e.time_zone), week_mask(m.availability, m.time_zone))
            ahead = stage_rank(m.career_stage) - stage_rank(e.career_stage)
            employer = (e.employer or "").casefold().split()
            wanted_identities = ({" ".join(x.casefold().split()) for x in e.identity_preference.identities}
                                 if e.identity_preference else set())
            held_identities = {" ".join(x.casefold().split()) for x in m.identities}
            must_region = e.region_preference and e.region_preference.strength is Strength.MUST
            must_identity = e.identity_preference and e.identity_preference.strength is Strength.MUST
            if (not set(e.languages) & set(m.languages) or overlap < settings.min_overlap_hours
                    or (employer and employer == (m.employer or "").casefold().split())
                    or (e.id, m.id) in bad_pairings or ahead <= 0
                    or (must_region and e.region_preference.region != m.region)
                    or (must_identity and not wanted_identities & held_identities)
                    or (not m.open_to_other_regions and e.region != m.region)):
                continue
            wanted = set(e.wanted_expertise)
            expertise = len(wanted & set(m.expertise)) / len(wanted) if wanted else 0.0
            language = 1.0 if e.languages[0] in m.languages else 0.5
            stage = [0.0, 1.0, 1.0, 0.5, 0.25][ahead]
            availability = min(overlap, settings.full_credit_overlap_hours) / settings.full_credit_overlap_hours
            region = 1.0 if e.region_preference and e.region_preference.region == m.region else 0.0
            identity = 1.0 if wanted_identities & held_identities else 0.0
            total = (weights.expertise * expertise + weights.language * language + weights.career_stage * stage
                     + weights.availability * availability + weights.region * region + weights.identity * identity)
            found[e.id, m.id] = round(total * 1_000_000)
    return found


def test_vectorised_scoring_equals_the_plain_computation_on_a_generated_round():
    round_ = mentoring_matching.generate(700, 120, seed=5)
    settings = RoundSettings(CriterionWeights(expertise=2.5, language=0.75, career_stage=1.5, availability=1.25,
                                              region=3, identity=2), min_overlap_hours=1, full_credit_overlap_hours=3)
    bad = set(round_.bad_pairings) | {(round_.mentees[0].id, m.id) for m in round_.mentors[:40]}
    scored = score_round(round_.mentees, round_.mentors, settings, bad)
    c = scored.candidates
    found = {(c.mentee_ids[i], c.mentor_ids[j]): int(s)
             for i, j, s in zip(c.edge_mentee, c.edge_mentor, c.edge_score, strict=True)}
    expected = reference_scores(round_.mentees, round_.mentors, settings, bad)
    assert len(found) == c.edge_count > 1000
    assert found == expected
    assert c.candidate_pairs == 700 * 120


def test_every_proposed_pair_is_explained_with_the_score_the_solver_used():
    round_ = mentoring_matching.generate(400, 90, seed=11)
    proposal = propose(round_.mentees, round_.mentors, bad_pairings=round_.bad_pairings)
    assert proposal.result.matched_count > 100
    assert set(proposal.explanations) == {(m.mentee, m.mentor) for m in proposal.result.matches}
    for match in proposal.result.matches:
        explanation = proposal.explanations[match.mentee, match.mentor]
        assert explanation.score == match.score
        text = explanation.render()
        assert text.startswith("shared: ") and "h/week overlap" in text and "career stage" in text


def test_availability_lands_on_the_reference_weeks_utc_hours():
    assert week_mask([W(0, 18, 20)], "Europe/Madrid") == (1 << 17) | (1 << 18)  # UTC+1 in January
    assert week_mask([W(0, 10, 11)], "Australia/Sydney") == 1 << 167  # UTC+11: Sunday 23:00 UTC, wrapped
    assert week_mask([W(6, 20, 22)], "America/Los_Angeles") == (1 << 4) | (1 << 5)  # Monday 04-06 UTC, wrapped
    assert week_mask([W(0, 18, 19)], "Asia/Kolkata") == 1 << 12  # 12:30 UTC counts as the 12:00 hour
    assert week_mask([W(2, 0, 24)], "UTC") == ((1 << 24) - 1) << 48
    madrid = week_mask(TUESDAY_EVENING_MADRID, "Europe/Madrid")
    assert overlap_hours(madrid, week_mask(TUESDAY_MIDDAY_MEXICO, "America/Mexico_City")) == 4
    assert overlap_hours(madrid, week_mask([W(1, 18, 22)], "Asia/Tokyo")) == 0


def test_bad_profiles_and_settings_are_refused_with_a_reason():
    with pytest.raises(ProfileError, match="career stage 'guru' is not one of student"):
        mentee(career_stage="guru")
    with pytest.raises(ProfileError, match="time zone 'Mars/Olympus' is unknown"):
        mentee(time_zone="Mars/Olympus")
    with pytest.raises(ProfileError, match="capacity 6 is not 1 to 5"):
        mentor(capacity=6)
    with pytest.raises(ProfileError, match="meeting in person needs a city"):
        mentor(formats=frozenset({"in_person"}))
    with pytest.raises(ProfileError, match="speaks no language"):
        mentor(languages=())
    with pytest.raises(ProfileError, match="window 20-18 h"):
        W(0, 20, 18)
    with pytest.raises(ProfileError, match="weight for region must be 0 to 100"):
        CriterionWeights(region=-1)
    with pytest.raises(ProfileError, match="weight for language is not a number"):
        CriterionWeights(language="lots")
    with pytest.raises(ProfileError, match="mentee 'ana' appears twice"):
        score_round([mentee(), mentee()], [mentor()])


def test_scoring_is_the_same_every_run():
    round_ = mentoring_matching.generate(200, 50, seed=3)
    first = score_round(round_.mentees, round_.mentors).candidates
    again = score_round(list(round_.mentees), list(round_.mentors)).candidates
    assert (first.edge_score == again.edge_score).all() and (first.edge_mentor == again.edge_mentor).all()
    shuffled = list(round_.mentors)
    random.Random(1).shuffle(shuffled)
    by_pair = {(first.mentee_ids[i], first.mentor_ids[j]): s
               for i, j, s in zip(first.edge_mentee, first.edge_mentor, first.edge_score, strict=True)}
    other = score_round(round_.mentees, shuffled).candidates
    assert by_pair == {(other.mentee_ids[i], other.mentor_ids[j]): s
                       for i, j, s in zip(other.edge_mentee, other.edge_mentor, other.edge_score, strict=True)}
