"""The hostile-input corpus (issue 15) and its replay against every form, API, upload, URL and the CLI."""
