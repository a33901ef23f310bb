"""Translated topics and partners, and the catalog, partner page and search read in the reader's language: each
offering once per locale, words from the translation when there is one, operations on the originals."""

import re

import pytest
from django.db import IntegrityError, transaction

from cms.locale_trees import sync_locale_trees
from cms.models import Partner, Topic
from cms.translated_snippets import original_of
from courses.models import CoursePage
from search.documents import documents_for, live_offerings
from search.engines.database import DatabaseCatalogEngine
from tests import factories
from tests.translating import translate, translate_snippet

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(settings):
    settings.ELASTICSEARCH_URL = ""
    flow = factories.TopicFactory(name="Flow", slug="flow")
    partner = factories.PartnerFactory(name="Flow Institute", slug="flow-institute")
    course = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1)
    other = factories.build_offering(title="Value Stream Mapping", modules=1, lessons_per_module=1)
    for offering in (course, other):
        offering.topics.add(flow)
        offering.co_hosts.add(partner)
        offering.save_revision().publish()
    sync_locale_trees()
    return course, other, flow, partner


def test_a_translated_topic_is_a_row_of_its_own_and_relations_stay_on_the_original(catalog):
    course, _other, flow, _partner = catalog
    flujo = translate_snippet(flow, "es", name="Flujo", slug="flujo")
    assert flujo.translation_key == flow.translation_key and flujo.pk != flow.pk
    assert original_of(flujo) == flow and original_of(flow) == flow
    assert list(course.topics.all()) == [flow]
    # Names are unique per language: another English "Flow" is refused, a Spanish one is the translation.
    with pytest.raises(IntegrityError), transaction.atomic():
        Topic.objects.create(name="Flow", slug="flow-2", locale=flow.locale)


def test_the_spanish_catalog_lists_each_offering_once_with_translated_words(client, catalog):
    course, _other, flow, partner = catalog
    translate_snippet(flow, "es", name="Flujo", slug="flujo")
    translate_snippet(partner, "es", name="Instituto del Flujo", slug="instituto-del-flujo")
    alias = CoursePage.objects.get(translation_key=course.translation_key, locale__language_code="es")
    translate(alias, "es", title="Fundamentos de métricas de flujo", summary="Un resumen.", language="es")
    html = client.get(f"/es{course.get_parent().url}").content.decode()
    assert "Fundamentos de métricas de flujo" in html and "Flow Metrics Fundamentals" not in html
    assert len(re.findall(r">\s*Value Stream Mapping\s*<", html)) == 1
    assert "Temas: Flujo" in html and "Instituto del Flujo" in html
    # The alias is the original's English text: its language is marked; the translation's is the reader's.
    assert html.count("badge-other-language") == 1
    assert '<option value="flow"' in html and ">Flujo</option>" in html  # filter value: the original's slug
    filtered = client.get(f"/es{course.get_parent().url}?topic=flow").content.decode()
    assert "Fundamentos de métricas de flujo" in filtered and "Value Stream Mapping" in filtered


def test_the_partner_page_lists_each_offering_once_in_the_reader_language(client, catalog):
    course, _other, _flow, partner = catalog
    translate_snippet(partner, "es", name="Instituto del Flujo", slug="instituto-del-flujo")
    alias = CoursePage.objects.get(translation_key=course.translation_key, locale__language_code="es")
    translate(alias, "es", title="Fundamentos de métricas de flujo", summary="Un resumen.", language="es")
    for slug in ("flow-institute", "instituto-del-flujo"):
        html = client.get(f"/es/partners/{slug}/").content.decode()
        assert "<h1>Instituto del Flujo</h1>" in html
        assert html.count("Fundamentos de métricas de flujo") == 1
        assert len(re.findall(r">\s*Value Stream Mapping\s*<", html)) == 1
        assert "Flow Metrics Fundamentals" not in html
    english = client.get("/partners/flow-institute/").content.decode()
    assert "<h1>Flow Institute</h1>" in english and english.count(">Flow Metrics Fundamentals<") == 1
    assert client.get("/es/partners/nobody/").status_code == 404
    assert Partner.objects.filter(slug="flow-institute").count() == 1


def test_search_from_es_reads_the_spanish_tree_with_spanish_stemming(client, catalog):
    course, _other, _flow, _partner = catalog
    alias = CoursePage.objects.get(translation_key=course.translation_key, locale__language_code="es")
    spanish = translate(alias, "es", title="Fundamentos de métricas de flujo", summary="Un resumen.", language="es")
    DatabaseCatalogEngine().rebuild(documents_for(live_offerings()))
    for text in ("métricas de flujo", "metricas", "métrica"):
        html = client.get("/es/search/", {"q": text}).content.decode()
        assert html.count("Fundamentos de métricas de flujo") == 1, text
        assert "Flow Metrics Fundamentals" not in html
    # An alias still shows, and is found by, the original's English words; once, from /es/.
    html = client.get("/es/search/", {"q": "mapping"}).content.decode()
    assert len(re.findall(r">\s*Value Stream Mapping\s*<", html)) == 1
    english = client.get("/search/", {"q": "metrics"}).content.decode()
    assert english.count(">Flow Metrics Fundamentals<") == 1 and "Fundamentos" not in english
    assert spanish.pk != course.pk
