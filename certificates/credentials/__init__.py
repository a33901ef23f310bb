"""Signed Open Badges 3.0 credentials as plain Python: keys, did:web, Data Integrity proofs, status lists.

Nothing here imports Django, so the signing half can be tested and reasoned about alone; the Django side
passes settings, URLs and database state in, and gets plain dicts and small result objects back.
"""


def gettext_noop(message: str) -> str:
    """Mark a fixed message for `makemessages` without translating it here (no Django import in this package).

    Every reason and problem this package reports is one of these fixed strings, so the Django side can show
    it translated with `gettext(reason)`.
    """
    return message
