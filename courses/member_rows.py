"""Which of courses' rows are one member's own, for the generations kept pages and recommendations are keyed by
(cms/page_cache.py): a write of one renews that member's generation, not every kept page's.

A lesson completion, a quiz attempt, an attestation, an enrolment and its history, and the private calendar feed
change only their member's pages. A registration also takes a seat or a waitlist place that everyone's event page
shows, so its statement renews the content too.
"""

from cms import page_cache

from .models import (
    CalendarFeed,
    Enrolment,
    EnrolmentEvent,
    EthicsAttestation,
    LessonCompletion,
    QuizAttempt,
    Registration,
)


def _event_member(event: EnrolmentEvent) -> int | None:
    """Completion is an UPDATE of the enrolment (no signal), then this row, made with its enrolment at hand."""
    enrolment = EnrolmentEvent._meta.get_field("enrolment").get_cached_value(event, None)
    if isinstance(enrolment, Enrolment):
        return enrolment.member_id
    return Enrolment.objects.filter(pk=event.enrolment_id).values_list("member_id", flat=True).first()


def register() -> None:
    """Called once from CoursesConfig.ready()."""
    for model in (Enrolment, LessonCompletion, QuizAttempt, EthicsAttestation, CalendarFeed):
        page_cache.member_rows(model, lambda row: row.member_id)
    page_cache.member_rows(EnrolmentEvent, _event_member)
    page_cache.member_rows(Registration, lambda row: row.member_id, shared=True)
