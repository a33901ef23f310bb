"""The site's own part of the demo (`load_demo` calls `load(run)`): the pages the footer links to."""

from __future__ import annotations

from lms.demo_content import DemoRun

from .site_pages import ensure_site_pages


def load(run: DemoRun) -> None:
    added = ensure_site_pages()
    if added:
        run.write(run.success(f"Site pages added: {', '.join(page.title for page in added)}."))
    else:
        run.write("The site pages (about, code of conduct, privacy, ...) are already there; nothing to do.")
