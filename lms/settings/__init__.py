"""Settings split by environment: base (shared), dev (make run), test (pytest), production."""
