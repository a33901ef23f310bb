"""The fields of a form as a browser would send them, read from the page the person sees, so the replay posts what
the real form posts (hidden fields, selected options, ticked boxes) and a new field is replayed without being listed."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": attrs.get("action") or "",
                    "method": (attrs.get("method") or "get").lower(),
                    "fields": {},
                    "choices": {},
                }
            )
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("file", "image", "reset", "button"):
                return
            if kind == "submit":
                form["fields"].setdefault(name, attrs.get("value") or "")
            elif kind in ("checkbox", "radio"):
                value = attrs["value"] if attrs.get("value") is not None else "on"  # a browser sends "on"
                form["choices"].setdefault(name, []).append(value)
                if "checked" in attrs:
                    values = form["fields"].setdefault(name, [])
                    if isinstance(values, list):
                        values.append(value)
            else:
                form["fields"][name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select, self._select_first = name, None
            form["fields"].setdefault(name, [])
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None and value:
                self._select_first = value
            if "selected" in attrs:
                form["fields"][self._select].append(value)
        elif tag == "textarea" and name:
            self._textarea = name
            form["fields"][name] = ""

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select and self.forms:
            fields = self.forms[-1]["fields"]
            if not fields[self._select] and self._select_first is not None:
                fields[self._select] = [self._select_first]
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_fields(html: str, page_url: str, action: str | None = None) -> dict[str, str | list[str]] | None:
    """The fields of the POST form whose action is `action` (default: the page itself), or None if there is none."""
    parser = _Forms()
    parser.feed(html)
    wanted = urlsplit(action or page_url).path
    for form in parser.forms:
        target = urlsplit(form["action"]).path or urlsplit(page_url).path
        if form["method"] == "post" and target == wanted:
            fields = {}
            for name, value in form["fields"].items():
                if isinstance(value, list):
                    if value:
                        fields[name] = value if len(value) > 1 else value[0]
                else:
                    fields[name] = value
            return fields
    return None
