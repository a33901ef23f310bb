"""Member pages for mentoring. Thin: read the request, ask privacy and the rule modules, render or redirect.

Every page is for signed-in current members (privacy.may_use_mentoring); a refusal from a rule module becomes a page
naming the problem with its status. Things a member may not see (someone else's request, application, proposal or
relationship) answer 404, so their existence is not given away.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from cms.models import Topic
from cms.translated_snippets import originals, with_reader_words
from lms.confirmation import Confirmation, carried_fields, confirmation_page, is_confirmed
from lms.models import language_names
from lms.pager import Pager
from lms.refusal import require_post, set_way_back

from . import directory, privacy, proposals, relationships, requests, rounds
from .forms import (
    ApplyForm,
    AvailabilityForm,
    CloseForm,
    DirectorySearchForm,
    FitForm,
    MeetingForm,
    MemberBasicsForm,
    MenteeProfileForm,
    MentorProfileForm,
    ReplyForm,
    RequestForm,
    SurveyForm,
    form_problem,
)
from .match_reasons import explanation_text
from .models import (
    MatchingRound,
    MatchProposal,
    MenteeProfile,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    RoundApplication,
    SurveyResponse,
)
from .refusal import MentoringRefused
from .regions import region_label, region_of


def member_page(view=None, *, post_only: bool = False):
    """Signed-in current members only; POST-only actions answer 405 to anything else. Refusals (lms.refusal) lead
    back to the page the member came from on this site, else to their mentoring home."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not privacy.may_use_mentoring(request.user):
                return TemplateResponse(request, "mentoring/members_only.html", {}, status=403)
            home = reverse("mentoring:home")
            back = request.META.get("HTTP_REFERER", "")
            same_site = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
            set_way_back(request, back if same_site else home, also=(home, _("Your mentoring")))
            if post_only:
                require_post(request, back_url=home)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view else decorate


def _see_other(url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(url, status=303)


# ------------------------------------------------------------------------------------------- overview


@member_page
def home(request):
    member = request.user
    today = timezone.localdate()
    live = Q(closed_at__isnull=True)
    mine = Q(mentee=member) | Q(mentor=member)
    open_rounds = [r for r in MatchingRound.objects.filter(applications_close_on__gte=today,
                                                           applications_open_on__lte=today)]
    return TemplateResponse(request, "mentoring/home.html", {
        "mentor_profile": MentorProfile.objects.filter(member=member).first(),
        "mentee_profile": MenteeProfile.objects.filter(member=member).first(),
        "requests_received": requests.requests_received(member),
        "requests_sent": requests.requests_sent(member),
        "proposals": proposals.proposals_for(member),
        "mentorships": list(Mentorship.objects.filter(mine, live).select_related("mentee", "mentor")),
        "past_mentorships": list(Mentorship.objects.filter(mine).exclude(live).select_related("mentee", "mentor")),
        "open_rounds": open_rounds,
        "applications": list(RoundApplication.objects.filter(member=member).select_related("round")),
    })


# ------------------------------------------------------------------------------------------- profiles


def _profile_page(request, model, form_class, template: str):
    member = request.user
    profile = model.objects.filter(member=member).first() or model(member=member)
    data = request.POST if request.method == "POST" else None
    basics = MemberBasicsForm(data, instance=member, prefix="member")
    form = form_class(data, instance=profile, prefix="profile")
    availability = AvailabilityForm(data, availability=profile.availability, prefix="availability")
    if request.method == "POST":
        if basics.is_valid() and form.is_valid() and availability.is_valid():
            with transaction.atomic():
                basics.save()
                saved = form.save(commit=False)
                saved.member = member
                saved.availability = availability.cleaned_data["windows"]
                saved.save()
                form.save_m2m()
            messages.success(request, _("Your profile was saved."))
            return _see_other(reverse("mentoring:home"))
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, template, {"basics": basics, "form": form, "availability": availability,
                                                "is_new": profile.pk is None}, status=status)


@member_page
def mentor_profile(request):
    return _profile_page(request, MentorProfile, MentorProfileForm, "mentoring/mentor_profile_form.html")


@member_page
def mentee_profile(request):
    return _profile_page(request, MenteeProfile, MenteeProfileForm, "mentoring/mentee_profile_form.html")


# ------------------------------------------------------------------------------------------- directory


