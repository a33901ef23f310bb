"""Admin and serving hooks: instructors are named on what they create; members-only documents stay so."""

from django.template.response import TemplateResponse
from wagtail import hooks
from wagtail.models import Collection

from lms.access import is_member, sees_everything
from lms.roles import is_restricted_instructor

from .catalog_setup import MEMBERS_ONLY_COLLECTION
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


@hooks.register("before_serve_document")
def keep_members_only_documents_for_members(document, request):
    """A members-only block hides its link; this keeps the file itself from anyone who has the address."""
    members_only = Collection.objects.filter(name=MEMBERS_ONLY_COLLECTION).first()
    filed_there = members_only is not None and (
        document.collection_id == members_only.pk or document.collection.is_descendant_of(members_only)
    )
    if not filed_there or is_member(request.user) or sees_everything(request.user):
        return None
    return TemplateResponse(request, "courses/members_only_document.html", {"document": document}, status=403)
