"""The one exception mentoring's rule modules raise when a member's or staff's request cannot be done."""


class MentoringRefused(Exception):
    """Not allowed or not possible: the message says why, in the reader's words; `status` is the HTTP answer."""

    def __init__(self, message: str, status: int = 409):
        super().__init__(message)
        self.status = status
