"""The catalog search contract: the same behaviour from every engine, on the fixed catalog of conftest.py."""

from __future__ import annotations

from decimal import Decimal

import pytest

from search.catalog import SORTS, SearchAnswer
from search.facets import FACET_NAMES
from tests.contract.support import LIVE_KEYS, MEMBER_ONLY_KEYS, found

pytestmark = pytest.mark.django_db


def counts(answer: SearchAnswer, facet: str) -> dict[str, int]:
    return {c.value: c.count for c in answer.facets[facet]}


def everything(engine, catalog, viewer=None, **fields) -> SearchAnswer:
    return engine.search(catalog.query(viewer, page_size=100, **fields))


# ----------------------------------------------------------------------------------------------------- ranking


def test_a_title_match_ranks_above_a_body_match(engine, catalog):
    answer = engine.search(catalog.query(text="kanban"))
    keys = found(catalog, answer)
    assert "flow_fundamentals" in keys  # "kanban boards" is only in its overview
    assert keys.index("kanban_basics") < keys.index("flow_fundamentals")
    assert keys.index("retro_workshop") < keys.index("flow_fundamentals")
    assert answer.hits[0].score >= answer.hits[-1].score


def test_every_word_must_match_somewhere(engine, catalog):
    keys = found(catalog, engine.search(catalog.query(text="flow metrics live")))
    assert keys == ["flow_live"]


def test_matches_show_an_escaped_excerpt_with_marks(engine, catalog):
    answer = engine.search(catalog.query(text="boards"))
    assert found(catalog, answer) == ["flow_fundamentals"]
    assert "<mark>boards</mark>" in answer.hits[0].highlight


# ------------------------------------------------------------------------------------------------------- typos


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("ethcis", {"integrity", "etica", "etica_live"}), ("kanbna", {"kanban_basics", "retro_workshop"})],
)
def test_typos_still_find_what_was_meant(engine, catalog, typed, expected):
    keys = set(found(catalog, engine.search(catalog.query(text=typed))))
    assert expected <= keys
    assert "masterclass" not in keys and "conflicts" not in keys  # typos never widen what a viewer may see


def test_a_typo_is_corrected_to_the_catalogs_word_and_says_so(engine, catalog):
    answer = engine.search(catalog.query(text="ethcis"))
    assert answer.corrected_text == "ethics"
    assert engine.search(catalog.query(text="Kanbna basics")).corrected_text == "kanban basics"
    known = engine.search(catalog.query(text="kanban basics"))
    assert known.corrected_text == "" and "kanban_basics" in found(catalog, known)
    nowhere = engine.search(catalog.query(text="zzyzx"))  # nothing near enough: nothing corrected, nothing found
    assert nowhere.corrected_text == "" and nowhere.total == 0


def test_accents_do_not_matter(engine, catalog):
    assert "etica" in found(catalog, engine.search(catalog.query(text="etica investigacion")))
    assert found(catalog, engine.search(catalog.query(text="GESTION"))) == ["gestion"]
    # And the other way round: accents typed where the title has none, or where it has them too.
    assert "etica" in found(catalog, engine.search(catalog.query(text="Ética investigación")))
    assert found(catalog, engine.search(catalog.query(text="géstión"))) == ["gestion"]


@pytest.mark.parametrize("text", ['"kanban', "kanban:", "(kanban", "kanban*", "kanban\\", "'kanban'", "kanban (",
                                  '"\\:(*', "-kanban", "~", "kanban~ /", 'kanban:) ""', "[kanban]{}^!"])
def test_query_syntax_characters_are_plain_text(engine, catalog, text):
    answer = engine.search(catalog.query(text=text))
    assert answer.total == len(answer.hits)
    if "kanban" in text:
        assert "kanban_basics" in found(catalog, answer)


# ------------------------------------------------------------------------------------------------------ access


def test_a_non_member_never_sees_nor_counts_member_only_offerings(engine, catalog):
    answer = everything(engine, catalog)
    assert set(found(catalog, answer)) == set(LIVE_KEYS) - set(MEMBER_ONLY_KEYS)
    assert answer.total == len(LIVE_KEYS) - len(MEMBER_ONLY_KEYS)
    assert "member_only" not in counts(answer, "access_level")
    assert counts(answer, "format")["ethics_module"] == 2
    kanban = engine.search(catalog.query(text="kanban masterclass"))
    assert kanban.total == 0 and kanban.hits == []
    # Asking for member-only outright still shows nothing.
    assert everything(engine, catalog, filters={"access_level": ("member_only",)}).total == 0


