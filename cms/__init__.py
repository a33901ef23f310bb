"""cms: the site's own pages (home page, topics, partners, campaigns as snippets) and their templates; imports no
feature package."""
