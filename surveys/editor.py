"""The questionnaire editor's pages: a network's own questionnaires, written on the site.

Who may: whoever runs the network's surveys (``permissions.get_edited_instrument``).
Every change is an action in ``actions`` and lands in the editable version: when a
survey runs on the latest one, the first change makes the next version, and the page
says so; the surveys sent keep the questions they were answered on. Edits carry the
revision they were opened at (``ortaq/lib/editing.py``): a stale save is refused with
both texts shown. Plain forms, no script: a question's kind is chosen in the form, and
«Show the fields for this kind» draws it again with what was typed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ortaq.lib import confirm, editing
from ortaq.lib.views import first_error, user_of
from surveys import actions
from surveys.answering import Questionnaire
from surveys.forms import LANGUAGE_NAMES, InstrumentForm, ItemForm, SectionForm
from surveys.models import (
    LANGUAGES,
    Instrument,
    InstrumentVersion,
    Item,
    ItemKind,
    Section,
    Survey,
    TranslationStatus,
    in_language,
)
from surveys.permissions import (
    InstrumentAccess,
    get_copied_instrument,
    get_edited_instrument,
    get_edited_item,
    get_edited_section,
    get_survey_network,
)
from surveys.views import question

# Where a model's complaint lands in the editor's forms.
FIELD_OF = {"text": "text_kk", "help": "help_kk", "options": "options_kk", "show_if": "show_if_item"}


def editor_url(instrument: Instrument, anchor: str = "") -> str:
    return reverse("surveys:editor", args=[instrument.pk]) + (f"#{anchor}" if anchor else "")


def add_errors(form: Any, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = FIELD_OF.get(name, name)
        form.add_error(field if field in form.fields else None, errors)


def told_of_new_version(request: HttpRequest, opened: InstrumentVersion | None, now: InstrumentVersion | None) -> None:
    if opened is not None and now is not None and now.pk != opened.pk:
        messages.info(
            request,
            _(
                "A survey was sent on version %(old)d, so your change made version %(new)d. "
                "The surveys sent keep their questions; new surveys ask version %(new)d."
            )
            % {"old": opened.number, "new": now.number},
        )


# --- Questionnaires -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def instrument_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_survey_network(user, pk)
    form = InstrumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        instrument = actions.create_instrument(access.network, by=user, **form.fields_for_action())
        messages.success(request, _("The questionnaire is made: add its first section."))
        return redirect(editor_url(instrument))
    return render(request, "surveys/editor/instrument_form.html", {"network": access.network, "form": form})


@login_required
@require_POST
def instrument_copy(request: HttpRequest, pk: int, instrument_pk: int) -> HttpResponse:
    user = user_of(request)
    access = get_survey_network(user, pk)
    source = get_copied_instrument(access, instrument_pk)
    instrument = actions.copy_instrument(source, network=access.network, by=user)
    messages.success(
        request, _("This is the network's own copy of «%(title)s»: change it as you need.") % {"title": source.tr()}
    )
    return redirect(editor_url(instrument))


@login_required
@require_http_methods(["GET", "POST"])
def instrument_edit(request: HttpRequest, pk: int) -> HttpResponse:
    edited = get_edited_instrument(user_of(request), pk)
    instrument = edited.instrument
    form = InstrumentForm(
        request.POST or None, initial=InstrumentForm.initial_of(instrument), version=instrument.revision
    )
    context = {"network": edited.network, "instrument": instrument, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_instrument(instrument, revision=form.opened_version, **form.fields_for_action())
        except editing.StaleEdit:
            saved = Instrument.objects.get(pk=instrument.pk)
            return editing.refuse_stale(
                request,
                "surveys/editor/instrument_form.html",
                context,
                form=form,
                saved=InstrumentForm(initial=InstrumentForm.initial_of(saved), version=saved.revision),
            )
        messages.success(request, _("The questionnaire is saved."))
        return redirect(editor_url(instrument))
    return render(request, "surveys/editor/instrument_form.html", context)


@login_required
@require_GET
def editor(request: HttpRequest, pk: int) -> HttpResponse:
    edited = get_edited_instrument(user_of(request), pk)
    instrument = edited.instrument
    version = instrument.latest_version()
    sections: list[dict[str, Any]] = []
    if version is not None:
        questionnaire = Questionnaire.read(version)
        by_code = questionnaire.by_code
        sections = [
            {
                "section": section,
                "missing": [LANGUAGE_NAMES[language] for language in section.missing()],
                "items": [
                    entry(item, [entry(row, by_code=by_code) for row in questionnaire.rows.get(item.pk, [])], by_code)
                    for item in questionnaire.items[section.pk]
                ],
            }
            for section in questionnaire.sections
        ]
    sent = dict(
        Survey.objects.filter(version__instrument=instrument, sent_at__isnull=False)
        .values_list("version__number")
        .annotate(count=Count("pk"))
        .values_list("version__number", "count")
    )
    return render(
        request,
        "surveys/editor/editor.html",
        {
            "network": edited.network,
            "instrument": instrument,
            "version": version,
            "sections": sections,
            "sent_on_older": sum(count for number, count in sent.items() if version and number < version.number),
            "sent_on_this": sent.get(version.number, 0) if version else 0,
            "kinds": ItemKind.choices,
        },
    )


def entry(
    item: Item, rows: list[dict[str, Any]] | None = None, by_code: dict[str, Item] | None = None
) -> dict[str, Any]:
    """What the editor shows of a question: its texts' languages, its condition in words."""
    statuses = item.translation or {}
    return {
        "item": item,
        "text": in_language(item.text),
        "rows": rows or [],
        "languages": [
            (language, LANGUAGE_NAMES[language], status, TranslationStatus(status).label)
            for language in LANGUAGES[1:]
            for status in [status_of(item, language, statuses)]
        ],
        "missing_kk": not str((item.text or {}).get("kk", "")).strip(),
        "condition": condition_text(item.show_if or {}, by_code or {}),
        "options": [in_language(option.get("label")) for option in item.options],
    }


