"""Admin behaviour for authoring: an instructor who creates an offering is named on it."""

from wagtail import hooks

from lms.roles import is_restricted_instructor

from .models import CatalogIndexPage, Offering


@hooks.register("after_create_page")
def name_creating_instructor(request, page):
    """Name the instructor on what they create, so they can go on editing it (staff name instructors themselves)."""
    if isinstance(page.specific, Offering) and is_restricted_instructor(request.user):
        offering = page.specific
        offering.instructors.add(request.user)
        offering.save()
        offering.save_revision(user=request.user, log_action=False)


@hooks.register("construct_explorer_page_queryset")
def show_instructors_their_own_offerings(parent_page, pages, request):
    """Instructors browsing the catalog in the admin see the offerings they teach, not everyone's drafts."""
    if is_restricted_instructor(request.user) and parent_page.specific_class is CatalogIndexPage:
        return pages.filter(pk__in=Offering.objects.filter(instructors=request.user).values("pk"))
    return pages
