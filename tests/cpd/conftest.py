import pytest


@pytest.fixture(autouse=True)
def _evidence_in_a_fresh_folder(media_root):
    """Evidence files go to a folder of the test's own."""
    return media_root
