"""One refusal page for every admin section (events, certificates, mentoring rounds)."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def admin_refusal(request, message: str, *, back_url: str, back_label: str, status: int = 403) -> TemplateResponse:
    """A refusal inside the admin with its real status (Wagtail would turn PermissionDenied into a redirect)."""
    title = _("Not allowed") if status == 403 else _("Not possible")
    context = {"page_title": title, "header_title": title, "header_icon": "warning", "message": message,
               "back_url": back_url, "back_label": back_label}
    return TemplateResponse(request, "lms/admin/refused.html", context, status=status)
