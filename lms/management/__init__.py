"""Management commands of lms."""
