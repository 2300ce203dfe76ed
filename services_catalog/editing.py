"""Who edits the catalogue and how changes get published (R-CAT-6).

Editors (role group "Biên tập viên") draft procedure pages and submit them; a reviewer of the same
agency (group "Người duyệt thủ tục hành chính") approves, which publishes. Page permissions are
granted on the catalogue page, so they apply to every procedure under it.
"""

from django.contrib.auth.models import Group, Permission

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from portal.accounts.roles import ROLE_GROUP_NAMES, Role
from services_catalog.models import AgencyApprovalTask

REVIEWER_GROUP_NAME = "Người duyệt thủ tục hành chính"
WORKFLOW_NAME = "Duyệt thủ tục hành chính"
TASK_NAME = "Người duyệt của cơ quan phê duyệt và xuất bản"

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
REVIEWER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")


def _grant_page_permissions(group: Group, page: Page, codenames: tuple[str, ...]) -> None:
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=codenames
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def catalogue_editing_setup(*, index_page: Page) -> Workflow:
    """Grant page permissions on the catalogue and attach the moderation workflow (idempotent)."""
    editors = Group.objects.get(name=ROLE_GROUP_NAMES[Role.EDITOR])
    reviewers, _ = Group.objects.get_or_create(name=REVIEWER_GROUP_NAME)
    _grant_page_permissions(editors, index_page, EDITOR_PAGE_PERMISSIONS)
    _grant_page_permissions(reviewers, index_page, REVIEWER_PAGE_PERMISSIONS)

    # Form templates (mẫu đơn, tờ khai) are Wagtail documents: editors upload and choose them.
    root_collection = Collection.get_first_root_node()
    for permission in Permission.objects.filter(
        content_type__app_label="wagtaildocs", codename__in=DOCUMENT_PERMISSIONS
    ):
        for group in (editors, reviewers):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = AgencyApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = AgencyApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(reviewers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": workflow})
    return workflow