def test_a_member_sees_and_counts_member_only_offerings(engine, catalog):
    answer = everything(engine, catalog, catalog.member)
    assert set(found(catalog, answer)) == set(LIVE_KEYS)
    assert counts(answer, "access_level")["member_only"] == 2
    assert counts(answer, "format")["ethics_module"] == 3
    assert found(catalog, engine.search(catalog.query(catalog.member, text="kanban masterclass"))) == ["masterclass"]


def test_member_first_offerings_show_to_everyone(engine, catalog):
    assert "leading" in found(catalog, engine.search(catalog.query(text="leading value streams")))


def test_drafts_never_appear(engine, catalog):
    assert "draft" not in {catalog.key_of(h.page_id) for h in everything(engine, catalog, catalog.member).hits}
    assert engine.search(catalog.query(catalog.member, text="unpublished draft")).total == 0


# ------------------------------------------------------------------------------------------------------ facets


def test_facet_counts_without_selections(engine, catalog):
    answer = everything(engine, catalog)
    assert set(answer.facets) == set(FACET_NAMES)
    assert counts(answer, "format") == {"course": 4, "ethics_module": 2, "webinar": 2, "workshop": 2}
    assert counts(answer, "topic") == {"ethics": 3, "kanban": 2, "flow": 4, "leadership": 1}
    assert counts(answer, "language") == {"en": 6, "es": 3, "fr": 1}
    assert counts(answer, "partner") == {"acme": 2, "lean": 3}
    assert counts(answer, "programme_year") == {"2024": 1, "2025": 2, "2026": 7}
    assert counts(answer, "level") == {"introductory": 8, "intermediate": 1, "advanced": 1}
    assert counts(answer, "when") == {"this_week": 1, "this_month": 2, "later": 1, "past": 1}
    assert not any(c.selected for values in answer.facets.values() for c in values)


def test_a_facets_own_selection_does_not_change_its_counts(engine, catalog):
    answer = everything(engine, catalog, filters={"format": ("webinar",)})
    assert set(found(catalog, answer)) == {"flow_live", "etica_live"}
    assert answer.total == 2
    # Format still counts every format (as if nothing were picked in it), the picked one marked.
    assert counts(answer, "format") == {"course": 4, "ethics_module": 2, "webinar": 2, "workshop": 2}
    assert [c.value for c in answer.facets["format"] if c.selected] == ["webinar"]
    # Every other facet counts only webinars.
    assert counts(answer, "topic") == {"flow": 1, "ethics": 1}
    assert counts(answer, "language") == {"en": 1, "es": 1}


def test_selections_in_two_facets_narrow_each_others_counts(engine, catalog):
    answer = everything(engine, catalog, filters={"format": ("webinar", "workshop"), "topic": ("flow",)})
    assert set(found(catalog, answer)) == {"flow_live", "mapping_workshop"}
    assert counts(answer, "format") == {"course": 2, "webinar": 1, "workshop": 1}  # among flow offerings
    assert counts(answer, "topic") == {"flow": 2, "ethics": 1, "kanban": 1}  # among webinars and workshops
    assert counts(answer, "partner") == {"acme": 1, "lean": 1}


def test_narrowing_by_spanish_and_upcoming(engine, catalog):
    answer = everything(engine, catalog, text="ethcis",
                        filters={"language": ("es",), "when": ("this_week", "this_month", "later")})
    assert found(catalog, answer) == ["etica_live"]
    assert counts(answer, "language") == {"es": 1}  # among upcoming ethics offerings
    assert counts(answer, "when") == {"this_week": 0, "this_month": 1, "later": 0}  # picked values show at zero


def test_a_selected_value_with_no_matches_still_shows_at_zero(engine, catalog):
    answer = everything(engine, catalog, filters={"topic": ("leadership",), "language": ("fr",)})
    assert answer.total == 0 and answer.hits == []
    assert {c.value: (c.count, c.selected) for c in answer.facets["language"]}["fr"] == (0, True)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("this_week", {"flow_live"}),
        ("this_month", {"flow_live", "etica_live"}),
        ("later", {"mapping_workshop"}),
        ("past", {"retro_workshop"}),
    ],
)
def test_when_buckets(engine, catalog, when, expected):
    answer = everything(engine, catalog, filters={"when": (when,)})
    assert set(found(catalog, answer)) == expected
    assert counts(answer, "when") == {"this_week": 1, "this_month": 2, "later": 1, "past": 1}


