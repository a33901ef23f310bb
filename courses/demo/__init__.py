"""The demo catalog `make run` loads: content data (`catalog`) and the code that builds it (`loader`)."""
