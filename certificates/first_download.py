"""A certificate's PDF on its holder's first download, before the render task has made it.

A certificate is issued inside the request that earned it (a met CPD cycle read on the CPD page, a completion)
and its PDF is rendered by a task queued when that request commits, so the page that announces it would otherwise
say "being prepared" until a reload. Instead the holder (or staff) is offered the download at once, and a download
of a PDF not made yet renders it there: one attempt with the task's own `render_once`, under the certificate's row
lock, so a second download at the same moment (or the task's batch) waits and then finds it made instead of
rendering it again. Only a pending render is made this way: a failed one is for staff to look at and retry, and a
failed attempt here leaves the row pending for the task, which retries and records why. The holder's pages
link to the PDF when `Certificate.pdf_offered`."""

from __future__ import annotations

from django.db import transaction

from lms.roles import is_staff_member

from .models import Certificate, RenderState
from .tasks import render_once


def may_render(certificate: Certificate, user) -> bool:
    """Only the holder and staff cause a render: the pages that offer the link early are theirs."""
    if certificate.render_state != RenderState.PENDING or certificate.withdrawn_at is not None:
        return False
    holder = user.is_authenticated and certificate.member_id == user.pk
    return holder or is_staff_member(user)


def render_for_download(certificate: Certificate) -> Certificate:
    """The certificate after at most one render here: made by this call, by whoever held the row meanwhile, or
    still pending when the attempt failed."""
    with transaction.atomic():
        locked = Certificate.objects.select_for_update(of=("self",)).select_related("template").filter(
            pk=certificate.pk).first()
        if locked is not None and locked.render_state == RenderState.PENDING and locked.withdrawn_at is None:
            render_once(locked)
    certificate.refresh_from_db()
    return certificate