def test_cpd_range(engine, catalog):
    answer = everything(engine, catalog, cpd_min=Decimal("2"), cpd_max=Decimal("5"))
    assert set(found(catalog, answer)) == {"kanban_basics", "etica", "gestion", "mapping_workshop", "retro_workshop"}
    assert sum(counts(answer, "format").values()) == answer.total
    assert set(found(catalog, everything(engine, catalog, cpd_min=Decimal("6")))) == {"flow_fundamentals", "leading"}


# -------------------------------------------------------------------------------------------- pages and sorting


def test_pages_do_not_overlap_and_cover_everything(engine, catalog):
    pages = [engine.search(catalog.query(page=n, page_size=4, sort=sort)) for sort in ("relevance", "title")
             for n in (1, 2, 3)]
    for first in (0, 3):
        seen = [hit.page_id for answer in pages[first:first + 3] for hit in answer.hits]
        assert len(seen) == len(set(seen)) == 10
        assert {answer.total for answer in pages[first:first + 3]} == {10}
    past_the_end = engine.search(catalog.query(page=50, page_size=4))
    assert past_the_end.hits == [] and past_the_end.total == 10


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("text", ["", "flow"])
def test_every_sort_pages_to_the_last_page(engine, catalog, sort, text):
    whole = everything(engine, catalog, text=text, sort=sort)
    size = 3
    last = -(-whole.total // size)
    pages = [engine.search(catalog.query(text=text, sort=sort, page=n, page_size=size)) for n in range(1, last + 1)]
    assert [hit.page_id for answer in pages for hit in answer.hits] == [hit.page_id for hit in whole.hits]
    assert {answer.total for answer in pages} == {whole.total}
    assert all(len(answer.hits) == size for answer in pages[:-1])
    assert 1 <= len(pages[-1].hits) == whole.total - size * (last - 1)
    assert engine.search(catalog.query(text=text, sort=sort, page=last + 1, page_size=size)).hits == []


def test_sort_by_title(engine, catalog):
    answer = everything(engine, catalog, sort="title")
    titles = [catalog.pages[key].title for key in found(catalog, answer)]
    assert titles[0] == "Atelier de cartographie des flux"
    assert titles == sorted(titles, key=lambda t: t.replace("É", "E").casefold())


def test_sort_by_soonest_upcoming(engine, catalog):
    keys = found(catalog, everything(engine, catalog, sort="soonest"))
    assert keys[:3] == ["flow_live", "etica_live", "mapping_workshop"]
    assert len(keys) == 10  # offerings with nothing upcoming follow


def test_sort_by_newest(engine, catalog):
    keys = found(catalog, everything(engine, catalog, sort="newest"))
    published = {key: catalog.pages[key].first_published_at for key in keys}
    assert keys == sorted(keys, key=lambda key: published[key], reverse=True)
    assert keys[0] == "retro_workshop"  # published last


# -------------------------------------------------------------------------------------------------- autocomplete


def test_autocomplete_suggests_titles_per_format(engine, catalog):
    suggestions = engine.autocomplete("kan", ["public", "member_first", "member_enhanced"])
    assert {(s.title, s.format) for s in suggestions} == {
        ("Kanban Basics", "course"), ("Kanban Retrospective Workshop", "workshop")}
    member = engine.autocomplete("kan", ["public", "member_first", "member_enhanced", "member_only"])
    assert ("Members Masterclass: Kanban at Scale", "course") in {(s.title, s.format) for s in member}


def test_autocomplete_limits_each_format(engine, catalog):
    everyone = ["public", "member_first", "member_enhanced", "member_only"]
    three = [(s.format, s.title) for s in engine.autocomplete("kan", everyone, per_format=3)]
    assert sorted(three) == [("course", "Kanban Basics"), ("course", "Members Masterclass: Kanban at Scale"),
                             ("workshop", "Kanban Retrospective Workshop")]
    one = [s.format for s in engine.autocomplete("kan", everyone, per_format=1)]
    assert sorted(one) == ["course", "workshop"]
    assert engine.autocomplete("zzz", everyone) == []
