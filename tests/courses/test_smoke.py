from datetime import timedelta

from django.utils import timezone

from courses.evaluations import invitations
from tests.factories import QUIZ_CORRECT_ANSWERS, lessons_of, quiz_post_data


def test_learner_completes_course_through_views(
    member_client, course, learner, mailoutbox, django_capture_on_commit_callbacks
):
    response = member_client.post(course.url + "enrol/")
    assert response.status_code == 303
    lessons = lessons_of(course)
    for lesson in lessons[:-1]:
        assert member_client.post(lesson.url + "complete/").status_code == 303
    quiz_lesson = lessons[-1]
    page = member_client.get(quiz_lesson.url)
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(quiz_lesson.url + "quiz/", quiz_post_data(quiz_lesson, QUIZ_CORRECT_ANSWERS))
    assert response.status_code == 303
    dashboard = member_client.get("/my-learning/")
    assert course.title in dashboard.content.decode()
    # Completion reached the learner twice at once: the congratulation and the certificate it earned...
    assert sorted(m.subject for m in mailoutbox) == [f"You completed {course.title}",
                                                     f"Your certificate for {course.title}"]
    # ...and a day later the invitation to say how it went.
    assert invitations.send_invitations(timezone.now() + timedelta(days=1)) == 1
    assert mailoutbox[-1].subject == f"How did {course.title} go?"
