"""The text both engines index: words stay apart where block elements meet, and only where they meet."""

from __future__ import annotations

import uuid

import pytest

from search.documents import documents_for, plain_text
from search.engines.database import words
from tests import factories
from tests.search.lean import LEAN


@pytest.mark.parametrize(("markup", "text"), [
    ("<p>a persona trial.</p><p>Capacity energy</p>", "a persona trial. Capacity energy"),
    ("<h2>Planning</h2><p>Intro</p>", "Planning Intro"),
    ("<ul><li>alpha</li><li>beta</li></ul><ol><li>gamma</li></ol>", "alpha beta gamma"),
    ("<table><tr><th>Week</th><th>Topic</th></tr><tr><td>one</td><td>two</td></tr></table>", "Week Topic one two"),
    ("<blockquote>quoted</blockquote>after<br>line<br/>break", "quoted after line break"),
    ("<div><div>nested</div></div><div>blocks</div>", "nested blocks"),
])
def test_block_elements_keep_words_apart(markup, text):
    assert plain_text(markup) == text


def test_inline_elements_and_entities_stay_inside_words():
    markup = '<p><b>Kan</b>ban <a href="/x">boards</a>&nbsp;&amp; <i>WIP</i>&lt;3</p>'
    assert plain_text(markup) == "Kanban boards & WIP<3"
    assert plain_text("<p>shown</p><script>hidden()</script><style>p {}</style>") == "shown"
    assert plain_text("") == ""


@pytest.mark.django_db
def test_an_overviews_paragraphs_lists_and_headings_are_separate_words_in_the_document():
    def rich(markup: str) -> dict:
        return {"type": "rich_text", "id": str(uuid.uuid4()), "value": markup}

    overview = [
        rich("<h2>Planning</h2><p>Run a persona trial.</p><p>Capacity matters.</p>"),
        rich("<ul><li>Forecast</li><li>Throughput</li></ul>"),
        {"type": "callout", "id": str(uuid.uuid4()),
         "value": {"kind": "tip", "title": "Hint", "text": "<p>Limit work.</p><p>Finish first.</p>"}},
    ]
    offering = factories.build_offering(title="Flow Planning", overview=overview, **LEAN)
    (document,) = documents_for([offering])
    for joined in ("Planning Run", "trial. Capacity", "matters. Forecast", "Forecast Throughput", "work. Finish"):
        assert joined in document.body
    assert {"trial", "capacity", "forecast", "throughput", "finish"} <= set(words(document.body))
    assert "trial.Capacity" not in document.body and "ForecastThroughput" not in document.body
