"""Certificates issued before templates had wording per language recorded the offering's language, yet were
printed in the template's only wording. Record the language actually printed (and re-fingerprint a record
whose fingerprint held, so it still reads as unchanged; a mismatched one stays mismatched), so a re-render (a moved site
address, a re-signing) prints the same words under a matching /Lang instead of failing for want of a wording.
`manage.py refresh_certificates` then re-signs their credentials with that language."""

from django.db import migrations

from certificates.models import fingerprint_of


def record_printed_language(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    site_default = CertificateTemplate.objects.filter(is_site_default=True).first()
    languages_of: dict[int, set[str]] = {}
    for certificate in Certificate.objects.select_related("template").iterator(chunk_size=500):
        template = certificate.template or site_default
        if template is None:
            continue
        if template.pk not in languages_of:
            languages_of[template.pk] = {template.language, *template.wordings.values_list("language", flat=True)}
        if certificate.language not in languages_of[template.pk]:
            held = bool(certificate.fingerprint) and certificate.fingerprint == fingerprint_of(certificate)
            certificate.language = template.language
            if held:
                certificate.fingerprint = fingerprint_of(certificate)
            certificate.save(update_fields=["language", "fingerprint"])


class Migration(migrations.Migration):
    dependencies = [("certificates", "0003_template_wording")]

    operations = [migrations.RunPython(record_printed_language, migrations.RunPython.noop)]
