"""`manage.py refresh_certificates`: bring every stored certificate up to date (deploy step, and `make demo`).

Why a command and not a data migration: re-signing needs the live signing key and site address (settings a
migration must not depend on, and which a test database or CI build does not have), historical models in a
migration lack the record's own rules (printed facts, fingerprints), and the same work is owed whenever the site
address, the issuer name or the key changes, not once. The command is idempotent, so a deploy runs
`manage.py migrate && manage.py refresh_certificates` every time; a second run changes nothing.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from certificates import signing
from certificates.freshness import keep_earlier_pdf, refresh_credential
from certificates.models import Certificate, RenderState
from certificates.tasks import render_certificate

CHUNK = 500


class ProgressBar:
    """A one-line bar on a terminal (tqdm is not installed); silent otherwise, so logs get the summary only."""

    WIDTH = 30

    def __init__(self, stream, total: int) -> None:
        self.stream, self.total, self.done = stream, total, 0
        self.enabled = total > 0 and stream.isatty()

    def advance(self) -> None:
        self.done += 1
        if self.enabled:
            filled = self.WIDTH * self.done // self.total
            self.stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done}/{self.total}", ending="")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("")


class Command(BaseCommand):
    help = (
        "Re-sign every stored certificate credential that is not what would be signed now (proof format, key, "
        "site address, issuer name, claim) and re-render every PDF rendered from other facts or another "
        "verification address. Issue dates, codes, status list positions and validFrom never change. Safe to "
        "run again: a second run changes nothing."
    )

    def handle(self, *args, **options):
        ids = list(
            Certificate.objects.filter(withdrawn_at__isnull=True)
            .exclude(credential__isnull=True, render_state__in=[RenderState.PENDING, RenderState.FAILED])
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        bar = ProgressBar(self.stdout, len(ids))
        resigned = rendered = 0
        changed: set[int] = set()
        failures: list[str] = []
        for start in range(0, len(ids), CHUNK):
            for certificate_id in ids[start : start + CHUNK]:
                outcome = refresh_credential(certificate_id)
                resigned += outcome.credential_resigned
                if outcome.changed:
                    changed.add(certificate_id)
                if outcome.needs_render:
                    earlier_pdf = Certificate.objects.filter(pk=certificate_id).values_list("pdf", flat=True).first()
                    result = render_certificate.apply(args=(certificate_id,)).get()
                    if result == "ready":
                        rendered += 1
                    elif result != "withdrawn":
                        kept = keep_earlier_pdf(certificate_id, earlier_pdf or "")
                        failures.append(
                            f"{certificate_id} ({result}{'; its earlier PDF is still served' if kept else ''})"
                        )
                bar.advance()
        bar.close()
        signing.signed_status_list_credential()  # the served list, built under today's cache key
        self.stdout.write(
            f"Certificates checked: {len(ids)}; credentials re-signed: {resigned}; PDFs re-rendered: {rendered}; "
            f"changed: {len(changed)}."
        )
        if failures:
            raise CommandError(
                "Re-rendering did not complete for these certificates (the reason is on each in the admin): "
                + ", ".join(failures)
            )
