"""The demo's content files are checked as they are read: bad input is refused with the file, the entry and the
field named, before anything is built."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from certificates.demo import content as certificates_content
from courses.demo import content as catalog_content
from lms.demo_content import DemoContentError
from mentoring.demo import content as mentoring_content


@pytest.fixture
def copy(tmp_path):
    """A writable copy of the catalog's content, and a helper to change one file's parsed document."""
    root = tmp_path / "content"
    shutil.copytree(catalog_content.CONTENT_DIR, root)

    def change(relative: str, edit) -> Path:
        path = root / relative
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        edit(document)
        path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return root, change


def test_the_shipped_content_of_every_package_reads_cleanly():
    catalog = catalog_content.read_content(catalog_content.CONTENT_DIR)
    assert len(catalog.offerings) >= 40 and len(catalog.events) >= 6
    assert {spec.language for spec in catalog.offerings} == {"en", "es", "fr", "pt"}
    assert certificates_content.read_content(certificates_content.CONTENT_DIR).site_default
    assert mentoring_content.read_content(mentoring_content.CONTENT_DIR).mentors


def test_an_unknown_field_is_named_with_its_file_and_entry(copy):
    root, change = copy
    path = change("en/offerings.yaml", lambda d: d["offerings"][1].update(titel="Typo"))
    with pytest.raises(DemoContentError) as refused:
        catalog_content.read_content(root)
    message = str(refused.value)
    assert str(path) in message and "offerings[1] (advanced-flow-analytics)" in message and "titel" in message


def test_a_missing_field_is_named(copy):
    root, change = copy
    change("en/concepts/flow-metrics.yaml", lambda d: d["concepts"][0].pop("definition"))
    with pytest.raises(DemoContentError, match=r"concepts\[0\] \(flow-velocity\): missing field\(s\) definition"):
        catalog_content.read_content(root)


def test_a_value_of_the_wrong_type_is_named(copy):
    root, change = copy
    change("en/events.yaml", lambda d: d["events"][0]["sessions"][0].update(start=600))
    with pytest.raises(DemoContentError, match=r"events\[0\] \(flow-forecasting-clinic\).*'start'.*HH:MM"):
        catalog_content.read_content(root)


def test_an_unknown_concept_or_account_is_refused(copy):
    root, change = copy
    change("es/offerings.yaml", lambda d: d["offerings"][0]["modules"][0]["concepts"].append("no-such-idea"))
    with pytest.raises(DemoContentError, match="no such concept: no-such-idea"):
        catalog_content.read_content(root)


def test_an_interest_in_an_unknown_topic_is_refused(copy):
    root, change = copy
    change("people.yaml", lambda d: d["accounts"][0].update(interests=["flow-metrics", "no-such-topic"]))
    with pytest.raises(DemoContentError, match=r"account 'learner', interests: no such topic: no-such-topic"):
        catalog_content.read_content(root)


def test_an_offering_not_on_the_shelf_is_refused(copy):
    root, change = copy
    change("catalog.yaml", lambda d: d["shelf"]["offerings"].pop())
    with pytest.raises(DemoContentError, match="not shelved"):
        catalog_content.read_content(root)


def test_a_language_field_conflicting_with_the_folder_is_refused(copy):
    root, change = copy
    change("fr/offerings.yaml", lambda d: d["offerings"][0].update(language="fr"))
    with pytest.raises(DemoContentError, match="the language comes from the folder"):
        catalog_content.read_content(root)


def test_broken_yaml_names_the_file(copy):
    root, _ = copy
    (root / "people.yaml").write_text("accounts: [unclosed\n", encoding="utf-8")
    with pytest.raises(DemoContentError, match="people.yaml: is not valid YAML"):
        catalog_content.read_content(root)


def test_an_offering_whose_picture_has_no_alt_text_in_its_language_is_refused(copy):
    root, change = copy
    change("fr/phrases.yaml", lambda d: d["phrases"]["image_alt"].pop("flow-metrics"))
    with pytest.raises(DemoContentError, match="no image_alt for topic 'flow-metrics'"):
        catalog_content.read_content(root)


def test_an_offering_whose_topic_has_no_picture_is_refused(copy):
    root, _ = copy
    (root / "images" / "posters" / "governance.png").unlink()
    with pytest.raises(DemoContentError, match="no picture governance.png"):
        catalog_content.read_content(root)


def _materials(document: dict) -> list[dict]:
    return next(event for event in document["events"] if event.get("materials"))["materials"]


def test_a_material_with_both_a_link_and_a_document_is_refused(copy):
    root, change = copy
    change("en/events.yaml", lambda d: _materials(d)[0].update(link="https://example.org/slides"))
    with pytest.raises(DemoContentError, match="give a link or a document"):
        catalog_content.read_content(root)


def test_a_material_whose_document_is_missing_is_refused(copy):
    root, _ = copy
    (root / "en" / "documents" / "delivery-metrics-review-summary.html").unlink()
    with pytest.raises(DemoContentError, match="no document 'delivery-metrics-review-summary.html'"):
        catalog_content.read_content(root)


def test_translations_are_read_for_each_language():
    catalog = catalog_content.read_content(catalog_content.CONTENT_DIR)
    translated = {language: {item.key for item in t.offerings} for language, t in catalog.translations.items()}
    assert len(translated["es"]) >= 2 and translated["fr"] and translated["pt"]
    assert {item.key for item in catalog.translations["es"].events}
    kits = catalog_content.translated_kits(catalog, "es")
    english = catalog.kits["en"]["lean-portfolio"]
    assert [concept.key for concept in kits["lean-portfolio"]] == [concept.key for concept in english]


def test_a_translation_missing_a_concept_its_quizzes_draw_on_is_refused(copy):
    """A quiz's wrong answers come from the whole kit: without every concept translated, the translation could not
    ask (and grade) the same questions as its original."""
    root, change = copy
    change("es/translations.yaml", lambda d: d.update(concepts=[c for c in d["concepts"] if c["key"] != "wsjf"]))
    with pytest.raises(DemoContentError, match=r"offering 'lpm-foundations'.*no such translated concept.*wsjf"):
        catalog_content.read_content(root)


def test_a_translation_with_the_wrong_number_of_modules_or_an_unknown_key_is_refused(copy):
    root, change = copy
    change("fr/translations.yaml", lambda d: d["offerings"][0]["modules"].pop())
    with pytest.raises(DemoContentError, match=r"welcome-to-the-association.*give the 2 modules' titles"):
        catalog_content.read_content(root)
    change("fr/translations.yaml", lambda d: d["offerings"][0].update(key="no-such-course"))
    with pytest.raises(DemoContentError, match="'no-such-course': no such offering"):
        catalog_content.read_content(root)


def test_a_translation_of_an_offering_not_written_in_english_is_refused(copy):
    root, change = copy
    change("pt/translations.yaml", lambda d: d["offerings"][0].update(key="mapeo-flujo-valor"))
    with pytest.raises(DemoContentError, match="translations are made from English"):
        catalog_content.read_content(root)


def test_an_unknown_field_in_a_translation_is_refused(copy):
    root, change = copy
    change("es/translations.yaml", lambda d: d["concepts"][0].update(definicion="typo"))
    where = r"translations.yaml, field 'concepts'\[0\] \(community-of-practice\)"
    with pytest.raises(DemoContentError, match=where + r": unknown field\(s\) definicion"):
        catalog_content.read_content(root)
