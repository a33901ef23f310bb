"""Learning paths: what the editor may write (prerequisites that can be met), a member's progress along a path
from what they really did (in any language), the page, My learning and the catalog, and `path_completed` sent once.
Real pages, rules and views on PostgreSQL; signals through the real receivers."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.locale_trees import sync_locale_trees
from courses.events.attendance import check_in
from courses.events.registration import cancel, register
from courses.learning.progress import sign_attestation
from courses.models import LearningPathPage, PathCompletion
from courses.paths.blocks import PathStepsBlock
from courses.paths.completion import note_progress
from courses.paths.prerequisites import Step, prerequisite_errors
from courses.paths.progress import State, progress_of, step_states
from courses.signals import path_completed
from tests import factories
from tests.courses.conftest import listening
from tests.courses.journeys import enrol, finish
from tests.translating import page_in, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    """A course, an ethics module, a webinar and a workshop; the workshop needs the course first."""
    course = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1)
    ethics = factories.build_ethics_module(modules=1, lessons_per_module=1)
    webinar = factories.build_event(title="Flow Metrics Live")
    workshop = factories.build_workshop()
    path = factories.build_learning_path([course, ethics, webinar, (workshop, [course])])
    return path, course, ethics, webinar, workshop


def states(path, member) -> list[State]:
    return [step.state for step in progress_of([path], member)[path.pk].steps]


def attend(member, event, staff):
    session = factories.sessions_of(event)[0]
    registration = register(member, session).registration
    check_in(registration, staff, now=session.starts_at)
    return registration


# ---------------------------------------------------------------------------------------------- the editor's rule


def test_prerequisites_that_can_be_met_are_accepted():
    assert prerequisite_errors([Step(1), Step(2, (1,)), Step(3, (1, 2))]) == {}


@pytest.mark.parametrize(("steps", "index", "words"), [
    ([Step(1), Step(2, (2,))], 1, "cannot require itself"),
    ([Step(1), Step(2, (9,))], 1, "only require other steps of this path"),
    ([Step(1), Step(1)], 1, "already step 1"),
])
def test_a_step_that_could_not_stand_is_refused_with_its_reason(steps, index, words):
    errors = prerequisite_errors(steps)
    assert list(errors) == [index] and words in errors[index]


def test_a_circle_of_prerequisites_is_refused_naming_its_steps():
    errors = prerequisite_errors([Step(1), Step(2, (4,)), Step(3, (2,)), Step(4, (3,))])
    assert sorted(errors) == [1, 2, 3]
    assert all("Steps 2, 3, 4 require each other in a circle" in message for message in errors.values())


def stream(*steps) -> list[dict]:
    return [{"type": "step", "id": str(uuid.uuid4()),
             "value": {"offering": offering.pk, "requires": [needed.pk for needed in needs]}}
            for offering, needs in steps]


def block_errors(raw) -> dict[int, str]:
    block = PathStepsBlock()
    with pytest.raises(StreamBlockValidationError) as refused:
        block.clean(block.to_python(raw))
    return {index: " ".join(" ".join(message for message in error.block_errors[name].messages)
                            for name in error.block_errors)
            for index, error in refused.value.block_errors.items()}


def test_the_editor_is_refused_a_cycle_and_a_self_reference_on_the_step_concerned(programme):
    _path, course, ethics, webinar, _workshop = programme
    errors = block_errors(stream((course, [webinar]), (ethics, [ethics]), (webinar, [course])))
    assert "cannot require itself" in errors[1]
    assert "Steps 1, 3 require each other in a circle" in errors[0] and errors[0] == errors[2]
    block = PathStepsBlock()
    assert len(block.clean(block.to_python(stream((course, []), (webinar, [course]))))) == 2


def test_the_editor_is_refused_a_translation_in_place_of_the_original(programme):
    _path, course, ethics, *_rest = programme
    sync_locale_trees()
    spanish = translate(page_in(course, "es"), "es", title="Fundamentos")
    errors = block_errors(stream((ethics, []), (spanish, [])))
    assert list(errors) == [1] and "original page" in errors[1]


def path_form(steps) -> dict:
    """What the Wagtail editor posts for a new path; `steps` are (offering, [offerings it needs first])."""
    def needs(pages):
        return {"count": str(len(pages)), **{str(n): {"value": page.pk, "deleted": "", "order": str(n), "id": ""}
                                             for n, page in enumerate(pages)}}

    return nested_form_data({
        "title": "Flow practitioner", "slug": "flow-practitioner", "summary": "A programme.", "image_alt_text": "",
        "ordered": "on", "seo_title": "", "search_description": "", "go_live_at": "", "expire_at": "",
        "steps": streamfield([("step", {"offering": offering.pk, "requires": needs(required)})
                              for offering, required in steps]),
    })


def test_the_wagtail_editor_refuses_a_cycle_on_the_page_and_saves_a_path_that_can_be_followed(programme, client,
                                                                                             staff):
    _path, course, ethics, webinar, _workshop = programme
    client.force_login(staff)
    add = reverse("wagtailadmin_pages:add", args=("courses", "learningpathpage", factories.catalog().pk))
    refused = client.post(add, path_form([(course, [webinar]), (ethics, []), (webinar, [course])]))
    assert refused.status_code == 200
    assert "Steps 1, 3 require each other in a circle" in refused.content.decode()
    assert not LearningPathPage.objects.filter(title="Flow practitioner").exists()
    saved = client.post(add, path_form([(course, []), (ethics, []), (webinar, [course])]))
    assert saved.status_code == 302
    created = LearningPathPage.objects.get(title="Flow practitioner")
    assert [step.needs for step in progress_of([created], None)[created.pk].steps] == [(), (), (1,)]


# ---------------------------------------------------------------------------------------------- progress


def test_each_step_is_not_started_locked_in_progress_or_done_from_what_the_member_did(programme, learner, staff):
    path, course, ethics, webinar, workshop = programme
    assert states(path, learner) == [State.NOT_STARTED, State.NOT_STARTED, State.NOT_STARTED, State.LOCKED]
    enrol(learner, course)
    register(learner, factories.sessions_of(webinar)[0])
    progress = progress_of([path], learner)[path.pk]
    assert [step.state for step in progress.steps] == [
        State.IN_PROGRESS, State.NOT_STARTED, State.IN_PROGRESS, State.LOCKED]
    assert progress.next_step.offering.pk == course.pk and progress.steps[3].needs == (1,)
    finish(learner, factories.lessons_of(course))
    progress = progress_of([path], learner)[path.pk]
    assert [step.state for step in progress.steps] == [
        State.DONE, State.NOT_STARTED, State.IN_PROGRESS, State.NOT_STARTED]
    assert progress.next_step.number == 2  # in order: the ethics module comes before the webinar under way
    assert progress.done == 1 and progress.percent == 25 and progress.cpd_hours == 3 + 3 + 1.5 + 1.5


def test_a_cancelled_registration_is_not_a_start_and_attendance_is_done(programme, learner, staff):
    path, _course, _ethics, webinar, _workshop = programme
    registration = register(learner, factories.sessions_of(webinar)[0]).registration
    cancel(registration, learner)
    assert states(path, learner)[2] == State.NOT_STARTED
    attend(factories.MemberFactory(), webinar, staff)  # someone else's attendance is not the learner's
    assert states(path, learner)[2] == State.NOT_STARTED


def test_an_unordered_path_points_to_a_step_under_way_first():
    steps = [Step(1), Step(2), Step(3, (1,))]
    assert step_states(steps, True, done=set(), started={2}) == (
        [State.NOT_STARTED, State.IN_PROGRESS, State.LOCKED], 0)
    assert step_states(steps, False, done=set(), started={2})[1] == 1
    assert step_states(steps, False, done={1, 2, 3}, started=set())[1] is None


def test_progress_made_through_translations_counts_on_the_path_in_every_language(programme, learner, client):
    path, course, *_rest = programme
    sync_locale_trees()
    spanish_course = translate(page_in(course, "es"), "es", title="Fundamentos de métricas de flujo")
    spanish_path = translate(page_in(path, "es"), "es", title="Profesional del flujo de valor", steps=[])
    enrol(learner, spanish_course)  # taken in Spanish: kept on the original
    client.force_login(learner)
    html = client.get(spanish_path.url).content.decode()
    # The translation's own (emptied) steps are not read: the original's are, linked in Spanish.
    assert "Profesional del flujo de valor" in html
    assert "Fundamentos de métricas de flujo" in html and spanish_course.url in html
    assert [step.state for step in progress_of([path], learner)[path.pk].steps][0] == State.IN_PROGRESS
    english = client.get(path.url).content.decode()
    assert "In progress" in english and "Flow Metrics Fundamentals" in english


# ---------------------------------------------------------------------------------------------- completion


def test_path_completed_is_sent_once_when_the_last_step_is_done(programme, learner, staff,
                                                                django_capture_on_commit_callbacks):
    path, course, ethics, webinar, workshop = programme
    with listening(path_completed) as sent:
        with django_capture_on_commit_callbacks(execute=True):
            enrol(learner, course)
            finish(learner, factories.lessons_of(course))
            enrol(learner, ethics)
            finish(learner, factories.lessons_of(ethics))
        with django_capture_on_commit_callbacks(execute=True):
            sign_attestation(learner, ethics, "Ada Learner")
            attend(learner, webinar, staff)
        assert len(sent) == 0
        with django_capture_on_commit_callbacks(execute=True):
            attend(learner, workshop, staff)
        assert len(sent) == 1 and sent.calls[0]["path"] == path and sent.calls[0]["member"] == learner
        assert note_progress(learner, workshop.pk) == []  # asked again (a retried signal): nothing more
        with django_capture_on_commit_callbacks(execute=True):  # another session of a done step: nothing more
            second = factories.build_event(title="Another webinar")
            attend(learner, second, staff)
    assert len(sent) == 1
    assert PathCompletion.objects.filter(member=learner, path=path).count() == 1


# ---------------------------------------------------------------------------------------------- pages


def test_the_path_page_shows_a_visitor_the_steps_and_a_member_their_progress(programme, client, learner):
    path, course, *_rest = programme
    html = client.get(path.url).content.decode()
    assert "Flow Metrics Fundamentals" in html and "4 steps" in html and "9 CPD hours in all" in html
    assert "Sign in to follow your progress" in html and "Your progress" not in html
    assert "Needs step 1 first" in html and "<ol class=\"path-steps\">" in html
    enrol(learner, course)
    client.force_login(learner)
    html = client.get(path.url).content.decode()
    assert "Your progress" in html and "0 of 4 steps done" in html and "In progress" in html
    assert 'Next: step 1<span class="visually-hidden">, Flow Metrics Fundamentals</span>' in html and "Locked" in html


def test_my_learning_lists_the_paths_a_member_has_begun(programme, member_client, learner):
    path, course, *_rest = programme
    assert path.title not in member_client.get("/my-learning/").content.decode()
    enrol(learner, course)
    html = member_client.get("/my-learning/").content.decode()
    assert "Learning paths" in html and path.title in html and "0 of 4 steps done" in html


def test_the_catalog_lists_paths_unless_filtered(programme, client):
    path, *_rest = programme
    draft = factories.build_learning_path([programme[1]], title="Unpublished path", publish=False)
    html = client.get("/catalog/").content.decode()
    assert "Learning paths" in html and path.title in html and draft.title not in html
    assert "4 steps · 9 CPD hours" in html
    assert path.title not in client.get("/catalog/?format=course").content.decode()


def test_the_path_page_costs_the_same_for_two_steps_or_eight(learner, client):
    client.force_login(learner)

    def cost(count: int) -> int:
        offerings = [factories.build_offering(title=f"Step {count}.{n}", modules=0) for n in range(count)]
        for offering in offerings[::2]:
            enrol(learner, offering)
        path = factories.build_learning_path(
            [offerings[0]] + [(offering, [offerings[0]]) for offering in offerings[1:]], title=f"Path of {count}")
        assert client.get(path.url).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path.url).status_code == 200
        return len(captured)

    assert cost(2) == cost(8)


def test_a_removed_offering_drops_out_of_the_path(programme, learner):
    path, course, *_rest = programme
    course.delete()
    path = LearningPathPage.objects.get(pk=path.pk)
    assert [step.number for step in progress_of([path], learner)[path.pk].steps] == [1, 2, 3]


def test_staff_and_instructors_change_paths_and_partner_hosts_do_not(programme, staff, instructor):
    path = programme[0]
    host = factories.partner_host_for(factories.PartnerFactory())
    assert path.permissions_for_user(staff).can_edit() and path.permissions_for_user(instructor).can_edit()
    assert not path.permissions_for_user(host).can_edit() and not path.permissions_for_user(host).can_publish()
