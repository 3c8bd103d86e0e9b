"""A vacancy's ranked candidates as a page of its own in the workspace (`<id>/candidates/`): the stored
matches filtered, sorted and paginated, each with the candidate's headline facts, the explained score and
their contact states; and bulk actions on a selection (`<id>/candidates/<action>/`).

A bulk action is an entry in `BULK_ACTIONS`: the permission it needs, the form of its confirm step, and
what it does to one candidate (a service call with `by=`, whose emails go out when it commits). GET shows who will be
acted on and who will be skipped and why (it changes nothing); POST acts, one candidate at a time, reports
each refusal and enqueues the emails on commit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.dateformat import format as date_format
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from accounts.models import CandidateProfile, User
from accounts.money import money_text
from accounts.rules import SEE_CANDIDATES_PERMISSION, recruiter_may
from recruitment.admin.common import CRITERION_STATUSES, require_permission, rows_for_template, score_tone
from recruitment.admin.forms import BULK_MAX, BulkSelectionForm, InvitationForm, RankedFilterForm, form_errors
from recruitment.admin.introductions import IntroduceForm
from recruitment.selectors.ranking import StateBadge, contact_states, matches_of, ranked_candidates, ranked_countries
from recruitment.services.common import display_name
from recruitment.services.contacts import SEND_INVITATION, invitation_refusal, invitation_send
from recruitment.services.introductions import INTRODUCE, introduction_propose, introduction_refusal
from vacancies.admin import log_action
from vacancies.models import Vacancy
from vacancies.services import WorkflowError

VIEW_MATCHES = "recruitment.view_match"
PER_PAGE = 50
BACK_MAX = 1000  # characters of the list's query string carried through a bulk action


@dataclass(frozen=True)
class BulkAction:
    """One bulk action on ranked candidates.

    `act(candidate=, vacancy=, by=, data=)` acts on one candidate through a service (which schedules its
    emails), or raises WorkflowError with the reason; `refusal(profile=, vacancy=)` says beforehand why a
    candidate would be skipped (None when they would not)."""

    label: str  # the button
    verb: str  # "Invite", in "Invite 3 candidates"
    permission: str
    form_class: type[forms.Form]
    refusal: Callable[..., str | None]
    act: Callable[..., object]
    done: str  # "invited", in "3 candidates invited"
    explanation: str  # what the people reached get, on the confirm step
    logged: str  # what each candidate's page logs, "Invited to apply to {role}" ("Head of Product at Lumen Health")


def _invite(*, candidate: CandidateProfile, vacancy: Vacancy, by: User, data: dict) -> None:
    invitation_send(candidate=candidate, vacancy=vacancy, by=by, message=data.get("message", ""))


def _introduce(*, candidate: CandidateProfile, vacancy: Vacancy, by: User, data: dict) -> None:
    introduction_propose(
        candidate=candidate,
        vacancy=vacancy,
        by=by,
        pitch=data["pitch"],
        presentation=data["presentation"],
        ask_now=data.get("ask_now", False),
    )


BULK_ACTIONS: dict[str, BulkAction] = {
    "invite": BulkAction(
        label="Invite to apply",
        verb="Invite",
        permission=SEND_INVITATION,
        form_class=InvitationForm,
        refusal=invitation_refusal,
        act=_invite,
        done="invited to apply",
        logged="Invited to apply to {role}",
        explanation=(
            "Each candidate gets an email with the reasons they fit and a link to the apply page, and sees the "
            "invitation on their dashboard; it is logged in their contact log."
        ),
    ),
    "introduce": BulkAction(
        label="Introduce to the client",
        verb="Introduce",
        permission=INTRODUCE,
        form_class=IntroduceForm,
        refusal=introduction_refusal,
        act=_introduce,
        done="introduced (each is asked for consent first)",
        logged="Introduced to the client for {role}",
        explanation=(
            "Each candidate is asked first, by email and on their dashboard, with the pitch and the reasons they "
            "fit; nothing reaches the client until they accept. Anonymised: the client sees no name, email, "
            "LinkedIn or CV until the candidate agrees to reveal them."
        ),
    ),
}


def _back_query(raw: str) -> str:
    """The list's filters, sort and page to return to: re-encoded, so only a query string comes back."""
    return QueryDict(raw[:BACK_MAX].lstrip("?")).urlencode() if raw else ""


