"""The matching benchmark: the exact engine beside a greedy best-pair-first baseline on the same generated round,
and both measured against an optimum computed independently with SciPy on a smaller round.

Run by bench/run.py (no database, no Django):

    python bench/mentoring_matching.py measure OUTPUT.json [--mentees N] [--mentors N] [--check-mentees N]
                                                           [--check-mentors N] [--quiet]

`measure` starts one fresh process per measured run, so each run's peak memory (VmHWM) is its own:
- `engine`: scoring (hard rules + weighted scores over every pair) then the exact solver;
- `engine --fairness`: the same with the fairness floor for the mentees who asked for support;
- `greedy`: the same scoring, then pairs taken best score first while both sides are free;
- `check`: on a smaller round, the engine, the greedy and SciPy's `linear_sum_assignment` on a slot-expanded matrix
  that encodes "most mentees matched first" with a large bonus per real pair.
Each writes JSON; `measure` gathers them into OUTPUT.json and prints the figures.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(ROOT))

from mentoring.matching import (  # noqa: E402  (the repository root is put on the path just above)
    AvailabilityWindow,
    Candidates,
    IdentityPreference,
    MenteeProfile,
    MentorProfile,
    RegionPreference,
    RoundSettings,
    Strength,
    score_round,
    solve,
)

SEED = 2_024  # the same round every run
DEFAULT_MENTEES, DEFAULT_MENTORS = 10_000, 2_000
DEFAULT_CHECK_MENTEES, DEFAULT_CHECK_MENTORS = 600, 150
TARGET_SECONDS, TARGET_BYTES = 10.0, 2 * 1024**3

# Where people are: (time zone, region, languages spoken there, weight). Languages are codes; the first is the
# local one. English is also spoken by many people elsewhere (see _languages).
PLACES = (
    ("America/New_York", "Americas", ("en",), 14), ("America/Chicago", "Americas", ("en",), 6),
    ("America/Los_Angeles", "Americas", ("en",), 7), ("America/Toronto", "Americas", ("en", "fr"), 3),
    ("America/Mexico_City", "Americas", ("es",), 4), ("America/Bogota", "Americas", ("es",), 2),
    ("America/Argentina/Buenos_Aires", "Americas", ("es",), 2), ("America/Sao_Paulo", "Americas", ("pt",), 5),
    ("Europe/London", "Europe", ("en",), 9), ("Europe/Madrid", "Europe", ("es",), 4),
    ("Europe/Paris", "Europe", ("fr",), 4), ("Europe/Berlin", "Europe", ("de",), 5),
    ("Europe/Amsterdam", "Europe", ("nl",), 2), ("Europe/Rome", "Europe", ("it",), 2),
    ("Europe/Lisbon", "Europe", ("pt",), 1), ("Asia/Kolkata", "Asia", ("hi", "en"), 7),
    ("Asia/Tokyo", "Asia", ("ja",), 3), ("Asia/Shanghai", "Asia", ("zh",), 4),
    ("Asia/Singapore", "Asia", ("en", "zh"), 2), ("Asia/Dubai", "Asia", ("ar", "en"), 2),
    ("Africa/Cairo", "Africa", ("ar",), 2), ("Africa/Lagos", "Africa", ("en",), 3),
    ("Africa/Nairobi", "Africa", ("en",), 2), ("Africa/Johannesburg", "Africa", ("en",), 1),
    ("Australia/Sydney", "Oceania", ("en",), 3), ("Pacific/Auckland", "Oceania", ("en",), 1),
)
TOPICS = tuple(
    "flow metrics|value stream mapping|kanban|forecasting|portfolio governance|product strategy|roadmapping|"
    "facilitation|coaching|leadership|negotiation|conflict resolution|research integrity|peer review|grant writing|"
    "data visualisation|statistics|experiment design|machine learning|cloud architecture|observability|security|"
    "privacy|accessibility|user research|service design|public speaking|writing|career change|people management|"
    "hiring|budgeting|procurement|sustainability|supply chain|quality management|risk management|compliance|"
    "regulatory affairs|clinical trials|laboratory practice|teaching|curriculum design|open science|"
    "entrepreneurship|fundraising|policy|communications|community building|wellbeing".split("|")
)
IDENTITIES = ("woman in the profession", "LGBTQ+", "first-generation professional", "person of colour", "disabled",
              "parent or carer", "immigrant")
MENTEE_STAGES = {"student": 30, "early_career": 42, "mid_career": 24, "senior": 4}
MENTOR_STAGES = {"mid_career": 25, "senior": 50, "executive": 25}
CAPACITIES = {1: 20, 2: 30, 3: 25, 4: 15, 5: 10}
EMPLOYERS = 400
BAD_PAIRINGS = 300


@dataclass(frozen=True)
class Round:
    mentees: list[MenteeProfile]
    mentors: list[MentorProfile]
    bad_pairings: list[tuple[str, str]]
    under_represented: list[str]


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _languages(rng: random.Random, local: tuple[str, ...]) -> tuple[str, ...]:
    spoken = [local[0]]
    if "en" not in spoken and ("en" in local or rng.random() < 0.55):
        spoken.append("en")
    if rng.random() < 0.2:
        spoken.append(rng.choice(("es", "fr", "de", "pt", "zh", "ar")))
    return tuple(dict.fromkeys(spoken))


def _availability(rng: random.Random) -> tuple[AvailabilityWindow, ...]:
    """Evening and weekend blocks, the hours people with day jobs offer."""
    windows = set()
    for weekday in rng.sample(range(5), rng.randint(1, 3)):
        start = rng.choice((17, 18, 19, 20))
        windows.add(AvailabilityWindow(weekday, start, start + rng.choice((2, 3))))
    for weekday in rng.sample((5, 6), rng.randint(0, 2)):
        start = rng.choice((8, 9, 10, 13, 14, 15))
        windows.add(AvailabilityWindow(weekday, start, start + rng.choice((3, 4))))
    return tuple(sorted(windows, key=lambda w: (w.weekday, w.start_hour)))


def _employer(rng: random.Random, cumulative: list[float]) -> str | None:
    if rng.random() < 0.15:
        return None  # not given
    return f"employer-{rng.choices(range(EMPLOYERS), cum_weights=cumulative)[0]:03d}"


def generate(mentee_count: int, mentor_count: int, seed: int = SEED) -> Round:
    """A round of realistic profiles, the same every time for the same sizes and seed."""
    rng = random.Random(seed * 1_000_003 + mentee_count * 7 + mentor_count)
    places = [p[:3] for p in PLACES]
    place_weights = [p[3] for p in PLACES]
    employer_cumulative = list(np.cumsum([1 / (rank + 1) ** 1.1 for rank in range(EMPLOYERS)]))  # a few big ones
    topic_cumulative = list(np.cumsum([1 / (rank + 4) for rank in range(len(TOPICS))]))
    mentors = []
    for number in range(mentor_count):
        time_zone, region, local = rng.choices(places, weights=place_weights)[0]
        formats = frozenset(rng.choice((("video",), ("video",), ("video", "in_person"), ("in_person",))))
        mentors.append(MentorProfile(
            id=f"mentor-{number:05d}",
            career_stage=_pick(rng, MENTOR_STAGES),
            languages=_languages(rng, local),
            time_zone=time_zone,
            availability=_availability(rng),
            capacity=_pick(rng, CAPACITIES),
            region=region,
            expertise=tuple(dict.fromkeys(rng.choices(TOPICS, cum_weights=topic_cumulative, k=rng.randint(2, 5)))),
            years_of_practice=rng.randint(5, 35),
            employer=_employer(rng, employer_cumulative),
            formats=formats,
            city=time_zone.rsplit("/", 1)[-1].replace("_", " ") if "in_person" in formats else None,
            open_to_other_regions=rng.random() < 0.85,
            identities=frozenset(rng.sample(IDENTITIES, rng.choice((0, 0, 1, 1, 2)))),
        ))
    mentees = []
    under_represented = []
    for number in range(mentee_count):
        time_zone, region, local = rng.choices(places, weights=place_weights)[0]
        mentee_id = f"mentee-{number:05d}"
        identity = None
        if rng.random() < 0.25:
            identity = IdentityPreference(frozenset(rng.sample(IDENTITIES, rng.randint(1, 2))),
                                          Strength.MUST if rng.random() < 0.15 else Strength.WISH)
        region_preference = None
        if rng.random() < 0.15:
            region_preference = RegionPreference(region, Strength.MUST if rng.random() < 0.3 else Strength.WISH)
        if identity is not None and rng.random() < 0.7 or rng.random() < 0.08:
            under_represented.append(mentee_id)
        mentees.append(MenteeProfile(
            id=mentee_id,
            career_stage=_pick(rng, MENTEE_STAGES),
            languages=_languages(rng, local),
            time_zone=time_zone,
            availability=_availability(rng),
            region=region,
            wanted_expertise=tuple(dict.fromkeys(rng.choices(TOPICS, cum_weights=topic_cumulative,
                                                             k=rng.randint(1, 3)))),
            goals=("grow in my role",),
            employer=_employer(rng, employer_cumulative),
            region_preference=region_preference,
            identity_preference=identity,
        ))
    bad = {(rng.choice(mentees).id, rng.choice(mentors).id) for _ in range(BAD_PAIRINGS)}
    return Round(mentees, mentors, sorted(bad), under_represented)


def greedy(candidates: Candidates) -> tuple[int, int]:
    """Best pair first: every allowed pair by score, highest first, taken when the mentee is free and the mentor has
    room. Returns (mentees matched, total score in millionths)."""
    order = np.lexsort((candidates.edge_mentor, candidates.edge_mentee, -candidates.edge_score))
    room = candidates.capacities.astype(np.int64).tolist()
    taken = [False] * len(candidates.mentee_ids)
    mentee, mentor, score = (candidates.edge_mentee[order].tolist(), candidates.edge_mentor[order].tolist(),
                             candidates.edge_score[order].tolist())
    matched = total = 0
    for i, j, s in zip(mentee, mentor, score, strict=True):
        if not taken[i] and room[j]:
            taken[i] = True
            room[j] -= 1
            matched += 1
            total += s
    return matched, total


def scipy_optimum(candidates: Candidates) -> tuple[int, int]:
    """The optimum computed independently: linear_sum_assignment on mentees x (mentor slots + one dummy per mentee).

    A real pair is worth BIG + score, BIG larger than any possible score difference between assignments, so the
    assignment maximises the count first; a dummy (or a pair that is not allowed) is worth 0, i.e. unmatched.
    Returns (mentees matched, total score in millionths).
    """
    from scipy.optimize import linear_sum_assignment

    mentees = len(candidates.mentee_ids)
    slots_of = np.repeat(np.arange(len(candidates.mentor_ids)), np.minimum(candidates.capacities, mentees))
    first_slot = np.concatenate([[0], np.cumsum(np.minimum(candidates.capacities, mentees))])
    scores = candidates.edge_score.astype(np.int64)
    spread = max(int(scores.max()), 0) - min(int(scores.min()), 0) if len(scores) else 0  # >= |any score|
    big = mentees * (spread + 1) + 1
    if mentees * (big + spread) >= 2**53:
        raise ValueError("the instance is too large for an exact float64 check")
    value = np.zeros((mentees, len(slots_of) + mentees))
    for mentee, mentor, score in zip(candidates.edge_mentee, candidates.edge_mentor, scores, strict=True):
        value[mentee, first_slot[mentor]:first_slot[mentor + 1]] = big + score
    rows, cols = linear_sum_assignment(value, maximize=True)
    real = (cols < len(slots_of)) & (value[rows, np.minimum(cols, value.shape[1] - 1)] > 0)
    matched = int(real.sum())
    total = int(round(value[rows[real], cols[real]].sum())) - matched * big
    return matched, total


def peak_bytes() -> int:
    """This process's peak resident memory (VmHWM), which counts numpy's and OR-Tools' allocations too."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def run_one(kind: str, mentees: int, mentors: int, fairness: bool) -> dict:
    """One measured run in this process: generate (not timed), then score and solve (timed)."""
    started = time.perf_counter()
    instance = generate(mentees, mentors)
    generated = time.perf_counter() - started
    before = peak_bytes()
    t0 = time.perf_counter()
    scored = score_round(instance.mentees, instance.mentors, RoundSettings(), instance.bad_pairings)
    t1 = time.perf_counter()
    candidates = scored.candidates
    report = {
        "kind": kind, "mentees": mentees, "mentors": mentors, "slots": int(candidates.capacities.sum()),
        "pairs": candidates.candidate_pairs, "allowed": candidates.edge_count,
        "excluded_by_rule": dict(candidates.excluded_by_rule), "generate_seconds": generated,
        "scoring_seconds": t1 - t0, "peak_before_bytes": before,
    }
    if kind == "greedy":
        matched, total = greedy(candidates)
    else:
        result = solve(candidates, under_represented=instance.under_represented if fairness else None)
        matched, total = result.matched_count, int(result.total_score.scaleb(6))
        if result.fairness is not None:
            f = result.fairness
            report["fairness"] = {"group_size": f.group_size, "group_matched": f.group_matched,
                                  "others_size": f.others_size, "others_matched": f.others_matched,
                                  "floor_bound": f.floor_bound, "score_given_up": str(f.score_given_up)}
    t2 = time.perf_counter()
    report.update({"solve_seconds": t2 - t1, "seconds": t2 - t0, "matched": matched, "total_millionths": total,
                   "peak_bytes": peak_bytes()})
    return report


