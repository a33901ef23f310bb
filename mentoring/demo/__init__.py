"""The demo mentoring `load_demo` builds after the catalog: content as data (`content/`, read by `content.py`) and
the code that builds it through the real rules (`build.py`). `load(run)` is what `load_demo` calls."""

from __future__ import annotations

from lms.demo_content import DemoError, DemoRun

from .build import demo_catalog_present, demo_mentoring_loaded, load_demo_mentoring
from .content import demo_content


def load(run: DemoRun) -> None:
    """Load demo mentoring once, after the demo catalog (it gives the catalog's learner and student a mentor)."""
    content = demo_content()
    if not demo_catalog_present():
        raise DemoError("Load the demo catalog first: python manage.py load_demo courses")
    if demo_mentoring_loaded():
        run.write(f"Demo mentoring is already loaded ({content.email(content.marker)} exists); nothing to do.")
        return
    summary = load_demo_mentoring()
    mentor = next(person for person in content.mentors if person.local == content.learner_profile.mentor)
    run.write("\n".join([
        run.success("Demo mentoring loaded."),
        f"  Mentors:       {len(summary.mentors)} in the directory (e.g. {content.email(content.marker)})",
        f"  Mentees:       {len(summary.mentees)}, plus {content.email(content.learner)} (mentored by "
        f"{mentor.first_name} {mentor.last_name})",
        f"  Relationships: {summary.relationships}",
        *([f"  Year members:  {summary.year.requests} asked a mentor; {summary.year.mentorships} were mentored "
           f"for six months ({summary.year.meetings} meetings)"] if summary.year else []),
        f"  Rounds:        “{summary.open_round}” taking applications; “{summary.past_round}” finished "
        "(its health report is in the admin)",
        f"  Members: /mentoring/ ; staff: Mentoring rounds in the admin ({content.email(content.staff)}).",
    ]))
