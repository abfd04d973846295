"""What every app's API (``<app>/api.py``, under ``/api/v1/``) shares.

The API asks the same ``permissions.py`` functions as the pages: they raise 404 for
outsiders and 403 for read-only members, and DRF turns both into the answers below.
So there is no second rule for the API, only these pieces of plumbing:

- errors as ``application/problem+json`` (RFC 9457), their words in the language the
  client asks for with ``Accept-Language``;
- a read-only token may not write (``TokenScope``);
- cursor pagination, stable when rows are added while a client pages;
- ``ETag`` and ``If-None-Match`` on the detail endpoints (``Conditional``);
- a rate per token (or per person, or per address) with ``Retry-After`` on 429.

DRF imports this module from its settings while ``rest_framework.views`` loads, so it
imports nothing from DRF's views at its top.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, pagination, permissions, serializers, status, throttling
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from ortaq.lib.editing import StaleEdit

PROBLEM = "application/problem+json"

TITLES = {
    400: gettext_lazy("The request has mistakes."),
    401: gettext_lazy("Sign in or send a valid token."),
    403: gettext_lazy("You may not do this."),
    404: gettext_lazy("Not found."),
    405: gettext_lazy("This method is not allowed here."),
    406: gettext_lazy("This format cannot be given."),
    409: gettext_lazy("This conflicts with a change made meanwhile."),
    412: gettext_lazy("The thing changed since you read it."),
    413: gettext_lazy("The request is too large."),
    415: gettext_lazy("This format cannot be read."),
    429: gettext_lazy("Too many requests: wait and try again."),
}


def problem(status_code: int, detail: Any = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": str(TITLES.get(status_code, "")),
        "status": status_code,
    }
    if detail is not None:
        body["detail"] = str(detail)
    body.update(extra)
    return body


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler (Http404, PermissionDenied, validation, throttling and the rest),
    its answer rewritten as a problem document; headers such as Retry-After kept."""
    # Imported here: DRF imports this module (its settings name it) while its views load.
    from rest_framework.views import exception_handler

    response = exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError) or not (isinstance(data, dict) and set(data) <= {"detail"}):
        body = problem(response.status_code, _("Check the fields named in errors."), errors=data)
    else:
        body = problem(response.status_code, data.get("detail") if isinstance(data, dict) else None)
    response.data = body
    response.content_type = PROBLEM
    return response


@csrf_exempt
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any address under /api/v1/ that is no endpoint: a problem, not the site's page."""
    return JsonResponse(problem(404, _("There is no such endpoint.")), status=404, content_type=PROBLEM)


class TokenScope(permissions.BasePermission):
    """A token made for reading may only read. Session sign-in (the site's own pages)
    and read-write tokens may do what the person may."""

    message = gettext_lazy("This token may only read: make a read-and-write token to change things.")

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(getattr(request.auth, "can_write", True))


class Cursor(pagination.CursorPagination):
    """Pages by a cursor: a row added while a client pages is neither skipped nor
    repeated. Views say their order (``ordering``); it must end with a unique field."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "pk"

    def get_ordering(self, request: Request, queryset: Any, view: Any) -> tuple[str, ...]:
        return tuple(getattr(view, "cursor_ordering", (self.ordering,)))


class TokenRateThrottle(throttling.SimpleRateThrottle):
    """One rate per token; the site's own calls count per person; anonymous calls per
    address. The counts live in the cache, shared by every app server."""

    scope = "api"

    def get_rate(self) -> str | None:
        # Read at each request, not once at import as DRF's class attribute is: the
        # setting can change (tests do) and every server reads the same.
        from rest_framework.settings import api_settings

        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        token_pk = getattr(request.auth, "pk", None)
        if token_pk is not None:
            ident = f"token:{token_pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user:{request.user.pk}"
        else:
            ident = f"addr:{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


def absolute(request: Request | None, path: str) -> str:
    """A page's or a file's address as a client follows it: with the scheme and host."""
    return request.build_absolute_uri(path) if request is not None else path


def etag_of(data: Any) -> str:
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:32]
    return f'"{digest}"'


# The largest id an API client may send: as long as an id in an address (api_router.ID),
# so no number sent overflows a database's integer.
MAX_ID = 10**18 - 1


class IdField(serializers.IntegerField):
    """The id of a row, sent in a request's body."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class VersionField(serializers.IntegerField):
    """The ``version`` of a thing as it was read (ortaq/lib/editing.py), sent back with
    a change: a change to an older one is refused with 409. Optional; at most what the
    database's column holds."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2**31 - 1)
        kwargs.setdefault("help_text", "The version read; a change to an older one is refused (409)")
        super().__init__(**kwargs)


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = gettext_lazy("Someone changed this after you read it: read it again and repeat your change.")
    default_code = "precondition_failed"


class Conflict(exceptions.APIException):
    """A change sent with the ``version`` it was read at, when someone saved since
    (ortaq/lib/editing.py ``StaleEdit``): the API's 409, as the edit pages refuse it."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("Someone changed this after you read it: read it again and repeat your change.")
    default_code = "conflict"


def form_errors(errors: dict[str, Any]) -> dict[str, list[str]]:
    """A form's (or a Django ValidationError's) messages by field, the form's own under
    DRF's ``non_field_errors``."""
    general = api_settings.NON_FIELD_ERRORS_KEY
    return {
        (general if name == NON_FIELD_ERRORS else name): [str(message) for message in messages]
        for name, messages in errors.items()
    }