def run_check(mentees: int, mentors: int) -> dict:
    """Engine and greedy against SciPy's optimum on a round small enough for a dense slot-expanded matrix."""
    instance = generate(mentees, mentors)
    candidates = score_round(instance.mentees, instance.mentors, RoundSettings(), instance.bad_pairings).candidates
    result = solve(candidates)
    started = time.perf_counter()
    optimum_matched, optimum_total = scipy_optimum(candidates)
    greedy_matched, greedy_total = greedy(candidates)
    return {
        "mentees": mentees, "mentors": mentors, "slots": int(candidates.capacities.sum()),
        "allowed": candidates.edge_count,
        "engine": {"matched": result.matched_count, "total_millionths": int(result.total_score.scaleb(6))},
        "greedy": {"matched": greedy_matched, "total_millionths": greedy_total},
        "scipy": {"matched": optimum_matched, "total_millionths": optimum_total,
                  "seconds": time.perf_counter() - started},
    }


def _child(arguments: list[str], output: Path) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), *arguments, "--output", str(output)]
    completed = subprocess.run(command, cwd=ROOT, check=False)
    if completed.returncode != 0 or not output.exists():
        raise RuntimeError(f"{' '.join(command)} failed ({completed.returncode}); its output is above")
    return json.loads(output.read_text())