def status_of(item: Item, language: str, statuses: dict[str, str]) -> str:
    if not str((item.text or {}).get(language, "")).strip():
        return TranslationStatus.MISSING
    status = statuses.get(language, TranslationStatus.DRAFT)
    return status if status in TranslationStatus.values else TranslationStatus.DRAFT


def condition_text(condition: dict[str, Any], by_code: dict[str, Item]) -> str:
    """The condition in words, the choices by their labels («Директор», not «2»)."""
    if not condition.get("item"):
        return ""
    other = by_code.get(condition["item"])
    values = {"item": condition["item"]}
    if condition.get("in"):
        labels = [f"«{other.option_label(str(v))}»" if other else str(v) for v in condition["in"]]
        return _("Shown if «%(item)s» is answered %(values)s.") % {**values, "values": ", ".join(labels)}
    parts = []
    if condition.get("gte") is not None:
        parts.append(_("at least %(number)s") % {"number": formats.localize(condition["gte"])})
    if condition.get("lte") is not None:
        parts.append(_("at most %(number)s") % {"number": formats.localize(condition["lte"])})
    return _("Shown if «%(item)s» is answered %(values)s.") % {**values, "values": ", ".join(parts)}


# --- Sections -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def section_add(request: HttpRequest, pk: int) -> HttpResponse:
    edited = get_edited_instrument(user_of(request), pk)
    instrument = edited.instrument
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        opened = instrument.latest_version()
        section = actions.add_section(instrument, **form.fields_for_action())
        told_of_new_version(request, opened, section.version)
        messages.success(request, _("The section is added."))
        return redirect(editor_url(instrument, f"section-{section.pk}"))
    return render(request, "surveys/editor/section_form.html", section_context(edited, None, form))


def section_context(edited: InstrumentAccess, section: Section | None, form: SectionForm) -> dict[str, Any]:
    return {"network": edited.network, "instrument": edited.instrument, "section": section, "form": form}


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int) -> HttpResponse:
    edited, section = get_edited_section(user_of(request), pk)
    form = SectionForm(request.POST or None, initial=SectionForm.initial_of(section), version=section.revision)
    context = section_context(edited, section, form)
    if request.method == "POST" and form.is_valid():
        try:
            saved_section = actions.save_section(section, revision=form.opened_version, **form.fields_for_action())
        except editing.StaleEdit:
            saved = current_section(section)
            return editing.refuse_stale(
                request,
                "surveys/editor/section_form.html",
                context,
                form=form,
                saved=SectionForm(initial=SectionForm.initial_of(saved), version=saved.revision),
            )
        except actions.Gone:
            form.add_error(None, _("This section was deleted since you opened it."))
        else:
            told_of_new_version(request, section.version, saved_section.version)
            messages.success(request, _("The section is saved."))
            return redirect(editor_url(edited.instrument, f"section-{saved_section.pk}"))
    return render(request, "surveys/editor/section_form.html", context)


def current_section(section: Section) -> Section:
    """What is saved now of the section: itself, or its copy in a newer version."""
    newer = Section.objects.filter(copied_from=section.pk).order_by("-pk").first()
    return newer or Section.objects.get(pk=section.pk)


def step_of(request: HttpRequest) -> int:
    return -1 if request.POST.get("step") == "up" else 1


