"""The baseline: the smallest Django site gunicorn can serve, one view returning a short text response.

No database, no middleware, no templates: what is left is gunicorn, WSGI and Django's request/URL handling.
Served by bench/run.py as `baseline_site:application` with the same gunicorn settings as the project.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ["SECRET_KEY"],
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_I18N=False,
)


def hello(request):
    return HttpResponse("Hello from the baseline.\n", content_type="text/plain; charset=utf-8")


urlpatterns = [path("", hello)]

application = get_wsgi_application()
