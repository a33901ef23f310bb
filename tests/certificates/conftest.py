"""Fixtures for the certificate tests; test data and helpers a test calls live in tests/certificates/factories.py."""

from __future__ import annotations

import pytest


@pytest.fixture
def media_root(settings, tmp_path):
    """Files (images, PDFs) go to a fresh folder per test, never the developer's media folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"
