"""The recommendations digest a member is owed for one period: one row per member, frequency and period.

The unique constraint is what makes each digest go at most once however often, or however concurrently, the
beat job runs; the lms outbox then sends the row's letter once (`claimed_until` a sender's lease, `sent_at` the
send). `since` and `until` are the window of first publication the digest covers, so the next one starts where
this one ended.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.models import OwedLetter


class Digest(OwedLetter):
    class Frequency(models.TextChoices):
        # The same values as lms.models.DigestFrequency's, less "off" (nothing is owed then).
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    period_start = models.DateField()  # the first day of the week or month the digest covers
    since = models.DateTimeField()  # offerings first published from here...
    until = models.DateTimeField()  # ...up to here (exclusive): the period's end
    item_count = models.PositiveSmallIntegerField(default=0)  # what matched when it was owed; 0 owes no e-mail

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "frequency", "period_start"],
                                    name="one_digest_per_member_and_period"),
        ]
        indexes = [models.Index(fields=["sent_at", "owed_at"])]

    def __str__(self):
        return f"{self.frequency} digest from {self.period_start} for member {self.member_id}"
