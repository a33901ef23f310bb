"""Every page in every locale's tree, so a reader under /es/ reaches all of the site and each page once.

Wagtail serves /es/... from the Spanish tree alone (the home page's Spanish translation and what lies below it).
A page nobody has translated yet is present there as an alias of its original: it shows the original's content,
kept in step whenever the original is published, until an editor converts the alias into an ordinary page and
translates it. simple_translation adds the aliases of pages created in the admin
(WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE); this module adds them for everything else: a locale added later (its
whole tree, as soon as it is saved) and pages created by code (the demo, imports: `manage.py sync_locale_trees`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page
from wagtail.signals import copy_for_translation_done

# Set while this module makes locales and aliases, so they do not each ask for a tree to be completed again.
_syncing: ContextVar[bool] = ContextVar("syncing_locale_trees", default=False)


def ensure_locales() -> list[Locale]:
    """A Wagtail locale for each language the site is written in (settings.WAGTAIL_CONTENT_LANGUAGES); the trees
    are completed by the caller."""
    token = _syncing.set(True)
    try:
        return [Locale.objects.get_or_create(language_code=code)[0]
                for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    finally:
        _syncing.reset(token)


def missing_in(locale: Locale):
    """The original pages (not aliases) with no page at all in `locale`, parents before children."""
    present = Page.objects.filter(locale=locale).values("translation_key")
    return (Page.objects.filter(depth__gt=1, alias_of__isnull=True).exclude(locale=locale)
            .exclude(translation_key__in=present).order_by("path"))


@transaction.atomic
def sync_locale_tree(locale: Locale) -> int:
    """Give `locale` an alias of every page it lacks; returns how many were made. Idempotent.

    A missing page whose whole subtree is missing too (a course and its lessons, say) is aliased in one recursive
    copy, which places the descendants itself rather than asking the tree for each one's position: about twice as
    fast for the demo's thousands of aliases. Anything else goes page by page, parents first."""
    made = 0
    token = _syncing.set(True)
    try:
        missing = list(missing_in(locale).values_list("pk", "path"))
        missing_paths = {path for _pk, path in missing}
        done_below = None  # the path of the subtree aliased last: its pages are made already
        for pk, path in missing:
            if done_below is not None and path.startswith(done_below):
                continue
            page = Page.objects.get(pk=pk).specific
            if page.has_translation(locale):  # made a moment ago as a parent of an earlier page
                continue
            subtree = Page.objects.filter(path__startswith=path).values_list("path", flat=True)
            parent = page.get_parent()
            if (parent.is_root() or parent.has_translation(locale)) and missing_paths.issuperset(subtree):
                made += _alias_subtree(page, parent, locale)
                done_below = path
            else:
                page.copy_for_translation(locale, copy_parents=True, alias=True)
                made += 1
    finally:
        _syncing.reset(token)
    return made


def _alias_subtree(page: Page, parent: Page, locale: Locale) -> int:
    """Alias `page` and everything below it into `locale` under its parent's page there, as Wagtail's copy for
    translation would one page at a time (same slug rules, each copy announced); returns how many were made."""
    if parent.is_root():  # a second home page: a sibling of the first, its slug marked with the language
        translated_parent, slug = parent, f"{page.slug}-{locale.language_code}"
    else:
        translated_parent, slug = parent.get_translation(locale), page.slug
    source = page if page.live else page.get_latest_revision_as_object()
    alias = source.create_alias(recursive=True, parent=translated_parent, update_locale=locale,
                                update_slug=find_available_slug(translated_parent, slug), reset_translation_key=False)
    made = Page.objects.filter(path__startswith=alias.path).select_related("alias_of").order_by("path")
    for copy in made:
        copy_for_translation_done.send(sender=CopyPageForTranslationAction, source_obj=copy.alias_of,
                                       target_obj=copy)
    return len(made)


def sync_locale_trees() -> dict[str, int]:
    """Every locale's tree complete: the number of aliases made in each."""
    return {locale.language_code: sync_locale_tree(locale) for locale in ensure_locales()}


def converted(alias: Page, user=None) -> Page:
    """An alias made an ordinary page of its own, as the admin's "convert to ordinary page" does."""
    return ConvertAliasPageAction(alias.specific, user=user).execute(skip_permission_checks=True)


def publish(page: Page, user=None) -> None:
    """Checked, then published through a revision, as an editor's "Publish" does (history, signals, search)."""
    page.full_clean()
    page.save_revision(user=user).publish(user=user)


def translate_alias(page: Page, write: Callable[[Page], object], user=None) -> Page | None:
    """`page` (a page in some locale) translated by code the way an editor translates it: the alias converted into
    an ordinary page, `write` putting the words in, and published. A page that is no longer an alias is an
    editor's translation and stays theirs: None."""
    if page.alias_of_id is None:
        return None
    page = converted(page, user)
    write(page)
    publish(page, user)
    return page


def _fill_a_new_locale(sender, instance: Locale, created: bool, raw: bool = False, **kwargs) -> None:
    """A locale added (in the admin's Locales settings, say) starts with the whole tree as aliases, so /es/ reaches
    everything from the start, and translating a page never meets a parent missing from its locale (which
    Wagtail's copy refuses)."""
    if created and not raw and not _syncing.get():
        transaction.on_commit(lambda: sync_locale_tree(instance))


post_save.connect(_fill_a_new_locale, sender=Locale, dispatch_uid="cms.locale_trees")
