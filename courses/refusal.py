"""The one exception rule modules raise when a learner's request cannot be done."""


class ActionRefused(Exception):
    """Not allowed or not possible: the message says why, in the learner's words; `status` is the HTTP answer."""

    def __init__(self, message: str, status: int = 403):
        super().__init__(message)
        self.status = status
