"""The one confirmation step every destructive action uses (lms/confirmation.py): only a POST carrying confirm=yes
counts as confirmed, and what the first step posted is carried to the second escaped and bounded."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from lms.confirmation import MAX_CARRIED_LENGTH, Confirmation, carried_fields, confirmation_page, is_confirmed

factory = RequestFactory()


def test_only_a_post_with_confirm_yes_is_confirmed():
    assert is_confirmed(factory.post("/x/", {"confirm": "yes"}))
    assert not is_confirmed(factory.get("/x/", {"confirm": "yes"}))  # a link or a prefetch never acts
    for data in ({}, {"confirm": "on"}, {"confirm": "YES"}, {"confirm": ""}):
        assert not is_confirmed(factory.post("/x/", data))


def test_carried_fields_are_the_named_ones_only_and_bounded():
    request = factory.post("/x/", {"reason": "r" * (MAX_CARRIED_LENGTH + 50), "note": "n", "csrfmiddlewaretoken": "t"})
    carried = carried_fields(request, ("reason", "absent"))
    assert carried == {"reason": "r" * MAX_CARRIED_LENGTH}


def test_the_page_escapes_what_it_carries_and_names_both_ways_out(db):
    request = factory.post("/admin/thing/1/revoke/", {"reason": '"><script>alert(1)</script>'})
    request.user = AnonymousUser()
    response = confirmation_page(
        request,
        Confirmation(
            title="Revoke it?",
            consequence="It shows as revoked.",
            permanence="This cannot be undone.",
            confirm_label="Revoke",
            back_url="/admin/thing/1/",
            carried=carried_fields(request, ("reason",)),
        ),
    )
    page = response.render().content.decode()
    assert "<script>alert(1)</script>" not in page and "&quot;&gt;&lt;script&gt;" in page
    assert '<h1 id="confirmation-title">Revoke it?</h1>' in page
    assert '<button type="submit" class="button">Revoke</button>' in page and 'href="/admin/thing/1/"' in page
    assert 'action="/admin/thing/1/revoke/"' in page and response["Cache-Control"] == "no-store"


def test_removing_an_email_address_asks_first_without_script(client, db):
    """allauth's own question before removing an address is a script confirm(); the page asks without script."""
    from allauth.account.models import EmailAddress

    from tests.factories import MemberFactory

    member = MemberFactory(email="main@example.org")
    EmailAddress.objects.create(user=member, email="main@example.org", verified=True, primary=True)
    EmailAddress.objects.create(user=member, email="old@example.org", verified=True, primary=False)
    client.force_login(member)

    asked = client.post("/accounts/email/", {"email": "old@example.org", "action_remove": ""})
    assert asked.status_code == 200
    page = asked.content.decode()
    assert "Remove this e-mail address?" in page and "old@example.org" in page
    assert 'name="confirm" value="yes"' in page and 'name="action_remove"' in page
    assert EmailAddress.objects.filter(email="old@example.org").exists()

    done = client.post("/accounts/email/", {"email": "old@example.org", "action_remove": "", "confirm": "yes"})
    assert done.status_code == 302
    assert not EmailAddress.objects.filter(email="old@example.org").exists()


def test_someone_elses_address_is_not_offered_for_removal(client, db):
    from allauth.account.models import EmailAddress

    from tests.factories import MemberFactory

    owner, other = MemberFactory(email="owner@example.org"), MemberFactory(email="other@example.org")
    EmailAddress.objects.create(user=owner, email="second@example.org", verified=True, primary=False)
    client.force_login(other)
    for data in ({}, {"confirm": "yes"}):
        response = client.post("/accounts/email/", {"email": "second@example.org", "action_remove": "", **data})
        assert "Remove this e-mail address?" not in response.content.decode()
    assert EmailAddress.objects.filter(email="second@example.org").exists()
