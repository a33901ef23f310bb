"""The plain site-default certificate template a site prints with before staff design their own.

Migration 0002 made it once; a flush (`manage.py flush`, or the tests' cleanup after a transactional test) empties
the table, and certificates would then wait for a template that never comes. post_migrate, which follows every
migrate and flush, puts it back, as cms/site_setup.py does for the home page.
"""

# The renderer prints "This certifies that", the name, the CPD credit and the dates around the body.
BODY = "has successfully completed {{ achievement }}."


def ensure_default_template(**kwargs) -> None:
    from .models import CertificateTemplate

    if not CertificateTemplate.objects.filter(is_site_default=True).exists():
        CertificateTemplate.objects.create(
            name="Standard certificate", title="Certificate of completion", body=BODY, is_site_default=True
        )
