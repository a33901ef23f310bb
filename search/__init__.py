"""search: the catalog search. One document shape for every offering (`documents.py`), each facet defined once
(`facets.py`), the query contract (`catalog.py`), the database and Elasticsearch engines behind it (`engines/`),
index upkeep on publish (`receivers.py`, `indexing.py`, `tasks.py`), and the search page and JSON API (`views.py`,
`openapi.py`)."""
