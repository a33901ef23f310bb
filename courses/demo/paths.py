"""The demo's learning paths: written in `content/en/paths.yaml` (steps named by the offerings' and events' keys),
their words in the other languages in `content/<language>/paths.yaml`; built as an editor writes and publishes
them, then translated the way the offerings are (the alias converted, written and published)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import slugify
from wagtail.models import Locale, Page

from cms.locale_trees import sync_locale_trees, translate_alias
from lms.demo_content import build, entries, language_dirs, read_yaml, refuse

from ..models import LearningPathPage

ORIGINAL_LANGUAGE = "en"


@dataclass(frozen=True)
class PathStepSpec:
    offering: str  # an offering's or event's key
    needs: tuple[str, ...] = ()  # keys of other steps' offerings


@dataclass(frozen=True)
class PathSpec:
    key: str
    title: str
    summary: str
    steps: tuple[PathStepSpec, ...]
    ordered: bool = True
    topic: str = ""  # whose illustration the path shows


@dataclass(frozen=True)
class PathWords:
    """A path's words in another language, named by its key."""

    key: str
    title: str
    summary: str
    image_alt: str = ""  # for a language whose phrases.yaml has no illustrations' words


def read_paths(content_dir: Path) -> tuple[list[PathSpec], dict[str, list[PathWords]]]:
    specs: list[PathSpec] = []
    words: dict[str, list[PathWords]] = {}
    for language, folder in language_dirs(content_dir):
        file = folder / "paths.yaml"
        if not file.exists():
            continue
        document = read_yaml(file)
        if language == ORIGINAL_LANGUAGE:
            specs += [build(PathSpec, entry, where) for where, entry in entries(file, document, "paths")]
        else:
            words[language] = [build(PathWords, entry, where)
                               for where, entry in entries(file, document, "translations")]
    keys = {spec.key for spec in specs}
    for language, items in words.items():
        for item in items:
            if item.key not in keys:
                refuse(f"{content_dir / language / 'paths.yaml'}: {item.key}", "no such path in en/paths.yaml.")
    return specs, words


def build_paths(builder, pages: dict[str, Page]) -> list[LearningPathPage]:
    """Every demo path under the catalog, published, then translated; `pages` are the offerings and events by key."""
    specs, words = read_paths(builder.data.content_dir)
    built: dict[str, LearningPathPage] = {}
    for spec in specs:
        stream = []
        for step in spec.steps:
            for key in (step.offering, *step.needs):
                if key not in pages:
                    refuse(f"en/paths.yaml: {spec.key}", f"no offering or event with the key {key!r}.")
            stream.append({"type": "step", "id": str(uuid.uuid4()), "value": {
                "offering": pages[step.offering].pk, "requires": [pages[key].pk for key in step.needs]}})
        page = LearningPathPage(title=spec.title, slug=slugify(spec.key), summary=spec.summary, ordered=spec.ordered,
                                steps=stream, **builder.picture_fields(ORIGINAL_LANGUAGE, (spec.topic,)))
        page.full_clean(exclude=["path", "depth"])  # the editor's checks (prerequisites, originals); not yet placed
        from .build import publish_new_page  # the builder's module imports this one

        built[spec.key] = publish_new_page(builder.catalog, page, builder.publisher, builder.publisher)
        builder.on_step(f"The learning path {spec.title}")
    sync_locale_trees()  # the paths' aliases in every language's tree
    by_key = {spec.key: spec for spec in specs}
    for language, items in words.items():
        locale = Locale.objects.get(language_code=language)
        for item in items:
            def write(page, item=item, topic=by_key[item.key].topic, language=language):
                page.title, page.summary = item.title, item.summary
                if item.image_alt:
                    page.image_alt_text = item.image_alt
                elif language in builder.data.text:
                    page.image_alt_text = builder.picture_alt(language, (topic,), page.image_alt_text)

            translate_alias(built[item.key].get_translation(locale).specific, write, builder.publisher)
    return list(built.values())
