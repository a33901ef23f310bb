"""The catalog's place in the page tree, who may author in it, and the review workflow publishing goes through."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupApprovalTask, GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from cms.site_setup import ensure_home_page
from lms.roles import INSTRUCTOR, PARTNER_HOST, STAFF, ensure_role_groups

from ..models import CatalogIndexPage
from ..models.catalog import CATALOG_INTRO, CATALOG_TITLE

STAFF_REVIEW_WORKFLOW = "Staff review"
# Documents filed here (or below) download only for members: slides and handouts behind members-only blocks.
MEMBERS_ONLY_COLLECTION = "Members only"

PAGE_PERMISSIONS = {
    # Instructors add and edit (their own) offerings but cannot publish: that goes through staff review.
    INSTRUCTOR: ["add_page", "change_page"],
    # Partner hosts propose edits to the events their partner co-hosts (the tester narrows it); staff publish.
    PARTNER_HOST: ["change_page"],
    STAFF: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
}


def ensure_catalog(**kwargs) -> CatalogIndexPage:
    """Create the catalog index, grant page permissions and attach the staff review workflow (idempotent)."""
    ensure_role_groups()
    home = ensure_home_page()
    catalog = CatalogIndexPage.objects.filter(locale=home.locale).first()
    if catalog is None:
        catalog = home.add_child(
            instance=CatalogIndexPage(
                title=CATALOG_TITLE, slug="catalog", intro=CATALOG_INTRO,
            )
        )
    # The same rights and review in every locale's tree (cms/locale_trees.py), where translations are made.
    for group_name, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=group_name)
        target = home if group_name == STAFF else catalog
        for page in target.get_translations(inclusive=True):
            for codename in codenames:
                permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
                GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    for page in catalog.get_translations(inclusive=True):
        ensure_staff_review_workflow(page)
    ensure_members_only_collection()
    return catalog


def ensure_members_only_collection() -> Collection:
    existing = Collection.objects.filter(name=MEMBERS_ONLY_COLLECTION).first()
    return existing or Collection.get_first_root_node().add_child(name=MEMBERS_ONLY_COLLECTION)


def ensure_staff_review_workflow(catalog: CatalogIndexPage) -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(name=STAFF_REVIEW_WORKFLOW, defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name="Staff approval")
        task.groups.set([Group.objects.get(name=STAFF)])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=catalog, defaults={"workflow": workflow})
    return workflow
