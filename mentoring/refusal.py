"""Mentoring's refusals: `lms.refusal.Refused` whose usual answer is 409, since most say the request conflicts with
where a request, proposal, relationship or round stands."""

from lms.refusal import Refused


class MentoringRefused(Refused):
    """Not allowed or not possible in mentoring: the message says why, in the reader's words."""

    default_status = 409