def _summary(criteria: list[dict]) -> str:
    """The explanation's gist while it is folded: "4 met · 1 partial · 1 missed"."""
    counts = dict.fromkeys(CRITERION_STATUSES, 0)
    for criterion in criteria:
        counts[criterion["status"]] += 1
    return " · ".join(f"{n} {status}" for status, n in counts.items() if n) or "No breakdown"


def _facts(profile: CandidateProfile) -> list[str]:
    years = profile.years_experience
    place = ", ".join(part for part in (profile.city, profile.country.name if profile.country else "") if part)
    floor = profile.salary_floor
    return [
        f"{years} yrs" if years is not None else "Years not given",
        place or "Location not given",
        profile.get_remote_preference_display(),
        f"Floor {money_text(floor, profile.salary_currency)}" if floor else "No salary floor",
    ]


def _badge_text(badge: StateBadge) -> str:
    # An application shows its stage; the other states when they happened.
    if badge.key == "applied" or badge.at is None:
        return badge.text
    return f"{badge.text} {date_format(localtime(badge.at), 'j M Y')}"


def _criterion_html(c: dict) -> str:
    status, label, reason = (escape(str(c[key])) for key in ("status", "label", "reason"))
    points = f"{escape(str(c['points']))}/{escape(str(c['max_points']))}"
    return (
        f'<li><span class="agency-badge {status}">{status}</span> <strong>{label}</strong> '
        f'<span class="pts">{points}</span> {reason}</li>'
    )


def _criteria_html(criteria: list[dict]) -> str:
    # The standard library's escape: Django's lazy-aware one costs more than the rest of the row here.
    return mark_safe("\n".join(_criterion_html(c) for c in criteria))  # noqa: S308 - every value escaped above


def _display_row(row: dict, rank: int, badges: list, candidate_url: str) -> dict:
    """What the template shows of one ranked row, formatted here: 50 rows of a dozen facts and criteria each
    are the bulk of the page's time when the template engine resolves every value."""
    profile = row["match"].candidate
    criteria = row["criteria"]
    return {
        **row,
        "rank": rank,
        "name": display_name(profile),
        "url": candidate_url.replace("0", str(profile.pk), 1),
        "title": profile.current_title or profile.headline or "No title",
        "facts": _facts(profile),
        "summary": _summary(criteria),
        "criteria_html": _criteria_html(criteria),
        "states": [{"key": badge.key, "text": _badge_text(badge)} for badge in badges],
    }


