"""The matching benchmark's own parts (bench/mentoring_matching.py): its round is the same every run, its SciPy
oracle agrees with brute force, and a small `measure` runs end to end with every check passing. Nothing is timed."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

from mentoring.matching import score_round, solve
from tests.mentoring.brute_force import assignments, best
from tests.mentoring.random_rounds import random_round

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH_DIR))

import mentoring_matching  # noqa: E402  (bench/ is a folder of scripts, not a package)


def test_the_generated_round_is_the_same_every_run_and_looks_like_a_real_one():
    first, again = mentoring_matching.generate(300, 60), mentoring_matching.generate(300, 60)
    assert first == again
    assert len(first.mentees) == 300 and len(first.mentors) == 60
    assert {m.capacity for m in first.mentors} == {1, 2, 3, 4, 5}
    english = sum("en" in m.languages for m in first.mentees)
    assert 0.5 * 300 < english < 0.95 * 300  # English common, not universal
    assert any(m.identity_preference for m in first.mentees) and first.under_represented
    scored = score_round(first.mentees, first.mentors, bad_pairings=first.bad_pairings)
    excluded = scored.candidates.excluded_by_rule
    assert all(excluded[rule] > 0 for rule in ("no_shared_language", "too_little_overlap", "same_employer",
                                               "mentor_not_senior", "must_preference_unmet"))


def test_the_scipy_oracle_agrees_with_brute_force():
    rng = random.Random(8)
    for _ in range(60):
        mentees, capacity, edges, candidates = random_round(rng)
        count, score = best(list(assignments(mentees, edges, capacity)))
        assert mentoring_matching.scipy_optimum(candidates) == (count, int(score.scaleb(6)))


def test_engine_equals_the_oracle_and_greedy_never_beats_it_on_generated_rounds():
    for seed in (1, 2):
        round_ = mentoring_matching.generate(150, 40, seed=seed)
        candidates = score_round(round_.mentees, round_.mentors, bad_pairings=round_.bad_pairings).candidates
        result = solve(candidates)
        optimum = mentoring_matching.scipy_optimum(candidates)
        assert (result.matched_count, int(result.total_score.scaleb(6))) == optimum
        assert mentoring_matching.greedy(candidates) <= optimum


def test_measure_runs_end_to_end_on_a_small_round(tmp_path):
    output = tmp_path / "matching.json"
    completed = subprocess.run(  # noqa: S603  (our own interpreter running the bench script)
        [sys.executable, str(BENCH_DIR / "mentoring_matching.py"), "measure", str(output), "--mentees", "300",
         "--mentors", "60", "--check-mentees", "80", "--check-mentors", "20"],
        capture_output=True, text=True, check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    report = json.loads(output.read_text())
    assert all(passed for _, passed, _ in report["verdicts"])
    assert set(report["runs"]) == {"engine", "engine_fairness", "greedy"}
    assert "targets: full round under 10 s" in completed.stdout
    assert "check round 100.00% of the optimum with as many matched: met" in completed.stdout