@member_page
def directory_page(request):
    form = DirectorySearchForm(request.GET or None)
    status = 200
    entries: list = []
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        data = form.cleaned_data if form.is_bound else {}
        filters = directory.DirectoryFilters(
            text=(data.get("q") or "").strip(),
            topic=data["topic"].slug if data.get("topic") else "",
            language=data.get("language") or "",
            region=data.get("region") or "",
            career_stage=data.get("career_stage") or "",
            min_overlap_hours=data.get("min_overlap") or 0,
            open_capacity_only=bool(data.get("open_only")),
        )
        entries = directory.search_mentors(request.user, filters)
    page = directory.page_of(entries, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(request, "mentoring/directory.html", {
        "form": form, "page_obj": page, "count": len(entries), "pager": Pager.of(page, query.urlencode()),
        "has_availability": directory.viewer_availability(request.user) is not None,
    }, status=status)


def _listed_mentor(member_id: int) -> MentorProfile:
    profile = MentorProfile.objects.select_related("member").filter(member_id=member_id, is_listed=True).first()
    if profile is None or not privacy.may_use_mentoring(profile.member):
        raise Http404(_("There is no such mentor."))
    return profile


@member_page
def mentor_detail(request, member_id: int):
    profile = _listed_mentor(member_id)
    entry = directory.mentor_entry(request.user, profile)
    pending = MentorshipRequest.objects.filter(mentee=request.user, mentor_id=member_id,
                                               status=MentorshipRequest.Status.PENDING).first()
    return TemplateResponse(request, "mentoring/mentor_detail.html", {
        "entry": entry, "profile": profile, "form": RequestForm(), "pending_request": pending,
        "has_mentee_profile": MenteeProfile.objects.filter(member=request.user).exists(),
        "is_self": member_id == request.user.pk,
        "contact": privacy.contact_details_for(request.user, profile.member, profile.contact_note),
    })


@member_page(post_only=True)
def request_mentor(request, member_id: int):
    profile = _listed_mentor(member_id)
    form = RequestForm(request.POST)
    if not form.is_valid():
        raise MentoringRefused(form_problem(form), status=400)
    sent = requests.request_mentor(request.user, profile, form.cleaned_data["message"])
    messages.success(request, _("Your request was sent to %(mentor)s. We will e-mail you their answer.")
                     % {"mentor": profile.member})
    return _see_other(reverse("mentoring:request", args=[sent.pk]))


# ------------------------------------------------------------------------------------------- requests


def _visible_request(request, request_id: int) -> MentorshipRequest:
    found = get_object_or_404(MentorshipRequest.objects.select_related("mentee", "mentor"), pk=request_id)
    if not privacy.may_see_request(request.user, found):
        raise Http404(_("There is no such request."))
    return found


@member_page
def request_detail(request, request_id: int):
    found = _visible_request(request, request_id)
    is_mentor = request.user.pk == found.mentor_id
    mentee_profile = MenteeProfile.objects.filter(member_id=found.mentee_id).prefetch_related(
        "wanted_expertise").first() if is_mentor else None
    return TemplateResponse(request, "mentoring/request_detail.html", {
        "mentoring_request": found, "is_mentor": is_mentor, "mentee_profile": mentee_profile,
        "mentee_region": region_label(region_of(found.mentee)), "reply_form": ReplyForm(),
        "mentorship": getattr(found, "mentorship", None),
    })


@member_page(post_only=True)
def answer_request(request, request_id: int, decision: str):
    found = _visible_request(request, request_id)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        raise MentoringRefused(form_problem(form), status=400)
    reply = form.cleaned_data["reply"]
    if decision == "accept":
        mentorship = requests.accept_request(found, request.user, reply)
        messages.success(request, _("You are now mentoring %(mentee)s.") % {"mentee": found.mentee})
        return _see_other(reverse("mentoring:mentorship", args=[mentorship.pk]))
    pending = found.status == MentorshipRequest.Status.PENDING
    if decision == "decline" and pending and request.user.pk == found.mentor_id and not is_confirmed(request):
        return confirmation_page(request, Confirmation(
            title=_("Decline this request?"),
            consequence=_("%(mentee)s is told by e-mail that you declined their request, with your note if you "
                          "wrote one.") % {"mentee": found.mentee},
            details=((_("Your note"), reply or _("none")),),
            permanence=_("This cannot be undone: to mentor them after all, they would have to ask again."),
            confirm_label=_("Decline the request"),
            back_url=reverse("mentoring:request", args=[found.pk]), back_label=_("Not now, go back"),
            carried=carried_fields(request, ("reply",)),
        ))
    if decision == "withdraw" and pending and request.user.pk == found.mentee_id and not is_confirmed(request):
        return confirmation_page(request, Confirmation(
            title=_("Withdraw your request?"),
            consequence=_("Your request to %(mentor)s is taken back: they can no longer accept it.")
            % {"mentor": found.mentor},
            permanence=_("This cannot be undone; you can send a new request later."),
            confirm_label=_("Withdraw my request"),
            back_url=reverse("mentoring:request", args=[found.pk]), back_label=_("Keep my request"),
        ))
    if decision == "decline":
        requests.decline_request(found, request.user, reply)
        messages.success(request, _("You declined the request; %(mentee)s is told.") % {"mentee": found.mentee})
    elif decision == "withdraw":
        requests.withdraw_request(found, request.user)
        messages.success(request, _("Your request was withdrawn."))
    else:
        raise Http404
    return _see_other(reverse("mentoring:request", args=[found.pk]))


# ------------------------------------------------------------------------------------------- rounds


@member_page
def round_detail(request, round_id: int):
    found = get_object_or_404(MatchingRound, pk=round_id)
    today = timezone.localdate()
    if today < found.applications_open_on:
        raise Http404(_("There is no such round."))
    applications = {app.role: app for app in RoundApplication.objects.filter(round=found, member=request.user)}
    sides = []
    for role, label in RoundApplication.Role.choices:
        application = applications.get(role)
        form = ApplyForm(initial={"wants_fairness_support": getattr(application, "wants_fairness_support", False),
                                  "note": getattr(application, "note", "")}, prefix=role)
        if role == RoundApplication.Role.MENTOR:
            form.fields.pop("wants_fairness_support")
        profile_problem = rounds.profile_problem(request.user, role)
        sides.append({
            "role": role, "label": label, "application": application, "form": form,
            "problem": rounds.eligibility_problem(request.user, found, role, today) or profile_problem,
            "profile_url": reverse(f"mentoring:{role}_profile") if profile_problem else "",
        })
    return TemplateResponse(request, "mentoring/round_detail.html", {"round": found, "sides": sides})


@member_page(post_only=True)
def apply_to_round(request, round_id: int, role: str):
    found = get_object_or_404(MatchingRound, pk=round_id)
    if role not in RoundApplication.Role.values:
        raise Http404
    form = ApplyForm(request.POST, prefix=role)
    if role == RoundApplication.Role.MENTOR:
        form.fields.pop("wants_fairness_support")
    if not form.is_valid():
        raise MentoringRefused(form_problem(form), status=400)
    support = form.cleaned_data.get("wants_fairness_support", False)
    _application, new = rounds.apply_to_round(request.user, found, role, note=form.cleaned_data["note"],
                                               wants_fairness_support=support)
    messages.success(request, _("You applied to %(round)s.") % {"round": found} if new
                     else _("Your application was updated from your profile."))
    return _see_other(reverse("mentoring:round", args=[found.pk]))


@member_page(post_only=True)
def withdraw_from_round(request, round_id: int, role: str):
    if role not in RoundApplication.Role.values:  # checked before the query: a NUL byte in it is a database error
        raise Http404(_("There is no such application."))
    application = RoundApplication.objects.filter(round_id=round_id, member=request.user, role=role).first()
    if application is None:
        raise Http404(_("There is no such application."))
    if not is_confirmed(request):
        return confirmation_page(request, Confirmation(
            title=_("Leave %(round)s?") % {"round": application.round.title},
            consequence=_("Your application as %(role)s is withdrawn: you are not matched in this round, and any "
                          "draft match for you is dropped.") % {"role": application.get_role_display().lower()},
            permanence=_("To take part after all, apply again while the round takes applications."),
            confirm_label=_("Leave the round"),
            back_url=reverse("mentoring:round", args=[round_id]), back_label=_("Stay in the round"),
        ))
    rounds.withdraw_application(application, request.user)
    messages.success(request, _("You withdrew your application."))
    return _see_other(reverse("mentoring:round", args=[round_id]))


# ------------------------------------------------------------------------------------------- proposals


def _visible_proposal(request, proposal_id: int) -> MatchProposal:
    found = get_object_or_404(MatchProposal.objects.select_related("round", "mentee", "mentor"), pk=proposal_id)
    if not privacy.may_see_proposal(request.user, found):
        raise Http404(_("There is no such proposal."))
    return found


@member_page
def proposal_detail(request, proposal_id: int):
    found = _visible_proposal(request, proposal_id)
    is_mentee = request.user.pk == found.mentee_id
    partner = found.mentor if is_mentee else found.mentee
    my_answer = found.mentee_answer if is_mentee else found.mentor_answer
    snapshot = (found.mentor_application if is_mentee else found.mentee_application).snapshot
    expertise = snapshot.get("expertise", [])
    languages = language_names()
    return TemplateResponse(request, "mentoring/proposal_detail.html", {
        "proposal": found, "is_mentee": is_mentee, "partner": partner, "my_answer": my_answer,
        "partner_region": region_label(snapshot.get("region", "")), "partner_snapshot": snapshot,
        "partner_languages": [languages.get(code, code) for code in snapshot.get("languages", [])],
        "partner_topics": list(with_reader_words(originals(Topic.objects.filter(slug__in=expertise)), "name")
                               .values_list("shown_name", flat=True)),  # type: ignore[misc]  # annotated
        "explanation": explanation_text(found.explanation),
        "mentorship": getattr(found, "mentorship", None),
    })


@member_page(post_only=True)
def answer_proposal(request, proposal_id: int):
    found = _visible_proposal(request, proposal_id)
    decision = request.POST.get("answer")
    if decision not in ("accept", "decline"):
        raise MentoringRefused(_("Choose to accept or to decline."), status=400)
    if decision == "decline" and found.status == MatchProposal.Status.PUBLISHED and not is_confirmed(request):
        return confirmation_page(request, Confirmation(
            title=_("Decline this match?"),
            consequence=_("You decline the proposed match with %(partner)s in %(round)s; the proposal closes for "
                          "both of you.")
            % {"partner": found.mentor if request.user.pk == found.mentee_id else found.mentee,
               "round": found.round.title},
            permanence=_("This cannot be undone."),
            confirm_label=_("Decline the match"),
            back_url=reverse("mentoring:proposal", args=[found.pk]), back_label=_("Not now, go back"),
            carried={"answer": "decline"},
        ))
    outcome = proposals.answer(found, request.user, decision == "accept")
    messages.success(request, outcome.message)
    if outcome.mentorship is not None:
        return _see_other(reverse("mentoring:mentorship", args=[outcome.mentorship.pk]))
    return _see_other(reverse("mentoring:proposal", args=[found.pk]))


# ------------------------------------------------------------------------------------------- relationships


def _visible_mentorship(request, mentorship_id: int) -> Mentorship:
    found = get_object_or_404(Mentorship.objects.select_related("mentee", "mentor", "round"), pk=mentorship_id)
    if not privacy.may_see_mentorship(request.user, found):
        raise Http404(_("There is no such mentoring relationship."))
    return found


def _partner_note(mentorship: Mentorship, partner) -> str:
    model = MentorProfile if partner.pk == mentorship.mentor_id else MenteeProfile
    profile = model.objects.filter(member=partner).first()
    return profile.contact_note if profile else ""


def mentorship_page(request, found: Mentorship, status: int = 200, **forms):
    partner = found.partner_of(request.user)
    state = relationships.state_for(found, request.user)
    context = {
        "mentorship": found, "partner": partner, "state": state, "is_mentee": request.user.pk == found.mentee_id,
        "contact": privacy.contact_details_for(request.user, partner, _partner_note(found, partner)),
        "meetings": list(found.meetings.select_related("logged_by")),
        "meeting_form": forms.get("meeting_form") or MeetingForm(initial={"held_on": timezone.localdate()},
                                                                 prefix="meeting"),
        "fit_form": forms.get("fit_form") or FitForm(prefix="fit"),
        "survey_form": forms.get("survey_form") or SurveyForm(prefix="survey"),
        "close_form": forms.get("close_form") or CloseForm(prefix="close"),
        "early_closure": relationships.is_early_closure(found),
    }
    return TemplateResponse(request, "mentoring/mentorship_detail.html", context, status=status)


@member_page
def mentorship_detail(request, mentorship_id: int):
    return mentorship_page(request, _visible_mentorship(request, mentorship_id))


@member_page(post_only=True)
def log_meeting(request, mentorship_id: int):
    found = _visible_mentorship(request, mentorship_id)
    form = MeetingForm(request.POST, prefix="meeting")
    if not form.is_valid():
        return mentorship_page(request, found, status=400, meeting_form=form)
    data = form.cleaned_data
    relationships.log_meeting(found, request.user, data["held_on"], data["minutes"], data["format"], data["note"])
    messages.success(request, _("The meeting was logged."))
    return _see_other(reverse("mentoring:mentorship", args=[found.pk]))


@member_page(post_only=True)
def answer_fit(request, mentorship_id: int):
    found = _visible_mentorship(request, mentorship_id)
    form = FitForm(request.POST, prefix="fit")
    if not form.is_valid():
        return mentorship_page(request, found, status=400, fit_form=form)
    answer = relationships.answer_fit(found, request.user, form.cleaned_data["good_fit"],
                                      form.cleaned_data["comment"])
    messages.success(request, _("Thank you for answering.") if answer.good_fit
                     else _("Thank you for telling us. You can end this pairing and be re-matched below."))
    return _see_other(reverse("mentoring:mentorship", args=[found.pk]))


@member_page(post_only=True)
def answer_survey(request, mentorship_id: int, kind: str):
    found = _visible_mentorship(request, mentorship_id)
    if kind not in SurveyResponse.Kind.values:
        raise Http404
    form = SurveyForm(request.POST, prefix="survey")
    if not form.is_valid():
        return mentorship_page(request, found, status=400, survey_form=form)
    relationships.answer_survey(found, request.user, kind, form.cleaned_data["rating"], form.cleaned_data["comment"])
    messages.success(request, _("Thank you for answering the survey."))
    return _see_other(reverse("mentoring:mentorship", args=[found.pk]))


@member_page(post_only=True)
def close_mentorship(request, mentorship_id: int):
    found = _visible_mentorship(request, mentorship_id)
    form = CloseForm(request.POST, prefix="close")
    if not form.is_valid():
        return mentorship_page(request, found, status=400, close_form=form)
    if found.closed_at is None and not is_confirmed(request):
        reasons = dict(Mentorship.ClosureReason.choices)
        return confirmation_page(request, Confirmation(
            title=_("End this mentoring?"),
            consequence=_("Your mentoring with %(partner)s ends now; no more meetings can be logged, and the end "
                          "survey opens.") % {"partner": found.partner_of(request.user)},
            details=((_("Why"), str(reasons[form.cleaned_data["reason"]])),
                     (_("Note for staff"), form.cleaned_data["note"] or _("none"))),
            permanence=_("This cannot be undone."),
            confirm_label=_("End the mentoring"),
            back_url=reverse("mentoring:mentorship", args=[found.pk]), back_label=_("Keep the mentoring"),
            carried=carried_fields(request, ("close-reason", "close-note")),
        ))
    relationships.close_mentorship(found, request.user, form.cleaned_data["reason"], form.cleaned_data["note"])
    messages.success(request, _("The mentoring is closed. The end survey is open below."))
    return _see_other(reverse("mentoring:mentorship", args=[found.pk]))


@member_page(post_only=True)
def rematch(request, mentorship_id: int):
    found = _visible_mentorship(request, mentorship_id)
    if found.closed_at is None and not is_confirmed(request):
        return confirmation_page(request, Confirmation(
            title=_("End this pairing?"),
            consequence=_("Your mentoring with %(partner)s ends now as not a good fit; %(next)s")
            % {"partner": found.partner_of(request.user),
               "next": _("you stay in the round and staff propose someone else when they next run the matcher.")
               if found.round_id and request.user.pk == found.mentee_id
               else _("the mentor directory can help find another match.")},
            permanence=_("This cannot be undone: the two of you are not matched again."),
            confirm_label=_("End the pairing"),
            back_url=reverse("mentoring:mentorship", args=[found.pk]), back_label=_("Keep the pairing"),
            carried=carried_fields(request, ("note",)),
        ))
    relationships.rematch(found, request.user, request.POST.get("note", ""))
    if found.round_id:
        message = _("This pairing is closed. You stay in the round, and staff will propose a new match when they "
                    "next run the matcher.") if request.user.pk == found.mentee_id else _(
            "This pairing is closed; your mentee will be matched with someone else.")
    else:
        message = _("This pairing is closed. The mentor directory can help you find another mentor.")
    messages.success(request, message)
    return _see_other(reverse("mentoring:mentorship", args=[found.pk]))
