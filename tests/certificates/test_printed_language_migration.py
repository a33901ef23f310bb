"""Migration 0004: certificates issued before wording per language record the language they were printed in."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from certificates.models import Certificate
from tests.certificates.factories import CertificateTemplateFactory, issued_certificate

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("certificates", "0003_template_wording")]
AFTER = [("certificates", "0004_printed_language_of_earlier_certificates")]


# What the rows hold at 0003 and 0004; later migrations add columns the current model would also read.
PRINTED = ["template", "language", "fingerprint"]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.fixture(autouse=True)
def latest_schema_afterwards():
    """Every later test (this run's database is shared) finds the schema migrated to the end again."""
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_a_certificate_printed_in_the_only_wording_records_that_language_and_still_reads_unchanged():
    template = CertificateTemplateFactory(language="en")
    spanish = issued_certificate()
    tampered = issued_certificate()
    migrate(BEFORE)
    # As issued before wordings existed: the offering's language, the template's English wording printed.
    Certificate.objects.filter(pk=spanish.pk).update(template=template, language="es")
    spanish.refresh_from_db(fields=PRINTED)
    Certificate.objects.filter(pk=spanish.pk).update(fingerprint=spanish.compute_fingerprint())
    Certificate.objects.filter(pk=tampered.pk).update(template=template, language="es", fingerprint="0" * 64)

    migrate(AFTER)

    spanish.refresh_from_db(fields=PRINTED)
    tampered.refresh_from_db(fields=PRINTED)
    assert spanish.language == "en" and spanish.fingerprint == spanish.compute_fingerprint()
    assert tampered.language == "en" and tampered.fingerprint == "0" * 64  # a mismatch stays visible


def test_a_certificate_whose_template_has_its_language_is_left_alone():
    template = CertificateTemplateFactory(language="es")
    certificate = issued_certificate()
    migrate(BEFORE)
    Certificate.objects.filter(pk=certificate.pk).update(template=template, language="es")

    migrate(AFTER)

    certificate.refresh_from_db(fields=PRINTED)
    assert certificate.language == "es"
