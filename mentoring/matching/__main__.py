"""The matcher for staff who work offline: allowed pairs and capacities in, the exact optimum out.

    python -m mentoring.matching --edges edges.csv --capacity capacity.csv --out matches.csv
                                 [--fairness under_represented.csv]

Exit status 0 with a one-line summary on success; 2 with the reason on stderr, and nothing written, when an input is
refused (the message names the file, the row and why).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .files import FileRefused, candidates_from_files, check_output, read_group, write_matches
from .flow import SolverFailure
from .solver import MatchingResult, solve

REFUSED = 2


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m mentoring.matching",
        description="Match mentees to mentors: the most mentees matched, then the highest total score, within each "
        "mentor's capacity (an exact optimum).",
    )
    parser.add_argument("--edges", required=True, type=Path,
                        help="CSV with columns mentee,mentor,score: the allowed pairs only, one row each")
    parser.add_argument("--capacity", required=True, type=Path,
                        help="CSV with columns mentor,capacity: how many mentees each mentor takes (0 or more)")
    parser.add_argument("--out", required=True, type=Path,
                        help="where to write the chosen pairs (mentee,mentor,score): a regular file, replaced "
                        "atomically, or a new one; devices, FIFOs, links and folders are refused")
    parser.add_argument("--fairness", type=Path, metavar="UNDER_REPRESENTED_CSV",
                        help="CSV with column mentee: mentees who asked for support as under-represented members; "
                        "they are then matched at a rate at least equal to everyone else's wherever possible")
    return parser.parse_args(argv)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def summary(result: MatchingResult, mentee_count: int, out: Path) -> str:
    matched = result.matched_count
    text = (f"Matched {matched:,} of {mentee_count:,} mentees ({_percent(matched, mentee_count)}),"
            f" total score {result.total_score:,f}, {len(result.unmatched_mentees):,} unmatched; wrote {out}.")
    if result.reason:
        text += f" {result.reason}."
    fairness = result.fairness
    if fairness is not None:
        bound = (f"the floor bound the result (score given up: {fairness.score_given_up:,f})" if fairness.floor_bound
                 else "the floor did not bind")
        text += (f" Under-represented: {fairness.group_matched:,} of {fairness.group_size:,} matched "
                 f"({_percent(fairness.group_matched, fairness.group_size)}), others {fairness.others_matched:,} of "
                 f"{fairness.others_size:,} ({_percent(fairness.others_matched, fairness.others_size)}); {bound}.")
    return text


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_args(argv)
    try:
        check_output(options.out)
        candidates = candidates_from_files(options.edges, options.capacity)
        group = None
        if options.fairness is not None:
            group = read_group(options.fairness, set(candidates.mentee_ids))
        result = solve(candidates, under_represented=group)
        write_matches(options.out, result)
    except FileRefused as error:
        print(f"error: {error}", file=sys.stderr)
        return REFUSED
    except OSError as error:
        print(f"error: {options.out}: cannot be written ({error.strerror or error})", file=sys.stderr)
        return REFUSED
    except SolverFailure as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(summary(result, len(candidates.mentee_ids), options.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
