"""When what every page is served from changed: the generations (`lms.generations`) the route and shell caches of
cms/page_routing.py are keyed by, renewed by signals on every write that could change what they hold.

Every page's fixed cost (the Site for the host, the locale's home page, which pages are restricted, the footer's
pages, the site identity, who may see the admin link) is read once per generation and kept in the Django cache
(Redis in production) rather than queried on every request.

Two generations, so a page published does not forget who may use the admin and a group changed does not forget the
page tree: `STRUCTURE` (pages, view restrictions, sites, locales, site identity) and `ADMIN_ACCESS` (users' groups
and permissions, groups' permissions; a user's own active and superuser flags are in the key itself).
"""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from lms import generations

STRUCTURE = "cms:site-structure:generation"
ADMIN_ACCESS = "cms:admin-access:generation"


def _structure_changed(sender=None, **kwargs) -> None:
    generations.renew(STRUCTURE)


def _page_row_changed(sender, **kwargs) -> None:
    if issubclass(sender, Page):
        generations.renew(STRUCTURE)


def _site_identity_changed(sender, created: bool = False, **kwargs) -> None:
    """A site's identity row is made by the first read of it (`SiteIdentity.for_site`, inside the shell's own read),
    so its making changes nothing a cached shell shows; its edits and its removal do."""
    from cms.models import SiteIdentity

    if issubclass(sender, SiteIdentity) and not created:
        generations.renew(STRUCTURE)


def _admin_access_changed(sender=None, **kwargs) -> None:
    generations.renew(ADMIN_ACCESS)


def connect() -> None:
    """Called once from CmsConfig.ready()."""
    from django.contrib.auth import get_user_model

    uid = "cms.site_structure"
    # Any page type: post_save is sent with the concrete class, so receive from all and keep pages.
    post_save.connect(_page_row_changed, dispatch_uid=f"{uid}.page_saved")
    post_delete.connect(_page_row_changed, dispatch_uid=f"{uid}.page_deleted")
    page_published.connect(_structure_changed, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(_structure_changed, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(_structure_changed, dispatch_uid=f"{uid}.moved")
    for model in (PageViewRestriction, Site, Locale):
        post_save.connect(_structure_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}.saved")
        post_delete.connect(_structure_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}.deleted")
    m2m_changed.connect(
        _structure_changed, sender=PageViewRestriction.groups.through, dispatch_uid=f"{uid}.restriction_groups"
    )
    post_save.connect(_site_identity_changed, dispatch_uid=f"{uid}.identity_saved")
    post_delete.connect(_site_identity_changed, dispatch_uid=f"{uid}.identity_deleted")

    user_model = get_user_model()
    post_delete.connect(_admin_access_changed, sender=user_model, dispatch_uid=f"{uid}.user_deleted")
    for through in (user_model.groups.through, user_model.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(_admin_access_changed, sender=through, dispatch_uid=f"{uid}.{through.__name__}")
    for model in (Group, Permission):
        post_delete.connect(_admin_access_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}.deleted")
