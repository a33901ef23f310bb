"""Admin behaviour for authoring: an instructor who creates an offering is named on it."""

from wagtail import hooks

from lms.roles import INSTRUCTOR, STAFF

from .models import CatalogIndexPage, Offering


@hooks.register("after_create_page")
def name_creating_instructor(request, page):
    if isinstance(page.specific, Offering) and request.user.groups.filter(name=INSTRUCTOR).exists():
        offering = page.specific
        offering.instructors.add(request.user)
        offering.save()
        offering.save_revision(user=request.user, log_action=False)


@hooks.register("construct_explorer_page_queryset")
def show_instructors_their_own_offerings(parent_page, pages, request):
    """Instructors browsing the catalog in the admin see the offerings they teach, not everyone's drafts."""
    user = request.user
    if user.is_superuser or user.groups.filter(name=STAFF).exists():
        return pages
    if not user.groups.filter(name=INSTRUCTOR).exists():
        return pages
    if parent_page.specific_class is CatalogIndexPage:
        return pages.filter(pk__in=Offering.objects.filter(instructors=user).values("pk"))
    return pages
