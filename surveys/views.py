from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from accounts.submissions import Submission, once_per_submission
from events.permissions import get_organised_event
from networks.models import Network
from networks.permissions import get_network_access
from ortaq.lib import confirm, fragments, uploads
from ortaq.lib.views import first_error, user_of
from surveys import actions, answering, charts, exports, needs, results, summary, surveyjs, xlsform
from surveys.answering import Questionnaire
from surveys.forms import LinksForm, SurveyForm
from surveys.models import LANGUAGES, Draft, Instrument, InstrumentVersion, Item, ItemKind, Link, Survey, in_language
from surveys.permissions import (
    get_link,
    get_managed_survey,
    get_survey_for_user,
    get_survey_network,
    runs_surveys,
)

COOKIE_PREFIX = "ortaq-survey-"

# --- Lists and the survey's page --------------------------------------------------------------


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    surveys = (
        Survey.objects.visible_to(user)
        .for_person(user)
        .open()
        .exclude(receipts__user=user)
        .select_related("network")
        .distinct()
        .order_by("closes_at", "pk")
    )
    return render(request, "surveys/mine.html", {"surveys": surveys})


@login_required
@require_GET
def network_surveys(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_network_access(user, pk)
    surveys = (
        Survey.objects.filter(network=access.network)
        .select_related("version__instrument")
        .annotate(answered=Count("responses", distinct=True))
        .order_by("-opens_at", "-pk")
    )
    manages = runs_surveys(access)
    instruments = Instrument.objects.usable_in(access.network) if manages else Instrument.objects.none()
    if not manages:
        surveys = surveys.filter(pk__in=Survey.objects.for_person(user).values("pk"))
    return render(
        request,
        "surveys/network.html",
        {
            "network": access.network,
            "access": access,
            "surveys": surveys,
            "manages": manages,
            "now": timezone.now(),
            "instruments": instruments,
            "xlsform_accept": XLSFORM_UPLOAD.accept(),
        },
    )


@login_required
@once_per_submission
def create(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_survey_network(user, pk)
    network = access.network
    initial: dict[str, Any] = {}
    event_pk = request.GET.get("event", "")
    if event_pk.isdigit():
        initial |= {"audience": "event", "event": event_pk}
    form = SurveyForm(request.POST or None, network=network, initial=initial)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["instrument"].latest_version()
        try:
            survey = actions.create_survey(
                network,
                by=user,
                version=version,
                schools=form.cleaned_data.get("schools") or [],
                submission=Submission.of(request),
                **form.survey_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The survey is ready. Check it, then send it."))
            return redirect(survey)
    return render(request, "surveys/survey_form.html", {"network": network, "form": form})


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey_access = get_survey_for_user(user_of(request), pk)
    survey = survey_access.survey
    context: dict[str, Any] = {"survey": survey, "network": survey.network, "sa": survey_access}
    if survey_access.can_manage:
        context |= {
            "responses": survey.responses.count(),
            "receipts": survey.receipts.count(),
            "audience": survey.audience_people().count(),
            "links": survey.links.filter(revoked_at__isnull=True).count(),
            "reminders": list(survey.reminders.all()),
        }
    return render(request, "surveys/survey_detail.html", context)


@login_required
@require_POST
def send(request: HttpRequest, pk: int) -> HttpResponse:
    survey_access = get_managed_survey(user_of(request), pk)
    told = actions.send_survey(survey_access.survey, by=user_of(request))
    messages.success(
        request,
        ngettext(
            "The survey is sent; %(count)d person is told.", "The survey is sent; %(count)d people are told.", told
        )
        % {"count": told},
    )
    return redirect(survey_access.survey)


@login_required
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, pk: int) -> HttpResponse:
    survey_access = get_managed_survey(user_of(request), pk)
    survey = survey_access.survey
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            question=_("Close «%(title)s» now?") % {"title": survey.title},
            losses=[_("Nobody can answer it any more.")],
            keeps=[_("The answers given stay, with the results.")],
            button=_("Close the survey"),
            back=survey.get_absolute_url(),
        )
    actions.close_survey(survey, by=user_of(request))
    messages.success(request, _("The survey is closed."))
    return redirect(survey)


@login_required
@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    survey_access = get_managed_survey(user_of(request), pk)
    survey = survey_access.survey
    if not survey.is_open() or survey.is_public:
        messages.error(request, _("Only an open survey sent to signed-in people can be reminded of."))
        return redirect(survey)
    count = actions.remind(survey)
    if count:
        messages.success(
            request,
            ngettext("%(count)d person is reminded.", "%(count)d people are reminded.", count) % {"count": count},
        )
    else:
        messages.info(request, _("Nobody was reminded: a reminder went out today already, or everyone has answered."))
    return redirect(survey)


# --- Public links -----------------------------------------------------------------------------


@login_required
def links(request: HttpRequest, pk: int) -> HttpResponse:
    survey_access = get_managed_survey(user_of(request), pk)
    survey = survey_access.survey
    form = LinksForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not survey.is_public:
            form.add_error(None, _("Links are for a survey answered by anyone with a link."))
        else:
            made = actions.create_links(survey, **form.cleaned_data)
            messages.success(
                request,
                ngettext("%(count)d link is made.", "%(count)d links are made.", len(made)) % {"count": len(made)},
            )
            return redirect("surveys:links", survey.pk)
    rows = list(survey.links.filter(revoked_at__isnull=True).order_by("pk"))
    return render(
        request, "surveys/links.html", {"survey": survey, "network": survey.network, "form": form, "rows": rows}
    )


@login_required
@require_GET
def links_print(request: HttpRequest, pk: int) -> HttpResponse:
    survey_access = get_managed_survey(user_of(request), pk)
    survey = survey_access.survey
    rows = [
        (link, request.build_absolute_uri(link.get_absolute_url()))
        for link in survey.links.filter(revoked_at__isnull=True, used=False).order_by("pk")
    ]
    cards = [(link, url, charts.qr_svg(url)) for link, url in rows]
    return render(request, "surveys/links_print.html", {"survey": survey, "cards": cards})


@login_required
@require_http_methods(["GET", "POST"])
def link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    link = Link.objects.select_related("survey").filter(pk=pk).first()
    if link is None:
        raise Http404(_("No such survey."))
    survey_access = get_managed_survey(user_of(request), link.survey_id)
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            question=_("Withdraw this link?"),
            losses=[_("Whoever holds it can no longer answer.")],
            keeps=[_("The answers given through it stay.")],
            button=_("Withdraw the link"),
            back=reverse("surveys:links", args=[survey_access.survey.pk]),
        )
    actions.revoke_link(link)
    messages.success(request, _("The link is withdrawn."))
    return redirect("surveys:links", survey_access.survey.pk)