def measure(output: Path, mentees: int, mentors: int, check_mentees: int, check_mentors: int) -> dict:
    size = ["--mentees", str(mentees), "--mentors", str(mentors)]
    runs = {}
    for name, arguments in (("engine", ["engine", *size]), ("engine_fairness", ["engine", "--fairness", *size]),
                            ("greedy", ["greedy", *size])):
        print(f"    matching: {name.replace('_', ' + ')} on {mentees:,} x {mentors:,} in a fresh process", flush=True)
        runs[name] = _child(arguments, output.with_name(f"{output.stem}-{name}.json"))
    print(f"    matching: the check on {check_mentees:,} x {check_mentors:,}: engine, greedy and SciPy", flush=True)
    check = _child(["check", "--mentees", str(check_mentees), "--mentors", str(check_mentors)],
                   output.with_name(f"{output.stem}-check.json"))
    report = {"runs": runs, "check": check, "verdicts": verdicts(runs, check)}
    output.write_text(json.dumps(report, indent=2))
    return report


def verdicts(runs: dict, check: dict) -> list[tuple[str, bool, str]]:
    """What must hold whatever the machine: the engine is the optimum (SciPy agrees) and never below greedy."""
    engine, optimum, small_greedy = check["engine"], check["scipy"], check["greedy"]
    full_engine, full_greedy = runs["engine"], runs["greedy"]
    return [
        ("engine matches as many mentees as SciPy's optimum (small round)", engine["matched"] == optimum["matched"],
         f"{engine['matched']} vs {optimum['matched']}"),
        ("engine's total score equals SciPy's optimum (small round)",
         engine["total_millionths"] == optimum["total_millionths"],
         f"{engine['total_millionths'] / 1e6:,.6f} vs {optimum['total_millionths'] / 1e6:,.6f}"),
        ("greedy never beats the optimum (small round)",
         (small_greedy["matched"], small_greedy["total_millionths"]) <= (optimum["matched"],
                                                                          optimum["total_millionths"]),
         f"greedy {small_greedy['matched']} matched"),
        ("engine matches at least as many as greedy (full round)", full_engine["matched"] >= full_greedy["matched"],
         f"{full_engine['matched']:,} vs {full_greedy['matched']:,}"),
        ("the floor keeps the count (full round)", runs["engine_fairness"]["matched"] == full_engine["matched"],
         f"{runs['engine_fairness']['matched']:,} vs {full_engine['matched']:,}"),
    ]


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f}%" if whole else "n/a"


