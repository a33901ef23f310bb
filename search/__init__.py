"""search: the catalog search. One document shape for every offering (`documents.py`), each facet defined once
(`facets.py`), the query contract (`catalog.py`), the database and Elasticsearch engines behind it (`engines/`),
index upkeep on publish (`receivers.py`, `indexing.py`, `tasks.py`), the search page (`views.py`) and the JSON API
(`api.py`, a ninja router whose query parameters follow the facet definitions)."""
