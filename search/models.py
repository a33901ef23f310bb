"""The database engine's index: one row per live offering, its facet values, and the vocabulary typos are fixed
against.

Rows hold everything the engine needs to match, rank, filter, count and sort without reading pages. The model is
portable (SQLite migrates it for `make run`); what only PostgreSQL has (the weighted `search_vector`, text search
configurations with accent folding, GIN and trigram indexes) is added by migration 0002 on PostgreSQL only.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class CatalogEntry(models.Model):
    """One live offering as the catalog sees it (a `CatalogDocument`, stored)."""

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="catalog_entry"
    )
    url_path = models.TextField(blank=True)
    title = models.TextField()
    sort_title = models.TextField(db_index=True, help_text="Folded title: sorts the same on every database.")
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Folded (lower case, no accents) word streams, padded with spaces so " word" finds a word's start. SQLite
    # matches and ranks on them; weight A is the title and topics, B the summary, partners and people, C the body.
    text_a = models.TextField(blank=True)
    text_b = models.TextField(blank=True)
    text_c = models.TextField(blank=True)
    format = models.CharField(max_length=32)
    level = models.CharField(max_length=32)
    language = models.CharField(max_length=8)
    locale = models.CharField(max_length=16, blank=True, db_index=True,
                              help_text="The page's locale: a reader searches their own locale's pages only.")
    text_search_config = models.CharField(
        max_length=40, help_text="PostgreSQL text search configuration for the offering's language."
    )
    access_level = models.CharField(max_length=20)
    cpd_hours = models.DecimalField(max_digits=6, decimal_places=2)
    programme_year = models.PositiveSmallIntegerField()
    topics = models.JSONField(default=list, blank=True)
    topic_names = models.JSONField(default=list, blank=True)
    career_stages = models.JSONField(default=list, blank=True)
    instructors = models.JSONField(default=list, blank=True)
    partners = models.JSONField(default=list, blank=True)
    partner_names = models.JSONField(default=list, blank=True)
    regions = models.JSONField(default=list, blank=True)
    time_zones = models.JSONField(default=list, blank=True)
    members_open_on = models.DateField(null=True, blank=True)
    public_open_on = models.DateField(null=True, blank=True)
    next_session_starts_at = models.DateTimeField(null=True, blank=True)
    last_session_ends_at = models.DateTimeField(null=True, blank=True)
    seats_available = models.BooleanField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64, help_text="Digest of the indexed document: reconcile spots drift.")
    indexed_at = models.DateTimeField(auto_now=True)
    # PostgreSQL only: filled by the engine after each write; stays empty on SQLite.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "catalog entry"
        verbose_name_plural = "catalog entries"
        indexes = [
            models.Index(fields=["access_level", "format"], name="search_entry_access_format"),
            models.Index(fields=["next_session_starts_at"], name="search_entry_next_session"),
            models.Index(fields=["published_at"], name="search_entry_published"),
        ]

    def __str__(self):
        return self.title


class CatalogFacetValue(models.Model):
    """One (facet, value) an entry carries: every facet, single- or many-valued, counts with one GROUP BY."""

    entry = models.ForeignKey(CatalogEntry, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=32)
    value = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "facet", "value"], name="search_facet_value_once"),
        ]
        indexes = [models.Index(fields=["facet", "value"], name="search_facet_value_lookup")]

    def __str__(self):
        return f"{self.facet}={self.value}"


class CatalogTerm(models.Model):
    """A folded word that occurs in the catalog: what a mistyped search word is corrected to."""

    word = models.CharField(max_length=64, primary_key=True)

    def __str__(self):
        return self.word