def _mb(size: int) -> str:
    return f"{size / 1024**2:,.0f} MB"


def figure_lines(report: dict) -> list[str]:
    """The figures, each beside its baseline, as bench/run.py prints them."""
    runs, check = report["runs"], report["check"]
    engine, fair, greedy_run = runs["engine"], runs["engine_fairness"], runs["greedy"]
    excluded = ", ".join(f"{rule.replace('_', ' ')} {count:,}" for rule, count in engine["excluded_by_rule"].items())
    lines = [
        f"matching round: {engine['mentees']:,} mentees x {engine['mentors']:,} mentors ({engine['slots']:,} slots), "
        f"{engine['pairs']:,} pairs, {engine['allowed']:,} allowed ({_percent(engine['allowed'], engine['pairs'])}); "
        f"excluded by rule (a pair can break several): {excluded}",
    ]

    def timing(run: dict) -> str:
        return (f"{run['seconds']:.2f} s (scoring {run['scoring_seconds']:.2f} s + "
                f"{'greedy' if run['kind'] == 'greedy' else 'solving'} {run['solve_seconds']:.2f} s), "
                f"peak memory {_mb(run['peak_bytes'])} (before scoring {_mb(run['peak_before_bytes'])})")

    lines.append(f"exact engine: {timing(engine)}; matched {engine['matched']:,}, total score "
                 f"{engine['total_millionths'] / 1e6:,.2f}")
    lines.append(f"greedy best-pair-first: {timing(greedy_run)}; matched {greedy_run['matched']:,}, total score "
                 f"{greedy_run['total_millionths'] / 1e6:,.2f} | greedy / engine: time "
                 f"{greedy_run['seconds'] / engine['seconds']:.2f}x, score "
                 f"{_percent(greedy_run['total_millionths'], engine['total_millionths'])}, matched "
                 f"{greedy_run['matched'] - engine['matched']:+,}")
    floor = fair.get("fairness", {})
    if floor:
        lines.append(
            f"engine + fairness floor: {timing(fair)}; under-represented {floor['group_matched']:,} of "
            f"{floor['group_size']:,} ({_percent(floor['group_matched'], floor['group_size'])}), others "
            f"{floor['others_matched']:,} of {floor['others_size']:,} "
            f"({_percent(floor['others_matched'], floor['others_size'])}); floor "
            f"{'bound (score given up ' + floor['score_given_up'] + ')' if floor['floor_bound'] else 'did not bind'}"
        )
    optimum = check["scipy"]
    small_engine, small_greedy = check["engine"], check["greedy"]
    lines.append(
        f"check on {check['mentees']:,} x {check['mentors']:,} ({check['slots']:,} slots, {check['allowed']:,} "
        f"allowed pairs), SciPy linear_sum_assignment optimum: matched {optimum['matched']:,}, total score "
        f"{optimum['total_millionths'] / 1e6:,.2f} | engine "
        f"{_percent(small_engine['total_millionths'], optimum['total_millionths'])} "
        f"(matched {small_engine['matched']:,}) | greedy "
        f"{_percent(small_greedy['total_millionths'], optimum['total_millionths'])} "
        f"(matched {small_greedy['matched']:,})"
    )
    exact = (small_engine["matched"] == optimum["matched"]
             and small_engine["total_millionths"] == optimum["total_millionths"])
    fast, small = engine["seconds"] < TARGET_SECONDS, engine["peak_bytes"] < TARGET_BYTES
    lines.append(
        f"targets: full round under {TARGET_SECONDS:.0f} s: {'met' if fast else 'NOT met'} "
        f"({engine['seconds']:.2f} s), under 2 GB: {'met' if small else 'NOT met'} ({_mb(engine['peak_bytes'])}); "
        f"check round 100.00% of the optimum with as many matched: {'met' if exact else 'NOT met'}"
    )
    lines.append("Matching checks:")
    lines += [f"  {'PASS' if passed else 'FAIL'}  {name} ({found})" for name, passed, found in report["verdicts"]]
    return lines


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    measuring = commands.add_parser("measure", help="every run below, each in a fresh process, then the figures")
    measuring.add_argument("output", type=Path)
    measuring.add_argument("--mentees", type=positive, default=DEFAULT_MENTEES)
    measuring.add_argument("--mentors", type=positive, default=DEFAULT_MENTORS)
    measuring.add_argument("--check-mentees", type=positive, default=DEFAULT_CHECK_MENTEES)
    measuring.add_argument("--check-mentors", type=positive, default=DEFAULT_CHECK_MENTORS)
    measuring.add_argument("--quiet", action="store_true", help="write OUTPUT.json without printing the figures")
    for kind in ("engine", "greedy", "check"):
        one = commands.add_parser(kind)
        one.add_argument("--mentees", type=positive, required=True)
        one.add_argument("--mentors", type=positive, required=True)
        one.add_argument("--output", type=Path, required=True)
        if kind == "engine":
            one.add_argument("--fairness", action="store_true")
    options = parser.parse_args(argv)
    if options.command == "measure":
        report = measure(options.output, options.mentees, options.mentors, options.check_mentees,
                         options.check_mentors)
        if not options.quiet:
            print("\n".join(figure_lines(report)))
        return 0 if all(passed for _, passed, _ in report["verdicts"]) else 1
    if options.command == "check":
        report = run_check(options.mentees, options.mentors)
    else:
        report = run_one(options.command, options.mentees, options.mentors, getattr(options, "fairness", False))
    options.output.write_text(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