# --- Answering --------------------------------------------------------------------------------


@dataclass
class Respondent:
    """Who is answering, as far as the survey may know: a person only when it is not
    anonymous; otherwise a browser's key or a one-answer link."""

    survey: Survey
    user: User | None
    link: Link | None
    base: str  # the answering address
    done: str  # where sending leads


def screens_of(survey: Survey, questionnaire: Questionnaire) -> list[str]:
    screens = ["intro"]
    if survey.asks_match_code:
        screens.append("match")
    return screens + [str(section.pk) for section in questionnaire.sections]


@login_required
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    survey_access = get_survey_for_user(user, pk)
    survey = survey_access.survey
    if not survey_access.in_audience or not survey.is_open():
        return render(request, "surveys/closed.html", {"survey": survey, "sa": survey_access}, status=403)
    if survey_access.has_answered:
        return redirect("surveys:done", survey.pk)
    respondent = Respondent(
        survey, user, None, reverse("surveys:answer", args=[pk]), reverse("surveys:done", args=[pk])
    )
    return answering_page(request, respondent)


@require_http_methods(["GET", "POST"])
def public(request: HttpRequest, token: str) -> HttpResponse:
    link = get_link(token)
    survey = link.survey
    if not survey.is_open() or not link.is_usable:
        return render(request, "surveys/closed.html", {"survey": survey, "public": True}, status=410)
    respondent = Respondent(
        survey, None, link, reverse("surveys:public", args=[token]), reverse("surveys:public_done", args=[token])
    )
    return answering_page(request, respondent)


