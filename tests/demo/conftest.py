"""The tests that read the loaded demo share one load of its catalog.

Loading it makes every page in every language's tree (about 2,000 Wagtail page copies), minutes of work: done once
for this package, not once per module. It is loaded inside a transaction rolled back when the package's last test
has run, so no other package ever sees it; each test here runs in its own savepoint inside it (pytest-django's `db`),
and a module's fixtures that add the demo's other parts (certificates, mentoring) roll back at the module's end.
The planner's statistics are gathered once it is loaded (ANALYZE, inside the same transaction, sees its rows):
tables analysed while still empty would have PostgreSQL plan the demo's thousands of rows as a handful, and one
nested loop then takes minutes.
A test that needs the database committed (`transactional_db`, a live server) does not belong here: it would empty
the shared catalog for the tests after it.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction


@pytest.fixture(scope="package")
def demo_catalog(django_db_setup, django_db_blocker) -> str:
    """What `load_demo courses` printed."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo", "courses", "--outside-debug", stdout=out, verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        yield out.getvalue()
        transaction.set_rollback(True)
