"""Management commands of mentoring."""