def checked(serializer_class: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    """What was sent, as the endpoint's serializer reads it (its types), or a 400."""
    incoming = serializer_class(data=data)
    incoming.is_valid(raise_exception=True)
    return dict(incoming.validated_data)


def valid(form: forms.BaseForm) -> dict[str, Any]:
    """The cleaned data of the page's own form, or its refusal as the API's 400: the
    API checks what is sent with the very forms the pages use, not a second set of
    rules."""
    if not form.is_valid():
        raise exceptions.ValidationError(form_errors(form.errors))
    return form.cleaned_data


class KeepsNothing:
    """Mixed in before a page's form with files (ortaq/lib/kept_uploads.py) to check
    what an API client sends: the client sends its files again with a corrected
    request, so a refused one keeps nothing for a form no page shows again."""

    def keep_uploads(self) -> None:
        return None


def tagged(request: Request, response: Response) -> Response:
    """The response with an ``ETag`` of what it carries, or 304 when the client holds
    that already (``If-None-Match``)."""
    tag = etag_of(response.data)
    wanted = request.headers.get("If-None-Match", "")
    if tag in {part.strip() for part in wanted.split(",")} or wanted.strip() == "*":
        return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": tag})
    response["ETag"] = tag
    return response


class Conditional:
    """``retrieve`` with an ``ETag`` of what it returns, and 304 when the client
    already holds it (``If-None-Match``). The tag is taken from the representation, so
    it changes exactly when what the client would read changes, whatever changed it.

    A change sent with ``If-Match`` is refused with 412 when the thing has changed
    since that tag was read: two people editing at once do not overwrite each other."""

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return tagged(request, super().retrieve(request, *args, **kwargs))  # type: ignore[misc]

    # Checked before the change runs, not in an ``update`` of this class: a router
    # takes any viewset with an ``update`` for one that answers PUT.
    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if getattr(self, "action", None) in ("update", "partial_update"):
            self.check_if_match(request)

    def check_if_match(self, request: Request) -> None:
        """412 unless the thing is as read at the ``If-Match`` tag."""
        wanted = request.headers.get("If-Match", "").strip()
        if wanted and wanted != "*":
            current = self.get_serializer(self.get_object()).data  # type: ignore[attr-defined]
            if etag_of(current) not in {part.strip() for part in wanted.split(",")}:
                raise PreconditionFailed


@contextlib.contextmanager
def refusals(field: str = "detail") -> Iterator[None]:
    """An app's action called from the API: its refusals (a Django ValidationError,
    translated, as the page shows them) answer 400 with their messages, under the
    fields they name or ``field``; a save of an older version (``StaleEdit``) 409."""
    try:
        yield
    except StaleEdit:
        raise Conflict from None
    except DjangoValidationError as error:
        if not hasattr(error, "error_dict"):
            raise exceptions.ValidationError({field: error.messages}) from None
        messages = dict(error.message_dict)
        if NON_FIELD_ERRORS in messages:  # a model's clean(): about no one field
            messages[field] = messages.pop(NON_FIELD_ERRORS)
        raise exceptions.ValidationError(messages) from None


class Moment(serializers.DateTimeField):
    """A date and time in ISO 8601: read in the site's zone (Asia/Almaty) when it comes
    without an offset, and written with the zone's offset. Years at the very ends of
    Python's calendar are refused: they cannot be moved to UTC to be stored."""

    def to_internal_value(self, value: Any) -> datetime.datetime:
        moment: datetime.datetime = super().to_internal_value(value)
        if not datetime.MINYEAR < moment.year < datetime.MAXYEAR:
            raise serializers.ValidationError(_("Give a date between the years 2 and 9998."))
        return moment


class Day(serializers.DateField):
    """A date in ISO 8601 (``2026-11-23``), whatever the language of the interface;
    with the same bounds as ``Moment``."""

    def to_internal_value(self, value: Any) -> datetime.date:
        day: datetime.date = super().to_internal_value(value)
        if not datetime.MINYEAR < day.year < datetime.MAXYEAR:
            raise serializers.ValidationError(_("Give a date between the years 2 and 9998."))
        return day


# A cursor that cannot be read is 404 (DRF's answer); a page size too large is cut down.
PAGING = ("cursor", "page_size")


def problem_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular's last step: every operation says which problems it may answer,
    all in one shape, so a client (and the schema checks in CI) know them."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = {
        "type": "object",
        "description": "RFC 9457 problem details, in the language of Accept-Language.",
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "errors": {
                "description": "What is wrong with each field sent.",
                "type": "object",
                "additionalProperties": True,
            },
        },
        "required": ["type", "title", "status"],
    }
    problem_ref = {"content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    words = {
        "400": "The request has mistakes",
        "401": "Not signed in, or the token is not valid",
        "403": "Signed in, but not allowed to do this",
        "404": "Not found, or not visible to you",
        "409": "Changed by someone else since it was read",
        "412": "Changed since the ETag sent in If-Match",
        "415": "The body's format cannot be read",
        "429": "Too many requests; see Retry-After",
    }
    for path, path_item in result.get("paths", {}).items():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = ["401", "403", "404", "429"]
            if method in ("post", "put", "patch", "delete"):
                codes += ["400", "409", "415"]
            elif any(
                parameter.get("in") == "query" and parameter.get("name") not in PAGING
                for parameter in operation.get("parameters", [])
            ):
                codes.append("400")  # a filter that cannot be read (a date not in ISO 8601)
            if method in ("put", "patch"):
                codes.append("412")
            if method == "get" and path.endswith("}/"):
                operation["responses"].setdefault(
                    "304", {"description": "Not modified: the client holds this version (If-None-Match)"}
                )
            for code in codes:
                operation["responses"].setdefault(code, {"description": words[code], **problem_ref})
            if "429" in operation["responses"]:
                operation["responses"]["429"].setdefault(
                    "headers", {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait"}}
                )
    return result