@require_GET
def public_done(request: HttpRequest, token: str) -> HttpResponse:
    link = get_link(token)
    base = reverse("surveys:public", args=[token])
    return render(request, "surveys/done.html", {"survey": link.survey, "public": True, "base": base})


@login_required
@require_GET
def done(request: HttpRequest, pk: int) -> HttpResponse:
    survey_access = get_survey_for_user(user_of(request), pk)
    base = reverse("surveys:answer", args=[pk])
    return render(request, "surveys/done.html", {"survey": survey_access.survey, "sa": survey_access, "base": base})


def answering_page(request: HttpRequest, respondent: Respondent) -> HttpResponse:
    survey = respondent.survey
    questionnaire = Questionnaire.of(survey)
    screens = screens_of(survey, questionnaire)
    cookie = f"{COOKIE_PREFIX}{survey.pk}"
    draft = actions.find_draft(survey, user=respondent.user, key=request.COOKIES.get(cookie, ""), link=respondent.link)
    # The survey's own language buttons choose for this survey (kept on the draft); until
    # then it speaks the person's interface language, which the header's switch sets.
    chosen = request.POST.get("language", "")
    language = chosen or (draft.language if draft else "") or translation.get_language()
    language = language if language in LANGUAGES else settings.LANGUAGE_CODE
    with translation.override(language):
        response = answering_step(request, respondent, questionnaire, screens, draft)
        response["Content-Language"] = language
    if draft is None:
        made = getattr(response, "draft", None)
        if made is not None and made.user_id is None and made.link_id is None:
            # Only the browser knows which draft is its own.
            response.set_cookie(
                cookie,
                made.key,
                max_age=int((survey.closes_at - timezone.now()).total_seconds()) + 3600,
                path=reverse("surveys:mine"),
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
    return response


def answering_step(
    request: HttpRequest,
    respondent: Respondent,
    questionnaire: Questionnaire,
    screens: list[str],
    draft: Draft | None,
) -> HttpResponse:
    survey = respondent.survey
    last = len(screens) - 1
    if request.method != "POST":
        reached = draft.screen if draft else 0
        wanted = request.GET.get("screen", "")
        screen = min(int(wanted), reached, last) if wanted.isdigit() else reached
        return render_screen(request, respondent, questionnaire, screens, screen, draft)
    posted = request.POST.get("screen", "0")
    screen = min(int(posted), last) if posted.isdigit() else 0
    go = request.POST.get("go", "")
    if draft is None:
        draft = actions.start_draft(survey, user=respondent.user, link=respondent.link)
    sent, errors = read_posted(request, questionnaire, screens[screen], draft)
    chosen = request.POST.get("language", "")
    actions.save_draft(draft, sent, screen=max(draft.screen, screen), language=chosen if chosen in LANGUAGES else "")
    answers = draft.answers
    if "language" in request.POST:
        return redirected(f"{respondent.base}?screen={screen}", draft)
    if go == "back":
        return redirected(f"{respondent.base}?screen={max(screen - 1, 0)}", draft)
    if screens[screen] not in ("intro", "match"):
        section = next(s for s in questionnaire.sections if str(s.pk) == screens[screen])
        errors |= answering.check_screen(questionnaire, section, answers, school_ids=school_ids(survey))
        appeared = answering.shown_codes(questionnaire, section, answers) - set(request.POST.getlist("shown"))
        if errors or appeared:
            return render_screen(
                request, respondent, questionnaire, screens, screen, draft, errors=errors, appeared=bool(appeared)
            )
    elif errors:
        return render_screen(request, respondent, questionnaire, screens, screen, draft, errors=errors)
    if screen < last:
        actions.save_draft(draft, {}, screen=max(draft.screen, screen + 1))
        return redirected(f"{respondent.base}?screen={screen + 1}", draft)
    # The last screen: every screen is checked again before the answers are sent.
    for index, key in enumerate(screens):
        if key in ("intro", "match"):
            continue
        section = next(s for s in questionnaire.sections if str(s.pk) == key)
        if answering.check_screen(questionnaire, section, answers, school_ids=school_ids(survey)):
            messages.error(request, _("Some answers on this page still need your attention."))
            return redirected(f"{respondent.base}?screen={index}", draft)
    try:
        actions.submit(
            draft,
            user=respondent.user,
            link=respondent.link,
            questionnaire=questionnaire,
            submission=None if survey.anonymous else Submission.of(request),
        )
    except actions.AlreadyAnswered:
        return redirect(respondent.done)
    if respondent.user is not None and survey.anonymous:
        actions.record_receipt(survey, respondent.user)
    finished = redirect(respondent.done)
    finished.delete_cookie(f"{COOKIE_PREFIX}{survey.pk}", path=reverse("surveys:mine"))
    return finished


def redirected(url: str, draft: Draft) -> HttpResponse:
    response = redirect(url)
    response.draft = draft  # type: ignore[attr-defined]
    return response


def school_ids(survey: Survey) -> set[str]:
    return {str(pk) for pk in survey.network.school_links.values_list("school_id", flat=True)}


def read_posted(
    request: HttpRequest, questionnaire: Questionnaire, key: str, draft: Draft
) -> tuple[dict[str, Any], dict[str, str]]:
    if key == "intro":
        return {}, {}
    if key == "match":
        values = answering.read_match(request.POST)
        return values, answering.check_match(values)
    section = next(s for s in questionnaire.sections if str(s.pk) == key)
    return answering.read_screen(questionnaire.items[section.pk], questionnaire.rows, request.POST), {}


def render_screen(
    request: HttpRequest,
    respondent: Respondent,
    questionnaire: Questionnaire,
    screens: list[str],
    screen: int,
    draft: Draft | None,
    *,
    errors: dict[str, str] | None = None,
    appeared: bool = False,
) -> HttpResponse:
    survey = respondent.survey
    answers = draft.answers if draft else {}
    key = screens[screen]
    context: dict[str, Any] = {
        "survey": survey,
        "instrument": survey.version.instrument,
        "respondent": respondent,
        "screen": screen,
        "screens": len(screens),
        "is_last": screen == len(screens) - 1,
        "errors": errors or {},
        "error_list": [
            (code, in_language(questionnaire.by_code[code].text), message)
            for code, message in (errors or {}).items()
            if code in questionnaire.by_code
        ],
        "appeared": appeared,
        "started": draft is not None,
        "key": key,
        "languages": LANGUAGES,
        "progress": round(10 * screen / max(len(screens) - 1, 1)) * 10,
        "description": in_language(survey.version.instrument.description),
    }
    if key == "match":
        context["match"] = [
            (name, answers.get(name, ""), (errors or {}).get(name)) for name in answering.MATCH_QUESTIONS
        ]
    elif key != "intro":
        section = next(s for s in questionnaire.sections if str(s.pk) == key)
        schools = (
            list(survey.network.schools.order_by("name"))
            if any(i.kind == ItemKind.SCHOOL for i in questionnaire.items[section.pk])
            else []
        )
        context |= {
            "section": section,
            "section_intro": in_language(section.intro),
            "section_number": questionnaire.sections.index(section) + 1,
            "sections": len(questionnaire.sections),
            "questions": [
                question(item, questionnaire, answers, errors or {}, schools)
                for item in questionnaire.items[section.pk]
                if answering.shown(item, answers)
            ],
        }
    response = render(request, "surveys/answer.html", context, status=200)
    if draft is not None:
        response.draft = draft  # type: ignore[attr-defined]
    return response


def question(
    item: Item, questionnaire: Questionnaire, answers: dict[str, Any], errors: dict[str, str], schools: list[Any]
) -> dict[str, Any]:
    """What the template draws for one item, its answer so far and its error."""
    value = answers.get(item.code)
    view: dict[str, Any] = {
        "item": item,
        "code": item.code,
        "kind": item.kind,
        "text": in_language(item.text),
        "help": in_language(item.help),
        "required": item.required,
        "error": errors.get(item.code),
        "value": "" if value is None else value,
    }
    if item.kind in (ItemKind.LIKERT, ItemKind.MATRIX) and item.scale is not None:
        view["points"] = [(point.value, point.tr("label")) for point in item.scale.points.all()]
    if item.kind == ItemKind.LIKERT:
        view["chosen"] = value
    if item.kind in (ItemKind.SINGLE, ItemKind.MULTIPLE):
        chosen = value if isinstance(value, list) else [value]
        view["options"] = [(o["value"], in_language(o["label"]), o["value"] in chosen) for o in item.options]
    if item.kind == ItemKind.SCHOOL:
        view["options"] = [(str(s.pk), s.name, str(s.pk) == str(value)) for s in schools]
    if item.kind == ItemKind.RANKING:
        order = value if isinstance(value, list) else []
        view["options"] = [
            (o["value"], in_language(o["label"]), order.index(o["value"]) + 1 if o["value"] in order else None)
            for o in item.options
        ]
        view["places"] = list(range(1, len(item.options) + 1))
    if item.kind == ItemKind.MATRIX:
        view["rows"] = [
            {
                "code": row.code,
                "text": in_language(row.text),
                "chosen": answers.get(row.code),
                "error": errors.get(row.code),
                "required": row.required,
            }
            for row in questionnaire.rows.get(item.pk, [])
            if answering.shown(row, answers)
        ]
        view["error"] = next((row["error"] for row in view["rows"] if row["error"]), None)
    return view


# --- Results ----------------------------------------------------------------------------------


@login_required
@require_GET
def results_page(request: HttpRequest, pk: int) -> HttpResponse:
    survey_access = get_managed_survey(user_of(request), pk)
    survey = survey_access.survey
    by = request.GET.get("by", "")
    by = by if by in ("school", "role") else ""
    report = results.kept_report(survey, by=by)
    comparison = results.compare(survey) if survey.repeats_id else None
    query = request.GET.get("q", "").strip()
    # The answers to each question are most of what the page costs over 2,000 responses:
    # rendered once per state of the responses (the key the figures are kept under) and
    # kept in the cache (ortaq/lib/fragments.py, docs/architecture.md «The speed helpers»).
    questions = fragments.render_once(
        request,
        "surveys/results.html#questions",
        {"report": report},
        parts=(report.kept_as,),
    )
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "network": survey.network,
            "report": report,
            "by": by,
            "comparison": comparison,
            "sa": survey_access,
            "query": query,
            "found": results.search_texts(report, query) if query else [],
            "has_texts": any(result.texts for result in report.items),
            "questions": questions,
        },
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    survey = get_managed_survey(user_of(request), pk).survey
    try:
        if kind == "docx":
            by = request.GET.get("by", "")
            body = docx_summary(survey, by=by if by in ("school", "role") else "")
            content_type, name = summary.DOCX, f"survey-{survey.pk}-summary.docx"
        elif kind == "xlsx":
            body, content_type, name = exports.as_xlsx(survey), XLSX, f"survey-{survey.pk}.xlsx"
        elif kind == "codebook":
            body, content_type, name = (
                exports.as_csv(*exports.codebook(survey)),
                "text/csv",
                f"survey-{survey.pk}-codebook.csv",
            )
        else:
            body, content_type, name = exports.as_csv(*exports.table(survey)), "text/csv", f"survey-{survey.pk}.csv"
    except exports.TooFew:
        messages.error(
            request, _("Results are shown from five answers on, so that nobody's answers can be told apart.")
        )
        return redirect("surveys:results", survey.pk)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- Needs → plan; feedback after an event ---------------------------------------------------------


