"""A plain site-default template, so a fresh site can print certificates before staff design their own."""

from django.db import migrations

# The renderer prints "This certifies that", the name, the CPD credit and the dates around the body.
BODY = "has successfully completed {{ achievement }}."


def create_default(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    StatusList = apps.get_model("certificates", "StatusList")
    StatusList.objects.get_or_create(purpose="revocation")
    if not CertificateTemplate.objects.filter(is_site_default=True).exists():
        CertificateTemplate.objects.create(
            name="Standard certificate", title="Certificate of completion", body=BODY, is_site_default=True
        )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_initial")]

    operations = [migrations.RunPython(create_default, migrations.RunPython.noop)]
