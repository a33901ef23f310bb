"""What `courses` announces; other packages (certificates, search) listen instead of being imported here."""

from django.dispatch import Signal

# Sent once per enrolment, after the transaction that recorded the completion commits.
# kwargs: enrolment, member, offering.
course_completed = Signal()
