"""The longest password the platform accepts, so no one can make every sign-in hash megabytes.

128 characters is twice the 64 NIST SP 800-63B asks verifiers to allow at least: room for long pass phrases and
for whatever a password manager generates, and still a bounded amount of work per attempt.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_PASSWORD_LENGTH = 128


class MaximumLengthValidator:
    """A Django password validator (AUTH_PASSWORD_VALIDATORS) refusing passwords longer than `max_length`."""

    def __init__(self, max_length: int = MAX_PASSWORD_LENGTH):
        self.max_length = max_length

    def validate(self, password: str, user: object = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                _("This password is too long: use at most %(max_length)d characters (it has %(length)d).")
                % {"max_length": self.max_length, "length": len(password)},
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return ngettext(
            "Your password can be at most %(max_length)d character long.",
            "Your password can be at most %(max_length)d characters long.",
            self.max_length,
        ) % {"max_length": self.max_length}