@login_required
@require_POST
def section_move(request: HttpRequest, pk: int) -> HttpResponse:
    edited, section = get_edited_section(user_of(request), pk)
    anchor = f"section-{section.pk}"
    try:
        moved = actions.move_section(section, step=step_of(request))
    except ValidationError as error:
        messages.error(request, first_error(error))
    except actions.Gone:
        messages.error(request, _("This section was deleted since you opened the page."))
    else:
        told_of_new_version(request, section.version, moved.version)
        anchor = f"section-{moved.pk}"
    return redirect(editor_url(edited.instrument, anchor))


@login_required
@require_http_methods(["GET", "POST"])
def section_delete(request: HttpRequest, pk: int) -> HttpResponse:
    edited, section = get_edited_section(user_of(request), pk)
    instrument = edited.instrument
    if not confirm.confirmed(request):
        codes = set(section.items.values_list("code", flat=True))
        count = len(codes)
        losses = [
            _("Its questions go with it: %(count)d.") % {"count": count} if count else _("It has no questions."),
            *conditions_dropped(section.version_id, codes),
        ]
        return confirm.ask(
            request,
            question=_("Delete the section «%(title)s»?") % {"title": section.tr()},
            losses=losses,
            keeps=[_("The surveys already sent keep their questions.")],
            button=_("Delete the section"),
            back=editor_url(instrument, f"section-{section.pk}"),
            place=[(editor_url(instrument), instrument.tr())],
        )
    try:
        opened = section.version
        actions.delete_section(section)
    except actions.Gone:
        pass  # deleted by someone else already: what was asked is done
    else:
        told_of_new_version(request, opened, instrument.latest_version())
    messages.success(request, _("The section is deleted."))
    return redirect(editor_url(instrument))


def conditions_dropped(version_id: int, codes: set[str]) -> list[str]:
    return [
        _("The condition of «%(item)s» on it is removed: that question will always be shown.")
        % {"item": in_language(item.text) or item.code}
        for item in actions.dependents(version_id, codes)
    ]


@login_required
@require_GET
def section_preview(request: HttpRequest, pk: int) -> HttpResponse:
    edited, section = get_edited_section(user_of(request), pk)
    wanted = request.GET.get("language", "")
    language = wanted if wanted in LANGUAGES else (translation.get_language() or "kk")[:2]
    questionnaire = Questionnaire.read(section.version)
    sections = questionnaire.sections
    index = next(i for i, one in enumerate(sections) if one.pk == section.pk)
    items = questionnaire.items[section.pk]
    schools = list(edited.network.schools.order_by("name")) if any(i.kind == ItemKind.SCHOOL for i in items) else []
    with translation.override(language):
        questions = []
        for item in items:
            view = question(item, questionnaire, {}, {}, schools)
            view["condition"] = item.show_if or {}
            view["rows_conditions"] = [row.code for row in questionnaire.rows.get(item.pk, []) if row.show_if]
            questions.append(view)
        response = render(
            request,
            "surveys/editor/preview.html",
            {
                "network": edited.network,
                "instrument": edited.instrument,
                "section": section,
                "section_intro": in_language(section.intro),
                "questions": questions,
                "section_number": index + 1,
                "sections": len(sections),
                "previous": sections[index - 1] if index > 0 else None,
                "next": sections[index + 1] if index + 1 < len(sections) else None,
                "languages": LANGUAGES,
                "language": language,
                # Whether anything on the screen is read in Kazakh for want of this language.
                "missing": language in section.missing()
                or any(
                    language in one.missing("text")
                    for item in items
                    for one in [item, *questionnaire.rows.get(item.pk, [])]
                ),
            },
        )
        response["Content-Language"] = language
    return response


# --- Questions ----------------------------------------------------------------------------------


def others_of(version: InstrumentVersion, item: Item | None = None) -> list[Item]:
    """The questions a condition may look at: those that take an answer, in order
    (the action refuses a later one with its reason)."""
    exclude = {item.pk} if item else set()
    return [
        other
        for other in actions.version_order(version)
        if other.pk not in exclude and other.kind != ItemKind.MATRIX and (item is None or other.parent_id != item.pk)
    ]


def item_context(edited: InstrumentAccess, section: Section, form: ItemForm, **more: Any) -> dict[str, Any]:
    return {
        "network": edited.network,
        "instrument": edited.instrument,
        "section": section,
        "form": form,
        "kind_label": ItemKind(form.chosen_kind).label if form.chosen_kind in ItemKind.values else "",
        **more,
    }


def rekind(request: HttpRequest) -> bool:
    """«Show the fields for this kind»: the form comes back with what was typed, unsaved."""
    return request.method == "POST" and "rekind" in request.POST


