"""The demo catalog `load_demo` builds first: content as data (`content/`, read and checked by `content.py`) and
the code that builds it through the real rules (`build.py`). `load(run)` is what `load_demo` calls."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lms.demo_content import DemoRun

from .build import DemoSummary, demo_catalog_loaded, load_demo_catalog, planned_steps
from .content import demo_content
from .outcomes import load_outcomes


def load(run: DemoRun) -> None:
    """Load the demo catalog once: if its marker account exists, say so and change nothing."""
    data = demo_content()
    if demo_catalog_loaded():
        run.write(f"The demo catalog is already loaded ({data.marker_email} exists); nothing to do.")
        return
    started = time.monotonic()
    # The bar goes to stderr, like any progress display, so stdout keeps just the summary.
    progress = Progress(
        TextColumn("[bold]Loading demo catalog[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}", style="dim"),
        console=Console(stderr=True),
        disable=run.verbosity == 0,
        transient=True,
    )
    with progress:
        task = progress.add_task("", total=planned_steps(data))
        summary = load_demo_catalog(
            on_step=lambda label: progress.update(task, advance=1, description=label[:60]), data=data
        )
    run.write(summary_text(run, summary, time.monotonic() - started))
    # Two editions of a few courses with evaluations, for the outcome reports (outcomes.py, content/outcomes.yaml).
    evaluated = load_outcomes(data.email_domain)
    run.write(f"  Outcomes:    two editions of a few courses, {evaluated} evaluations; one course flagged to retire "
              "or redesign (Reports)")


def summary_text(run: DemoRun, s: DemoSummary, seconds: float) -> str:
    def counts(mapping: dict) -> str:
        return ", ".join(f"{key} {value}" for key, value in mapping.items())

    lines = [
        run.success(f"Demo catalog loaded in {seconds:.1f} s."),
        f"  Offerings:   {s.offerings} ({s.courses} courses, {s.ethics_modules} ethics / RCR modules), "
        f"{s.topics} topics, {s.partners} partners",
        f"  Content:     {s.modules} modules, {s.lessons} lessons ({s.optional_lessons} optional), "
        f"{s.quizzes} quizzes, {s.videos} videos (poster and transcript, no network needed)",
        f"  Languages:   {counts(s.by_language)} (written in); catalog pages in each language's tree: "
        f"{counts(s.locales)}",
        *(f"  Translated:  into {language}: {'; '.join(titles)}" for language, titles in s.translated.items()),
        f"  Access:      {counts(s.by_access)}",
        f"  Years:       {counts(s.by_year)}",
        f"  Learning:    {s.enrolments} enrolments by demo learners, {s.completed_enrolments} completed",
        f"  Events:      {s.events} ({s.webinars} webinars, {s.workshops} workshops), {s.sessions} sessions "
        f"({s.upcoming_sessions} upcoming), {s.registrations} registrations by demo learners "
        f"({s.waitlisted} waitlisted); campaign {s.campaign} with {s.campaign_offerings} offerings",
        *(f"  Partner host: {email} acts for {partner}" for email, partner in s.partner_hosts),
        f"  Attendance:  sample report {s.attendance_sample}",
        "  E-mail:      notices written while loading were not sent (demo addresses are not mailboxes)",
        "",
        f"Demo logins (every account's password: {demo_content().password})",
    ]
    width = max(len(email) for email, _ in s.logins)
    lines += [f"  {email.ljust(width)}  {role}" for email, role in s.logins]
    lines.append(f"  ...and {len(s.faculty)} more instructors: {', '.join(s.faculty)}")
    lines.append(f"  ...and {len(s.community)} learners registered for events: {', '.join(s.community)}")
    return "\n".join(lines)
