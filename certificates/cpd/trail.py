"""An audit trail in words for staff: each row's member, and the row it touched as readable, linked text.

The trail stores what a step touched as a reference ("cpd.auditevidence:7", "cpd.externalactivity:3"; audits.py
and retention.py write them), because a trail row is never changed and must not hold a file name a later deletion
would make stale. Reading them back is here: the rows' cases and members come with the trail query, and every
referenced evidence file and activity is fetched in one query per kind, so a page of trail is a fixed number of
queries whatever its length. Only the steps that write references are read as references; a staff note is
always shown as written."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import AuditEvidence, ExternalActivity, TrailEntry

REFERENCE = re.compile(r"cpd\.(auditevidence|externalactivity):(\d{1,18})")
WRITES_REFERENCES = {TrailEntry.Action.UPLOADED, TrailEntry.Action.EVIDENCE_DELETED}


@dataclass(frozen=True)
class TrailLine:
    entry: TrailEntry
    member_name: str  # whose case or activity the step was about; "" for the draw
    text: str  # what the step touched, or staff's note
    url: str = ""  # a link to the touched file while it is kept


def _name(person) -> str:
    return (person.get_full_name() or person.email) if person is not None else ""


def _reference(entry: TrailEntry) -> tuple[str, int] | None:
    found = REFERENCE.fullmatch(entry.detail) if entry.action in WRITES_REFERENCES else None
    return (found.group(1), int(found.group(2))) if found else None


def evidence_file_name(evidence: AuditEvidence) -> str:
    """The name the file downloads under (cpd.views: its stored name says nothing, by design)."""
    return f"audit-evidence-{evidence.pk}{PurePath(evidence.file.name or '').suffix}"


def entries(trail: QuerySet[TrailEntry]) -> QuerySet[TrailEntry]:
    """The trail rows with what `lines` reads from each, in the same query."""
    return trail.select_related("case__cycle__member")


def lines(rows: Iterable[TrailEntry]) -> list[TrailLine]:
    rows = list(rows)
    wanted: dict[str, set[int]] = {"auditevidence": set(), "externalactivity": set()}
    for row in rows:
        reference = _reference(row)
        if reference is not None:
            wanted[reference[0]].add(reference[1])
    evidence = AuditEvidence.objects.in_bulk(wanted["auditevidence"]) if wanted["auditevidence"] else {}
    activities = (ExternalActivity.objects.select_related("member").in_bulk(wanted["externalactivity"])
                  if wanted["externalactivity"] else {})
    return [_line(row, evidence, activities) for row in rows]


def _line(row: TrailEntry, evidence: dict[int, AuditEvidence],
          activities: dict[int, ExternalActivity]) -> TrailLine:
    member = row.case.cycle.member if row.case is not None else None
    reference = _reference(row)
    if reference is None:
        return TrailLine(row, _name(member), row.detail)
    kind, pk = reference
    if kind == "auditevidence":
        found = evidence.get(pk)
        if found is None:
            return TrailLine(row, _name(member), _("an evidence file no longer kept"))
        name = evidence_file_name(found)
        if not found.file:
            return TrailLine(row, _name(member), _("evidence file %(name)s (deleted)") % {"name": name})
        return TrailLine(row, _name(member), _("evidence file %(name)s") % {"name": name},
                         reverse("cpd:audit_evidence", args=[found.pk]))
    activity = activities.get(pk)
    if activity is None:
        return TrailLine(row, _name(member), _("an activity no longer kept"))
    return TrailLine(row, _name(activity.member), _("the evidence of the activity “%(title)s”")
                     % {"title": activity.title})
