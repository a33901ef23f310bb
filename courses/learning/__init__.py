"""Self-paced learning: who may enrol, progress and completion, quiz grading, the learner's views and the
completion e-mail. Imports `courses.models`, `refusal` and `signals` only: never `events`, `catalog` or the
dashboard."""
