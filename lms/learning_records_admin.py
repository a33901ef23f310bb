"""Staff's view of the learning records the LRS has not taken (lms/learning_records.py): each waiting or given-up
statement with its last error, and a "send again" button. Staff only, checked on every request (StaffAdminView)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import learning_records
from .models import LearningRecord
from .refusal import Refused
from .staff_admin import StaffAdminView

PER_PAGE = 50


class LearningRecordsView(StaffAdminView):
    page_title = gettext_lazy("Learning records not sent")
    header_icon = "warning"
    template_name = "lms/admin/learning_records.html"
    area_index_url_name = "lms_learning_records"
    area_back_label = gettext_lazy("Back to learning records")
    staff_only_message = gettext_lazy("Learning records are looked after by staff.")

    def get(self, request):
        unsent = (LearningRecord.objects.filter(sent_at__isnull=True)
                  .only("pk", "verb", "source", "recorded_at", "owed_at", "attempts", "last_error", "failed_at")
                  .order_by("failed_at", "owed_at", "pk"))
        page = self.page_of(unsent, PER_PAGE)
        return self.render(page_obj=page, records=page.object_list, configured=learning_records.configured())

    def post(self, request):
        try:
            record = uuid.UUID(request.POST.get("record", "")[:40])
        except ValueError:
            raise Refused(_("Choose a learning record from the list to send again."), 400) from None
        if not learning_records.send_again([record]):
            raise Refused(_("That learning record was sent meanwhile, or no longer exists."), 404)
        messages.success(request, _("The learning record will be sent again now."))
        return HttpResponseRedirect(reverse("lms_learning_records"), status=303)
