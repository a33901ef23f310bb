"""The demo CPD `load_demo` builds after the catalog: the practitioner scheme, members at different points of their
cycles, activities awaiting review with real evidence PDFs, and an audit of members whose first cycle closed
(`content/`, read by `content.py`; built by `build.py` through the real rules). `load(run)` is what `load_demo`
calls."""

from __future__ import annotations

from courses.demo.build import demo_catalog_loaded
from lms.demo_content import DemoError, DemoRun

from .build import demo_cpd_loaded, load_demo_cpd


def load(run: DemoRun) -> None:
    """Load the demo CPD once, after the demo catalog."""
    if not demo_catalog_loaded():
        raise DemoError("Load the demo catalog first: python manage.py load_demo courses")
    if demo_cpd_loaded():
        run.write("The demo CPD scheme is already loaded; nothing to do.")
        return
    summary = load_demo_cpd()
    lines = [run.success("Demo CPD loaded."), f"  Scheme:       {summary.scheme}"]
    lines += [f"  {line}" for line in summary.standings]
    lines.append(f"  Awaiting review in the admin (CPD review): {summary.awaiting}")
    if summary.audit:
        lines.append(f"  In the admin (CPD audits): {summary.audit}")
    lines += [f"  CPD credential issued: {code}" for code in summary.credentials]
    if summary.holders:
        lines.append(f"  For credential holders: {summary.holders}")
    if summary.year_activities:
        lines.append(f"  Logged and approved by the year's generated members: {summary.year_activities}")
    run.write("\n".join(lines))
