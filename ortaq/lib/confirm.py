"""Asking before a destructive action (issue 15): one page, and no script needed.

A view that deletes, removes, withdraws, revokes or calls something off authorizes
first (an outsider still gets 404 and a read-only member 403 before anything is
asked), then::

    if not confirm.confirmed(request):
        return confirm.ask(request, question=..., losses=[...], button=..., back=...)
    ...act...

A GET of the action's address, or a POST without the ``confirmed`` field (the first
click on a row's red button), renders ``confirm.html``: the question, what goes with
it, counted («5 tasks», «its forum: 3 discussions»), what stays, and a form that posts
to the same address with ``confirmed``. Only that second POST acts. What the first
form carried (a reason typed next to the button, a ``next`` address) goes on with the
confirmation; a form given to ``ask`` (the reason for revoking an award) is shown on
the page, filled in with what was typed, so it can still be corrected there.
"""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise

CONFIRMED = "confirmed"
REVISE = "revise"
# Fields of the first form that are never carried on to the confirmation.
NOT_CARRIED = {"csrfmiddlewaretoken", CONFIRMED, REVISE}

Text = str | Promise


def confirmed(request: HttpRequest) -> bool:
    """True only for a POST sent by the confirmation page's button."""
    return request.method == "POST" and bool(request.POST.get(CONFIRMED))


def revising(request: HttpRequest) -> bool:
    """True for a POST sent by the «change it» button of a page asked with ``revise``:
    the form comes back as it was filled in, and nothing is done."""
    return request.method == "POST" and bool(request.POST.get(REVISE)) and not confirmed(request)


def ask(
    request: HttpRequest,
    *,
    question: Text,
    button: Text,
    back: str,
    lead: Text | None = None,
    losses: Sequence[Text] = (),
    keeps: Sequence[Text] = (),
    afterwards: Text | None = None,
    form: forms.Form | None = None,
    place: Sequence[tuple[str, Text]] = (),
    revise: Text | None = None,
    danger: bool = True,
) -> HttpResponse:
    """The confirmation page of the action at ``request.path``.

        ``lead`` is a sentence above ``losses``, the lines of what goes with it; ``keeps``
        says what stays; ``afterwards`` whether it can be undone (by default: it cannot).
        ``back`` is where «Go back» leads (the page the action was started from);
        ``place`` the breadcrumbs above. For an action asked about a long form (a series
        edited whole), ``revise`` labels a button in the place of «Go back» that sends what
        was carried back to the form (``revising``), so nothing typed is lost. ``danger``
    paints the button red; an action that loses nothing (a series saved with no date
    removed) asks with ``danger=False``."""
    shown = set(form.fields) if form is not None else set()
    carried = [
        (name, value)
        for name, values in (request.POST.lists() if request.method == "POST" else ())
        if name not in NOT_CARRIED and name not in shown
        for value in values
    ]
    return render(
        request,
        "confirm.html",
        {
            "question": question,
            "button": button,
            "back": back,
            "lead": lead,
            "losses": losses,
            "keeps": keeps,
            "afterwards": afterwards,
            "form": form,
            "carried": carried,
            "place": place,
            "confirmed_field": CONFIRMED,
            "revise": revise,
            "revise_field": REVISE,
            "danger": danger,
        },
    )
