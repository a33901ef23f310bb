"""Self-paced learning: who may enrol, progress and completion, quiz grading and the learner's views (the
completion e-mail is a letter in `courses/letters.py`). Of `courses` it imports `models` and `signals` only:
never `events`, `catalog` or the dashboard."""