class RankedCandidatesMixin:
    """Adds `<id>/candidates/` and `<id>/candidates/<action>/` to the vacancy ModelAdmin."""

    def ranked_urls(self) -> list:
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/candidates/",
                self.admin_site.admin_view(self.ranked_view),
                name="{}_{}_ranked".format(*info),
            ),
            path(
                "<path:object_id>/candidates/<slug:action>/",
                self.admin_site.admin_view(self.ranked_action_view),
                name="{}_{}_ranked_action".format(*info),
            ),
        ]

    @staticmethod
    def may_see_ranked(request) -> bool:
        return recruiter_may(request.user, VIEW_MATCHES) and recruiter_may(request.user, SEE_CANDIDATES_PERMISSION)

    def _ranked_vacancy(self, request, object_id: str) -> Vacancy:
        if not self.may_see_ranked(request):
            raise PermissionDenied
        vacancy = self.get_object(request, unquote(object_id))
        if vacancy is None:
            raise Http404("No such vacancy.")
        if not self.has_view_permission(request, vacancy):
            raise PermissionDenied
        return vacancy

    def _ranked_url(self, vacancy: Vacancy, query: str = "") -> str:
        url = reverse("admin:vacancies_vacancy_ranked", args=[vacancy.pk], current_app=self.admin_site.name)
        return f"{url}?{query}" if query else url

    def ranked_view(self, request, object_id):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        vacancy = self._ranked_vacancy(request, object_id)
        form = RankedFilterForm(request.GET or None, countries_shown=ranked_countries(vacancy=vacancy))
        filters = form.filters()
        paginator = Paginator(ranked_candidates(vacancy=vacancy, **filters), PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        matches = list(page.object_list)
        states = contact_states(vacancy=vacancy, profile_ids=[m.candidate_id for m in matches])
        candidate_url = reverse("admin:accounts_candidateprofile_change", args=[0], current_app=self.admin_site.name)
        rows = [
            _display_row(row, rank, states.get(row["match"].candidate_id, []), candidate_url)
            for rank, row in enumerate(rows_for_template(matches), start=page.start_index())
        ]
        query = request.GET.copy()
        query.pop("page", None)
        actions = [
            {"slug": slug, "label": action.label}
            for slug, action in BULK_ACTIONS.items()
            if request.user.has_perm(action.permission)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Ranked candidates: {vacancy.title}",
            "opts": self.opts,
            "original": vacancy,
            "vacancy": vacancy,
            "form": form,
            "page_obj": page,
            "rows": rows,
            "query_without_page": query.urlencode(),
            "back": request.GET.urlencode(),
            "actions": actions,
            "bulk_max": BULK_MAX,
            "filtered": bool(set(filters) - {"sort"}),
        }
        return TemplateResponse(request, "recruitment/admin/vacancy_ranked.html", context)

    def ranked_action_view(self, request, object_id, action):
        """GET: who the action would reach and who it would skip, and its form; POST: act on each."""
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        bulk = BULK_ACTIONS.get(action)
        if bulk is None:
            raise Http404("No such action.")
        require_permission(request, bulk.permission)
        vacancy = self._ranked_vacancy(request, object_id)
        params = request.POST if request.method == "POST" else request.GET
        back = _back_query(params.get("back", ""))
        selection = BulkSelectionForm(params)
        if not selection.is_valid():
            self.message_user(request, f"Nothing done: {form_errors(selection)}", messages.ERROR)
            return HttpResponseRedirect(self._ranked_url(vacancy, back))
        ids = selection.cleaned_data["candidate"]
        matches = matches_of(vacancy=vacancy, profile_ids=ids)
        form = bulk.form_class(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            return self._act(request, vacancy, bulk, matches, form, back)
        return self._confirm_page(request, vacancy, bulk, matches, ids, form, back)

    def _confirm_page(self, request, vacancy: Vacancy, bulk: BulkAction, matches, ids, form, back: str):
        """The confirm step: who the action reaches and who it skips, with its form (bound and with its errors
        after a refusal, so nothing typed is lost: status 400)."""
        ranked = {m.candidate_id for m in matches}
        reach, skip = [], []
        for match in matches:
            refusal = bulk.refusal(profile=match.candidate, vacancy=vacancy)
            (skip if refusal else reach).append({"match": match, "reason": refusal, "tone": score_tone(match.score)})
        unranked = [i for i in ids if i not in ranked]
        context = {
            **self.admin_site.each_context(request),
            "title": f"{bulk.verb} candidates: {vacancy.title}",
            "opts": self.opts,
            "original": vacancy,
            "vacancy": vacancy,
            "bulk": bulk,
            "form": form,
            "reach": reach,
            "skip": skip,
            "unranked": unranked,
            "skipped": len(skip) + len(unranked),
            "back": back,
            "list_url": self._ranked_url(vacancy, back),
        }
        status = 400 if form.is_bound else 200
        return TemplateResponse(request, "recruitment/admin/vacancy_ranked_action.html", context, status=status)

    def _act(self, request, vacancy: Vacancy, bulk: BulkAction, matches, form, back: str):
        """Act on each candidate. Those the confirm step said would be skipped are reported as skipped; when the
        service refuses others (a pitch naming an anonymised candidate), the confirm step comes back for them
        with the form as typed and the reasons on it (status 400); the rest are done and reported."""
        done, skipped, refused = [], [], []
        for match in matches:
            known = bulk.refusal(profile=match.candidate, vacancy=vacancy)
            try:
                bulk.act(candidate=match.candidate, vacancy=vacancy, by=request.user, data=form.cleaned_data)
            except WorkflowError as exc:
                # Skipped as the confirm step said, or refused for what was typed (the form comes back).
                (skipped if known else refused).append((match, str(exc)))
            else:
                log_action(self, request, match.candidate, bulk.logged.format(role=vacancy.role_at_client))
                done.append(display_name(match.candidate))
        if done:
            people = "1 candidate" if len(done) == 1 else f"{len(done)} candidates"
            self.message_user(request, f"{people} {bulk.done}: {', '.join(done)}.", messages.SUCCESS)
        for _match, reason in skipped:
            self.message_user(request, f"Skipped: {reason}", messages.WARNING)
        if refused:
            for _match, reason in refused:
                form.add_error(None, reason)
            again = [match for match, _reason in refused]
            return self._confirm_page(request, vacancy, bulk, again, [m.candidate_id for m in again], form, back)
        if not matches:
            self.message_user(request, "None of the selected candidates is ranked for this vacancy.", messages.ERROR)
        return HttpResponseRedirect(self._ranked_url(vacancy, back))
