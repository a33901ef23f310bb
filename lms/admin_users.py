"""The Wagtail users admin, extended with membership tier, expiry and career stage."""

from wagtail.users.views.users import UserViewSet

from .forms import MemberAdminCreationForm, MemberAdminEditForm


class MemberViewSet(UserViewSet):
    template_prefix = "wagtailusers/members/"

    def get_form_class(self, for_update=False):
        return MemberAdminEditForm if for_update else MemberAdminCreationForm
