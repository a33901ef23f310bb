"""PostgreSQL only: accent folding, trigram matching, per-language text search configurations and their indexes.

On any other database (SQLite for `make run`) every step here does nothing: the engine matches there on the
folded text columns instead.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

# A snapshot (migrations must not follow later code): the PostgreSQL configurations the catalog's languages use.
# Each gets a "catalog_" copy that folds accents before stemming; "simple" serves languages with no stemmer.
BASE_CONFIGS = (
    "simple", "english", "spanish", "french", "portuguese", "german", "italian", "dutch", "russian", "greek",
    "turkish", "arabic", "hindi", "indonesian",
)
FOLDED_TOKEN_TYPES = "word, hword, hword_part"


def _create_configs(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        existing = {row[0] for row in cursor.fetchall()}
        for base in BASE_CONFIGS:
            name = f"catalog_{base}"
            if name in existing:
                continue
            # A server without this language's stemmer still gets the configuration (as "simple"), so the
            # engine never names one that does not exist.
            source, dictionary = (base, f"{base}_stem") if base in existing and base != "simple" else ("simple",
                                                                                                      "simple")
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source})")  # noqa: S608
            cursor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR {FOLDED_TOKEN_TYPES} "  # noqa: S608
                f"WITH unaccent, {dictionary}"
            )
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS search_entry_vector ON search_catalogentry USING gin (search_vector)"
        )
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS search_term_trigram ON search_catalogterm USING gist (word gist_trgm_ops)"
        )


def _drop_configs(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS search_entry_vector")
        cursor.execute("DROP INDEX IF EXISTS search_term_trigram")
        for base in BASE_CONFIGS:
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS catalog_{base}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunPython(_create_configs, _drop_configs),
    ]
