"""Evaluations of completed courses and attended sessions (Kirkpatrick levels 1-3): invitations, the forms, the
follow-up, learning gain and the summary the outcomes dashboard reads. Models: courses/models/evaluations.py."""
