"""Management commands of certificates."""