@login_required
@require_GET
def needs_page(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_survey_network(user_of(request), pk)
    report = needs.report(access.network)
    chosen = request.GET.get("school", "")
    school = report.school(int(chosen)) if chosen.isdigit() else None
    served = needs.served(access.network)
    served_otherwise = needs.served_otherwise(access.network)
    return render(
        request,
        "surveys/needs.html",
        {
            "network": access.network,
            "report": report,
            "school": school,
            "lists": [school] if school is not None else [report.overall, *report.schools],
            "served": served,
            "served_otherwise": served_otherwise,
        },
    )


@login_required
@require_POST
def event_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    event_access = get_organised_event(user_of(request), pk)
    event = event_access.event
    try:
        survey, made = actions.ask_for_feedback(event, by=user_of(request))
    except actions.NotYet:
        messages.error(request, _("Feedback is asked for after the event has ended."))
        return redirect(event)
    except ValidationError as error:
        messages.error(request, first_error(error))
        return redirect(event)
    if made:
        messages.success(request, _("The participants are asked for feedback."))
    else:
        messages.info(request, _("The participants were asked for feedback already: here is that survey."))
    return redirect(survey)


def docx_summary(survey: Survey, *, by: str = "") -> bytes:
    """The results page as a Word document, in the reader's language, grouped as the page was."""
    report = results.kept_report(survey, by=by)
    if report.suppressed:
        raise exports.TooFew
    return summary.build(report, results.compare(survey) if survey.repeats_id else None)


# --- Questionnaires that travel (SurveyJS JSON, XLSForm) ----------------------------------------

MAX_IMPORT_BYTES = 1_000_000
# An XLSForm is a workbook, recognised by its content (ortaq/lib/uploads.py), no larger
# than a file of schools and people to import.
XLSFORM_UPLOAD = uploads.Accepts(
    families=frozenset({uploads.DOCUMENT}), types=frozenset({XLSX}), limit_setting="ORTAQ_IMPORT_MAX_BYTES"
)


def usable_version(network: Network, instrument_pk: int) -> InstrumentVersion:
    """The latest version of one of the questionnaires the network may use (the library's or its own)."""
    instrument = Instrument.objects.usable_in(network).filter(pk=instrument_pk).first()
    version = instrument.latest_version() if instrument else None
    if version is None:
        raise Http404(_("No such survey."))
    return version


@login_required
@require_GET
def surveyjs_export(request: HttpRequest, pk: int, instrument_pk: int) -> HttpResponse:
    access = get_survey_network(user_of(request), pk)
    version = usable_version(access.network, instrument_pk)
    response = JsonResponse(surveyjs.export(version), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="questionnaire-{instrument_pk}.json"'
    return response


@login_required
@require_GET
def xlsform_export(request: HttpRequest, pk: int, instrument_pk: int) -> HttpResponse:
    access = get_survey_network(user_of(request), pk)
    version = usable_version(access.network, instrument_pk)
    schools = [(str(school.pk), school.name) for school in access.network.schools.order_by("name")]
    response = HttpResponse(xlsform.write(surveyjs.export(version), schools=schools), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="questionnaire-{instrument_pk}-xlsform.xlsx"'
    return response


def read_surveyjs(upload: UploadedFile[Any]) -> dict[str, Any]:
    if (upload.size or 0) > MAX_IMPORT_BYTES:
        raise ValueError
    document = json.loads(upload.read().decode("utf-8"))
    if not isinstance(document, dict) or not isinstance(document.get("pages"), list):
        raise ValueError
    return document


def read_xlsform(upload: UploadedFile[Any]) -> dict[str, Any]:
    XLSFORM_UPLOAD.check(upload)
    return xlsform.read(upload.read())


def import_questionnaire(
    request: HttpRequest, pk: int, read: Callable[[UploadedFile[Any]], dict[str, Any]], not_read: str
) -> HttpResponse:
    """Either format's import: the file read into a SurveyJS document, then one way in
    (surveyjs.import_document), and back to the network's surveys with what happened."""
    user = user_of(request)
    access = get_survey_network(user, pk)
    upload = request.FILES.get("document")
    back = redirect("surveys:network", pk)
    try:
        if upload is None:
            raise ValueError
        instrument = surveyjs.import_document(read(upload), network=access.network, by=user)
    except (ValueError, UnicodeDecodeError, KeyError, TypeError, AttributeError):
        messages.error(request, not_read)
        return back
    except ValidationError as error:
        messages.error(request, first_error(error))
        return back
    messages.success(request, _("«%(title)s» is imported: choose it for a new survey.") % {"title": instrument.tr()})
    return back


@login_required
@require_POST
def surveyjs_import(request: HttpRequest, pk: int) -> HttpResponse:
    return import_questionnaire(request, pk, read_surveyjs, _("This file is not a SurveyJS questionnaire."))


@login_required
@require_POST
def xlsform_import(request: HttpRequest, pk: int) -> HttpResponse:
    return import_questionnaire(request, pk, read_xlsform, _("This file is not an XLSForm questionnaire."))
