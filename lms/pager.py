"""The site's pager (catalog, search, mentor directory): which page this is, how many there are, and the query the
page links carry. One include draws it: `{% include "lms/_pager.html" with pager=pager label=... %}`. Admin
listings use Wagtail's own pager instead."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page


@dataclass(frozen=True)
class Pager:
    number: int
    total: int
    query: str = ""  # the request's other parameters, url-encoded, without `page`

    @classmethod
    def of(cls, page: Page, query: str = "") -> Pager:
        return cls(page.number, page.paginator.num_pages, query)

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.total else None
