"""The Wagtail users admin, extended with membership fields; only superusers may grant or touch superuser power."""

from django.core.exceptions import PermissionDenied
from wagtail.users.views.users import CreateView, EditView, UserViewSet

from . import url_ids  # noqa: F401  (registers <id:...>)
from .forms import MemberAdminCreationForm, MemberAdminEditForm


class ActingUserFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "acting_user": self.request.user}


class MemberCreateView(ActingUserFormMixin, CreateView):
    pass


class MemberEditView(ActingUserFormMixin, EditView):
    def dispatch(self, request, *args, **kwargs):
        # Staff manage members; a superuser account (its password, groups, e-mail) is for superusers only.
        if self.object.is_superuser and not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MemberViewSet(UserViewSet):
    template_prefix = "wagtailusers/members/"
    pk_path_converter = "id"  # url_ids.py: ids beyond a database key answer 404
    add_view_class = MemberCreateView
    edit_view_class = MemberEditView

    def get_form_class(self, for_update=False):
        return MemberAdminEditForm if for_update else MemberAdminCreationForm