def typed(request: HttpRequest) -> dict[str, Any]:
    return {name: value for name, value in request.POST.items() if name not in ("csrfmiddlewaretoken", "rekind")}


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    edited, section = get_edited_section(user_of(request), pk)
    parent_pk = request.GET.get("matrix", "")
    parent = (
        Item.objects.select_related("scale").filter(pk=parent_pk, section=section, kind=ItemKind.MATRIX).first()
        if parent_pk.isdigit()
        else None
    )
    kind = request.GET.get("kind", "")
    others = others_of(section.version)
    statement = parent is not None
    initial = {"kind": kind if kind in ItemKind.values else ItemKind.SINGLE, "code": next_code(section.version)}
    if rekind(request):
        form = ItemForm(initial=typed(request), others=others, statement=statement, kind=request.POST.get("kind", ""))
    else:
        form = ItemForm(request.POST or None, initial=initial, others=others, statement=statement)
    context = item_context(edited, section, form, parent=parent)
    if request.method == "POST" and not rekind(request) and form.is_valid():
        try:
            opened = section.version
            item = actions.add_item(section, parent=parent, **form.fields_for_action())
        except ValidationError as error:
            add_errors(form, error)
        except actions.Gone:
            form.add_error(None, _("This section was deleted since you opened it."))
        else:
            told_of_new_version(request, opened, item.section.version)
            messages.success(request, _("The question is added."))
            return redirect(editor_url(edited.instrument, f"item-{item.pk}"))
    return render(request, "surveys/editor/item_form.html", context)


def next_code(version: InstrumentVersion) -> str:
    taken = set(Item.objects.filter(section__version=version).values_list("code", flat=True))
    number = len(taken) + 1
    while f"q{number}" in taken:
        number += 1
    return f"q{number}"


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    edited, item = get_edited_item(user_of(request), pk)
    section = item.section
    others = others_of(section.version, item)
    statement = item.parent_id is not None
    if rekind(request):
        form = ItemForm(
            initial=typed(request),
            others=others,
            statement=statement,
            kind=request.POST.get("kind", ""),
            version=item.revision,
        )
    else:
        form = ItemForm(
            request.POST or None,
            initial=ItemForm.initial_of(item),
            others=others,
            statement=statement,
            version=item.revision,
        )
    context = item_context(edited, section, form, item=item, parent=item.parent)
    if request.method == "POST" and not rekind(request) and form.is_valid():
        try:
            saved_item = actions.save_item(
                item, revision=form.opened_version, **form.fields_for_action(existing=item.options)
            )
        except editing.StaleEdit:
            saved = current_item(item)
            return editing.refuse_stale(
                request,
                "surveys/editor/item_form.html",
                context,
                form=form,
                saved=ItemForm(
                    initial=ItemForm.initial_of(saved),
                    others=others,
                    statement=statement,
                    kind=saved.kind,
                    version=saved.revision,
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        except actions.Gone:
            form.add_error(None, _("This question was deleted, or its code changed, since you opened it."))
        else:
            told_of_new_version(request, section.version, saved_item.section.version)
            messages.success(request, _("The question is saved."))
            return redirect(editor_url(edited.instrument, f"item-{saved_item.pk}"))
    return render(request, "surveys/editor/item_form.html", context)


def current_item(item: Item) -> Item:
    """What is saved now of the question: itself, or its copy in the latest version."""
    latest = item.section.version.instrument.latest_version()
    newer = Item.objects.filter(section__version=latest, code=item.code).first() if latest else None
    return newer or Item.objects.get(pk=item.pk)


@login_required
@require_POST
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    edited, item = get_edited_item(user_of(request), pk)
    anchor = f"item-{item.pk}"
    try:
        moved = actions.move_item(item, step=step_of(request))
    except ValidationError as error:
        messages.error(request, first_error(error))
    except actions.Gone:
        messages.error(request, _("This question was deleted since you opened the page."))
    else:
        told_of_new_version(request, item.section.version, moved.section.version)
        anchor = f"item-{moved.pk}"
    return redirect(editor_url(edited.instrument, anchor))


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    edited, item = get_edited_item(user_of(request), pk)
    instrument = edited.instrument
    if not confirm.confirmed(request):
        codes = {item.code, *item.rows.values_list("code", flat=True)}
        rows = len(codes) - 1
        losses = [_("Its statements go with it: %(count)d.") % {"count": rows}] if rows else []
        return confirm.ask(
            request,
            question=_("Delete the question «%(text)s»?") % {"text": in_language(item.text) or item.code},
            losses=[*losses, *conditions_dropped(item.section.version_id, codes)],
            keeps=[_("The surveys already sent keep their questions.")],
            button=_("Delete the question"),
            back=editor_url(instrument, f"item-{item.pk}"),
            place=[(editor_url(instrument), instrument.tr())],
        )
    try:
        opened = item.section.version
        actions.delete_item(item)
    except actions.Gone:
        pass  # deleted by someone else already
    else:
        told_of_new_version(request, opened, instrument.latest_version())
    messages.success(request, _("The question is deleted."))
    return redirect(editor_url(instrument, f"section-{item.section_id}"))
