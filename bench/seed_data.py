"""Build the benchmark's data in an empty, migrated database, through the same factories and rules the tests use.

Run by bench/run.py as a separate process with the production settings in its environment:
    python bench/seed_data.py OUTPUT.json
It writes what the load generator needs (addresses, the learner's e-mail, text each page must contain) to OUTPUT.json.
The learner's password comes from BENCH_LEARNER_PASSWORD.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BIG_COURSE_TITLE = "Value Stream Mapping in Practice"
LEARNER_EMAIL = "bench.learner@example.org"
OTHER_LEARNERS = 30
OUTLINE_SIZES = ((2, 2), (5, 5), (10, 10), (20, 20))  # modules x lessons per module


def build(password: str) -> dict:
    from allauth.account.models import EmailAddress

    from courses import dashboard
    from courses.learning import enrolment, progress
    from tests import factories

    rng = random.Random(2026)  # the same data every run

    def complete(member, lesson, pass_quiz: bool = True) -> None:
        """Finish a lesson the way a learner does: mark it, or answer its quiz."""
        if lesson.has_quiz:
            answers = factories.QUIZ_CORRECT_ANSWERS if pass_quiz else factories.QUIZ_WRONG_ANSWERS
            progress.submit_quiz(member, lesson, factories.quiz_post_data(lesson, answers))
        else:
            progress.complete_lesson(member, lesson)

    topics = [factories.TopicFactory(name=name, slug=slug) for name, slug in [
        ("Flow metrics", "flow-metrics"), ("Value stream mapping", "value-stream-mapping"),
        ("Leadership", "leadership"), ("Research integrity", "research-integrity"),
    ]]
    instructors = [factories.InstructorFactory(password=None) for _ in range(2)]

    # The course under test: 10 modules x 10 lessons; each module ends with a quiz, two modules have one mid-way.
    big = factories.build_offering(
        title=BIG_COURSE_TITLE,
        modules=10,
        lessons_per_module=10,
        quiz_lessons=tuple((m, 9) for m in range(10)) + ((0, 4), (5, 4)),
        instructors=instructors,
        topics=topics[:2],
        cpd_hours=12,
    )
    big_lessons = factories.lessons_of(big)

    # The rest of the catalog: six smaller courses and an ethics module.
    others = [
        factories.build_offering(
            title=f"Flow Topics {n}: {name}", modules=3, lessons_per_module=4, quiz_lessons=((2, 3),),
            topics=[topics[n % 3]], cpd_hours=n + 1,
        )
        for n, name in enumerate(["Flow Time", "Flow Load", "Flow Efficiency", "Flow Distribution",
                                  "Coaching Teams", "Funding Value Streams"])
    ]
    ethics = factories.build_ethics_module(modules=2, lessons_per_module=3, topics=[topics[3]])

    learner = factories.MemberFactory(email=LEARNER_EMAIL, first_name="Bench", last_name="Learner", password=password)
    EmailAddress.objects.create(user=learner, email=LEARNER_EMAIL, verified=True, primary=True)

    # The learner: 45 lessons into the big course, with a failed quiz attempt before passing it.
    enrolment.enrol(learner, big)
    for index, lesson in enumerate(big_lessons[:45]):
        if index == 4:
            complete(learner, lesson, pass_quiz=False)
        complete(learner, lesson)
    # Three courses and the ethics module completed, two courses part-way, one left.
    for offering in others[:3] + [ethics]:
        enrolment.enrol(learner, offering)
        for lesson in factories.lessons_of(offering):
            complete(learner, lesson)
    progress.sign_attestation(learner, ethics, "Bench Learner")
    for offering, done in ((others[3], 5), (others[4], 2)):
        enrolment.enrol(learner, offering)
        for lesson in factories.lessons_of(offering)[:done]:
            complete(learner, lesson)
    enrolment.enrol(learner, others[5])
    enrolment.withdraw(learner, others[5])

    # Other learners in the same course, so the progress tables are not the learner's alone.
    for _ in range(OTHER_LEARNERS):
        member = factories.MemberFactory(password=None)
        enrolment.enrol(member, big)
        for lesson in big_lessons[: rng.randint(0, 40)]:
            complete(member, lesson, pass_quiz=rng.random() < 0.8)

    # How the course page's cost grows with its outline: the same learner part-way through courses of other sizes
    # (the 10 x 10 course above is the fourth size).
    sized = {(10, 10): big}
    for modules, lessons_per_module in OUTLINE_SIZES:
        if (modules, lessons_per_module) in sized:
            continue
        course = factories.build_offering(
            title=f"Outline {modules} x {lessons_per_module}", modules=modules, lessons_per_module=lessons_per_module,
            quiz_lessons=tuple((m, lessons_per_module - 1) for m in range(modules)), topics=topics[:1],
        )
        enrolment.enrol(learner, course)
        course_lessons = factories.lessons_of(course)
        for lesson in course_lessons[: len(course_lessons) * 45 // 100]:
            complete(learner, lesson)
        sized[(modules, lessons_per_module)] = course

    dashboard_dump = dashboard.learning_dashboard(learner)
    in_progress = 3 + len(OUTLINE_SIZES) - 1
    assert len(dashboard_dump.completed) == 4 and len(dashboard_dump.in_progress) == in_progress, dashboard_dump
    assert progress.offering_progress(big, learner).percent == 45
    return {
        "course_url": big.url,
        "course_title": big.title,
        "course_marker": "45% complete",
        "dashboard_url": "/my-learning/",
        "dashboard_marker": others[0].title,
        "learner_email": LEARNER_EMAIL,
        "pages": sum(1 for _ in big.get_descendants()) + 1,
        "outline_sizes": [
            {
                "label": f"{modules} x {lessons_per_module}",
                "lessons": modules * lessons_per_module,
                "url": course.url,
                "marker": f"{progress.offering_progress(course, learner).percent}% complete",
            }
            for (modules, lessons_per_module), course in sorted(sized.items())
        ],
    }


def main() -> None:
    output = Path(sys.argv[1])
    password = os.environ["BENCH_LEARNER_PASSWORD"]
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    started = time.perf_counter()
    facts = build(password)
    facts["seconds"] = round(time.perf_counter() - started, 1)
    output.write_text(json.dumps(facts))


if __name__ == "__main__":
    main()
