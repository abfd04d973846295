from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from PIL import Image

from accounts.models import Certification
from accounts.tests.factories import PASSWORD, CertificationFactory, UserFactory
from ortaq.testing import as_user

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_it_signs_in_by_email_in_any_case(cast):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": " Teacher@Example.KZ ", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.teacher.pk)


def test_it_tells_a_wrong_password_in_kazakh(cast):
    response = Client().post(
        reverse("accounts:login"), {"username": "teacher@example.kz", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="kk"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Please enter a correct" not in body
    assert "құпиясөз" in body.lower()


@override_settings(ORTAQ_ALLOW_DEMO_LOGINS=False)
def test_production_refuses_the_demo_password(db):
    user = UserFactory(email="leader@demo.ortaq.kz")
    user.set_password("ortaq-demo")
    user.save()
    assert not Client().login(username="leader@demo.ortaq.kz", password="ortaq-demo")
    with override_settings(ORTAQ_ALLOW_DEMO_LOGINS=True):
        assert Client().login(username="leader@demo.ortaq.kz", password="ortaq-demo")


@override_settings(ORTAQ_OPEN_SIGNUP=False)
def test_closed_signup_sends_people_to_sign_in(db):
    response = Client().get(reverse("accounts:signup"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")


def test_it_edits_the_profile(cast):
    from subjects.models import Subject

    maths = Subject.objects.get(code="mathematics")
    response = as_user(cast.teacher).post(
        reverse("accounts:profile"),
        {
            "profile-full_name": "Жұмабеков Ерлан Қайратұлы",
            "profile-school": cast.attached_school.pk,
            "profile-position": "teacher",
            "profile-subjects": [maths.pk],
            "profile-category": "moderator",
            "profile-language": "ru",
        },
    )
    assert response.status_code == 302
    cast.teacher.refresh_from_db()
    assert cast.teacher.full_name == "Жұмабеков Ерлан Қайратұлы"
    assert list(cast.teacher.subjects.all()) == [maths]
    assert cast.teacher.category == "moderator" and cast.teacher.language == "ru"


def test_the_profile_page_needs_a_sign_in(db):
    response = Client().get(reverse("accounts:profile"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_it_adds_a_certification_with_a_real_pdf(cast):
    pdf = SimpleUploadedFile("сертификат.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "application/pdf")
    response = as_user(cast.teacher).post(
        reverse("accounts:certification_add"),
        {
            "cert-kind": "level",
            "cert-level": "2",
            "cert-year": "2016",
            "cert-file": pdf,
        },
    )
    assert response.status_code == 302
    certification = cast.teacher.certifications.get()
    assert certification.file.name.endswith(".pdf") and certification.level == 2
    certification.file.delete()


def test_it_refuses_a_renamed_program_as_a_certificate(cast):
    fake = SimpleUploadedFile("certificate.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "application/pdf")
    response = as_user(cast.teacher).post(
        reverse("accounts:certification_add"),
        {
            "cert-kind": "school_trainer",
            "cert-year": "2019",
            "cert-file": fake,
        },
    )
    assert response.status_code == 400
    assert response.context["certification_form"].errors["file"]
    assert not Certification.objects.exists()


@override_settings(ORTAQ_CERTIFICATE_MAX_BYTES=100)
def test_it_refuses_a_certificate_that_is_too_large(cast):
    image = SimpleUploadedFile("c.png", png_bytes() + b"\x00" * 200, "image/png")
    response = as_user(cast.teacher).post(
        reverse("accounts:certification_add"),
        {
            "cert-kind": "school_trainer",
            "cert-year": "2019",
            "cert-file": image,
        },
    )
    assert response.status_code == 400 and not Certification.objects.exists()


def test_a_level_programme_needs_its_level(cast):
    response = as_user(cast.teacher).post(
        reverse("accounts:certification_add"), {"cert-kind": "level", "cert-year": "2016"}
    )
    assert response.status_code == 400
    assert response.context["certification_form"].errors["level"]


def test_a_certificate_file_outlives_a_mistake_in_the_form_and_is_added_without_sending_it_again(cast, media):
    pdf = SimpleUploadedFile("менің сертификатым.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
    client = as_user(cast.teacher)
    url = reverse("accounts:certification_add")

    refused = client.post(url, {"cert-kind": "level", "cert-year": "2016", "cert-file": pdf})
    [kept] = refused.context["certification_form"].kept_files["file"]
    page = refused.content.decode()
    assert refused.status_code == 400 and "«менің сертификатым.pdf»" in page and 'name="cert-file-kept"' in page
    added = client.post(
        url, {"cert-kind": "level", "cert-level": "2", "cert-year": "2016", "cert-file-kept": kept.token}
    )

    assert added.status_code == 302
    certification = cast.teacher.certifications.get()
    assert certification.file.name.endswith(".pdf") and certification.file.read().startswith(b"%PDF")
    assert not (media / kept.stored).exists()


def test_someone_elses_kept_certificate_is_refused(cast, media):
    pdf = SimpleUploadedFile("c.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
    url = reverse("accounts:certification_add")
    theirs = as_user(cast.coach).post(url, {"cert-kind": "level", "cert-year": "2016", "cert-file": pdf})
    [kept] = theirs.context["certification_form"].kept_files["file"]

    response = as_user(cast.teacher).post(
        url, {"cert-kind": "level", "cert-level": "2", "cert-year": "2016", "cert-file-kept": kept.token}
    )

    assert response.status_code == 400 and response.context["certification_form"].errors["file"]
    assert not Certification.objects.exists() and (media / kept.stored).exists()


def test_only_the_owner_removes_a_certification(cast):
    certification = CertificationFactory(user=cast.teacher)
    url = reverse("accounts:certification_delete", args=[certification.pk])
    assert as_user(cast.leader).post(url).status_code == 404
    assert Certification.objects.filter(pk=certification.pk).exists()
    assert as_user(cast.teacher).post(url).status_code == 200  # asks first
    assert Certification.objects.filter(user=cast.teacher).exists()
    assert as_user(cast.teacher).post(url, {"confirmed": "yes"}).status_code == 302
    assert not Certification.objects.filter(pk=certification.pk).exists()


def test_the_language_choice_is_remembered_on_the_account(cast):
    client = as_user(cast.teacher)
    response = client.post(reverse("accounts:set_language"), {"language": "ru", "next": "/networks/"})
    assert response.status_code == 302 and response["Location"] == "/networks/"
    cast.teacher.refresh_from_db()
    assert cast.teacher.language == "ru"
    page = client.get(reverse("networks:list"), HTTP_ACCEPT_LANGUAGE="en")
    assert page["Content-Language"] == "ru"


def test_a_visitor_without_a_csrf_cookie_can_switch_the_language(db):
    # A public page read anonymously sets no cookie at all, CSRF's included.
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": "/library/5/"})
    assert response.status_code == 302 and response["Location"] == "/library/5/"
    assert response.cookies["ortaq_language"].value == "en"


def test_a_signed_in_persons_language_changes_only_with_the_csrf_token(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.teacher)
    response = client.post(reverse("accounts:set_language"), {"language": "ru", "next": "/"})
    assert response.status_code == 403
    cast.teacher.refresh_from_db()
    assert cast.teacher.language != "ru"
    client.get(reverse("accounts:profile"))  # sets the CSRF cookie, as any page does
    token = client.cookies["csrftoken"].value
    form = {"language": "ru", "next": "/", "csrfmiddlewaretoken": token}
    response = client.post(reverse("accounts:set_language"), form)
    assert response.status_code == 302
    cast.teacher.refresh_from_db()
    assert cast.teacher.language == "ru"


def test_a_visitor_gets_the_browser_language_and_kazakh_by_default(db):
    assert Client().get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9")["Content-Language"] == "ru"
    assert Client().get("/", HTTP_ACCEPT_LANGUAGE="de")["Content-Language"] == "kk"


def test_the_language_switch_ignores_unknown_languages_and_foreign_redirects(db):
    response = Client().post(reverse("accounts:set_language"), {"language": "xx", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert "ortaq_language" not in response.cookies


def test_password_reset_sends_a_working_link(cast):
    Client().post(reverse("accounts:password_reset"), {"email": "teacher@example.kz"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line).strip()
    client = Client()
    response = client.get(link, follow=True)
    assert response.status_code == 200 and response.context["validlink"]
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": "Жаңа-құпия-2026", "new_password2": "Жаңа-құпия-2026"}
    )
    assert response.status_code == 302
    cast.teacher.refresh_from_db()
    assert cast.teacher.check_password("Жаңа-құпия-2026")


def test_password_reset_does_not_reveal_unknown_addresses(db):
    response = Client().post(reverse("accounts:password_reset"), {"email": "nobody@example.kz"})
    assert response.status_code == 302 and not mail.outbox
