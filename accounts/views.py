from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts import actions, signups
from accounts.forms import ApiTokenForm, CertificationForm, ProfileForm, SignupForm, SignupPasswordForm
from accounts.models import Certification, User
from accounts.permissions import get_api_token_for_owner, get_certification_for_owner
from ortaq.lib import confirm
from ortaq.lib.views import safe_next
from schools.actions import request_school
from schools.models import SchoolRequest


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(safe_next(request))
    if not settings.ORTAQ_OPEN_SIGNUP and "/invite/" not in safe_next(request, ""):
        messages.info(request, _("Accounts are created by invitation. Ask your network leader for one."))
        return redirect("accounts:login")
    # An invitation sent to an address brings it along, and the name the inviter wrote:
    # the person need not type them.
    initial = {"email": request.GET.get("email", "")[:254], "full_name": request.GET.get("name", "")[:200]}
    form = SignupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        signups.start(
            form.cleaned_data["full_name"], email, language=request.LANGUAGE_CODE, next_url=safe_next(request, "")
        )
        # The same page for every address: whether it has an account is not said here.
        return render(request, "accounts/signup_sent.html", {"email": email})
    return render(request, "accounts/signup.html", {"form": form, "next": safe_next(request, "")})


def signup_finish(request: HttpRequest, token: str) -> HttpResponse:
    applicant = signups.read(token)
    if applicant is None:
        return render(request, "accounts/signup_link.html", status=400)
    if User.objects.filter(email=applicant.email).exists():
        messages.info(request, _("This address already has an account. Sign in, or reset the password."))
        return redirect("accounts:login")
    person = User(email=applicant.email, full_name=applicant.full_name, language=applicant.language)
    form = SignupPasswordForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        asked = form.asked_school()
        try:
            with transaction.atomic():
                person.set_password(form.cleaned_data["password"])
                person.school = form.cleaned_data["school"]
                person.save()
                if asked:
                    # Without a school until it is approved; told then.
                    request_school(person, name=asked[0], district=asked[1])
        except IntegrityError:  # the same link followed twice at once
            return redirect("accounts:login")
        login(request, person, backend="accounts.backends.EmailBackend")
        messages.success(request, _("Welcome to Ortaq! Fill in your profile so colleagues know you."))
        tell_about_school(request, form)
        return redirect(applicant.next or "/accounts/profile/")
    return render(request, "accounts/signup_finish.html", {"form": form, "person": person})


def tell_about_school(request: HttpRequest, form: SignupPasswordForm | ProfileForm) -> None:
    if form.found_in_list is not None:
        messages.info(
            request,
            _("«%(school)s» is in the list already: it is your school now.") % {"school": form.found_in_list.name},
        )
    elif form.asked_school():
        messages.info(
            request,
            _(
                "Your school is asked for. A network leader of the district or an administrator adds it; "
                "you will be told."
            ),
        )


def pending_school_request(user: User) -> SchoolRequest | None:
    return SchoolRequest.objects.pending().filter(requested_by=user).select_related("district").first()


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = ProfileForm(request.POST or None, instance=user, prefix="profile", pending=pending_school_request(user))
    if request.method == "POST" and form.is_valid():
        asked = form.asked_school()
        try:
            with transaction.atomic():
                if asked:
                    request_school(user, name=asked[0], district=asked[1])
                form.save()
        except ValidationError as error:  # asked from another page meanwhile
            form.add_error("new_school", error)
            return render(request, "accounts/profile.html", profile_context(user, form=form), status=400)
        messages.success(request, _("Your profile is saved."))
        tell_about_school(request, form)
        response = redirect("accounts:profile")
        if user.language:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, max_age=settings.LANGUAGE_COOKIE_AGE)
        return response
    return render(request, "accounts/profile.html", profile_context(user, form=form))


def profile_context(user: User, **forms: object) -> dict[str, object]:
    """The profile page's forms, the one sent (with what was typed) among them."""
    return {
        "form": ProfileForm(instance=user, prefix="profile", pending=pending_school_request(user)),
        "certification_form": CertificationForm(prefix="cert", owner=user),
        "certifications": user.certifications.all(),
        "token_form": ApiTokenForm(prefix="token"),
        "tokens": user.api_tokens.filter(revoked_at__isnull=True),
        **forms,
    }


@login_required
@require_POST
def api_token_create(request: HttpRequest) -> HttpResponse:
    """Makes a personal API token and shows it, this once: only its digest is kept."""
    user: User = request.user  # type: ignore[assignment]
    form = ApiTokenForm(request.POST, prefix="token")
    if not form.is_valid():
        return render(request, "accounts/profile.html", profile_context(user, token_form=form), status=400)
    token, secret = actions.issue_api_token(
        user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"], days=form.cleaned_data["days"]
    )
    response = render(request, "accounts/api_token_created.html", {"token": token, "secret": secret})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_api_token_for_owner(request.user, pk)  # type: ignore[arg-type]
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            question=_("Revoke the token «%(name)s»?") % {"name": token.name},
            losses=[_("Whatever uses it can no longer reach Ortaq. This cannot be undone: make a new token instead.")],
            button=_("Revoke the token"),
            back=reverse("accounts:profile"),
        )
    actions.revoke_api_token(token)
    messages.success(request, _("The token is revoked."))
    return redirect("accounts:profile")


@login_required
@require_POST
def certification_add(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = CertificationForm(request.POST, request.FILES, prefix="cert", owner=user)
    form.instance.user = user
    if form.is_valid():
        form.save()
        form.forget_kept()
        messages.success(request, _("The certification is added."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", profile_context(user, certification_form=form), status=400)


@login_required
@require_http_methods(["GET", "POST"])
def certification_delete(request: HttpRequest, pk: int) -> HttpResponse:
    certification = get_certification_for_owner(request.user, pk)  # type: ignore[arg-type]
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            question=_("Remove «%(certification)s» from your profile?") % {"certification": certification},
            losses=[
                _("Its file is deleted too.") if certification.file else _("It leaves your profile."),
                *(
                    [_("The figures of your networks no longer count it.")]
                    if certification.kind != Certification.Kind.OTHER
                    else []
                ),
            ],
            button=_("Remove the certification"),
            back=reverse("accounts:profile"),
        )
    if certification.file:
        certification.file.delete(save=False)
    certification.delete()
    messages.success(request, _("The certification is removed."))
    return redirect("accounts:profile")


def _csrf_checked(request: HttpRequest) -> HttpResponse:
    """Stands for set_language before CsrfViewMiddleware, which skips views marked exempt."""
    raise NotImplementedError


@csrf_exempt
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switches the interface language; remembered on the account when signed in
    and in a cookie otherwise.

    A visitor reading a public page has no CSRF cookie (reads write nothing: the
    layout asks for no token unless signed in), so for visitors, who change only their own
    cookie, the check is waived; the account's setting is changed only with it."""
    if request.user.is_authenticated:
        refused = CsrfViewMiddleware(lambda _request: HttpResponse()).process_view(request, _csrf_checked, (), {})
        if refused is not None:
            return refused
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(safe_next(request))
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        User.objects.filter(pk=request.user.pk).update(language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response
