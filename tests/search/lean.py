"""The size of the offerings the search tests build: one module, one lesson. Search needs titles and text, not 100
lessons, so each test's page tree stays small."""

LEAN = {"modules": 1, "lessons_per_module": 1}
