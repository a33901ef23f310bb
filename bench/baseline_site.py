"""The baseline: the smallest Django site gunicorn can serve, next to which the project's figures are read.

- `GET /`: a short text response. No database, no middleware, no templates: what is left is gunicorn, WSGI and
  Django's request/URL handling.
- `POST /register/`: one INSERT of the posted member and session into a small table (`BASELINE_TABLE`) in the
  same PostgreSQL as the project, then a 303 like the project's registration. No session, CSRF, lock or rule:
  the floor a registration pays for one write through Django's database connection.

Served by bench/run.py as `baseline_site:application` with the same gunicorn settings as the project; the insert
endpoint needs `BASELINE_DATABASE_URL` (run.py creates the table before serving).
"""

import os

import environ
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path

BASELINE_TABLE = "bench_baseline_registration"
CREATE_TABLE_SQL = (
    f"CREATE TABLE IF NOT EXISTS {BASELINE_TABLE} ("
    "id bigserial PRIMARY KEY, member integer NOT NULL, session integer NOT NULL, "
    "registered_at timestamptz NOT NULL DEFAULT now())"
)

database_url = os.environ.get("BASELINE_DATABASE_URL")
settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ["SECRET_KEY"],
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_I18N=False,
    USE_TZ=True,
    # Kept open between requests for a minute, as the project's production settings keep theirs.
    DATABASES={"default": {**environ.Env.db_url_config(database_url), "CONN_MAX_AGE": 60}} if database_url else {},
)


def hello(request):
    return HttpResponse("Hello from the baseline.\n", content_type="text/plain; charset=utf-8")


def register(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    member, session = request.POST.get("member", ""), request.POST.get("session", "")
    if not (member.isdigit() and session.isdigit()):
        return HttpResponseBadRequest("member and session must be numbers\n")
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {BASELINE_TABLE} (member, session) VALUES (%s, %s)",  # noqa: S608 (constant)
                       [int(member), int(session)])
    return HttpResponseRedirect("/", status=303)


urlpatterns = [path("", hello), path("register/", register)]

application = get_wsgi_application()


def create_table() -> None:
    """Run once before serving (bench/run.py does): `python bench/baseline_site.py create-table`."""
    with connection.cursor() as cursor:
        cursor.execute(CREATE_TABLE_SQL)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["create-table"]:
        sys.exit("usage: baseline_site.py create-table  (serve it with gunicorn baseline_site:application)")
    create_table()
