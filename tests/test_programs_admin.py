import csv
import io

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client, RequestFactory

from core.roles import PROGRAM_MANAGER
from documents.factories import DocumentFactory as LibraryDocumentFactory
from programs.factories import ApplicationFactory, ProgramFactory
from programs.models import Application, Program, ProgramParticipation
from tests.programs_data import make_hromadas

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/programs/application/"


@pytest.fixture
def councils():
    return make_hromadas(4)


@pytest.fixture
def application(councils):
    application = ApplicationFactory(
        lead_council=councils[0],
        contact_name="Олена Петренко",
        contact_email="olena@example.org",
        motivation='=HYPERLINK("http://evil.example")',
    )
    application.partner_councils.set(councils[1:3])
    return application


def login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def manager(django_user_model):
    user = django_user_model.objects.create_user("manager", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=PROGRAM_MANAGER.name))
    return login(user)


def test_anonymous_visitors_are_sent_to_the_login_page(client, application):
    for url in [CHANGELIST, f"{CHANGELIST}{application.pk}/change/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_staff_without_the_permission_cannot_list_or_open_applications(
    staff_client, application, django_user_model
):
    assert staff_client.get(CHANGELIST).status_code == 403
    assert staff_client.get(f"{CHANGELIST}{application.pk}/change/").status_code == 403
    # Permissions on programs alone do not open the applications either.
    user = django_user_model.objects.get(username="staff")
    user.user_permissions.add(*Permission.objects.filter(codename__endswith="_program"))
    assert staff_client.get(CHANGELIST).status_code == 403
    assert "olena@example.org" not in staff_client.get("/admin/").content.decode()


def test_program_managers_review_applications(manager, application):
    listing = manager.get(CHANGELIST)
    assert listing.status_code == 200
    assert application.lead_council.name in listing.content.decode()  # the person: on its page
    page = manager.get(f"{CHANGELIST}{application.pk}/change/")
    assert page.status_code == 200
    assert "olena@example.org" in page.content.decode()
    assert manager.get(f"{CHANGELIST}add/").status_code == 403  # only the site's form adds


def test_managers_search_and_filter(manager, application, councils):
    other = ApplicationFactory(lead_council=councils[3], contact_name="Іван Коваль")
    mine, others = application.lead_council.name, other.lead_council.name
    html = manager.get(CHANGELIST, {"q": "Петренко"}).content.decode()
    assert mine in html
    assert others not in html
    other.decide("pass")
    html = manager.get(CHANGELIST, {"status__exact": "passed_stage_1"}).content.decode()
    assert others in html
    assert mine not in html


def act(client, action, *applications):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [a.pk for a in applications]},
        follow=True,
    )


def test_decisions_move_an_application_through_the_stages(manager, application, councils):
    act(manager, "pass_stage", application)
    application.refresh_from_db()
    assert application.status == Application.Status.PASSED_STAGE_1
    assert application.status_changed_at is not None
    act(manager, "pass_stage", application)
    application.refresh_from_db()
    assert application.status == Application.Status.SELECTED
    # A selected application cannot be declined by the stage action.
    response = act(manager, "decline", application)
    application.refresh_from_db()
    assert application.status == Application.Status.SELECTED
    assert "вже має остаточне рішення" in response.content.decode()

    declined = ApplicationFactory(lead_council=councils[3])
    act(manager, "decline", declined)
    declined.refresh_from_db()
    assert declined.status == Application.Status.DECLINED_STAGE_1


def test_selected_hromadas_can_be_shown_on_the_program_page(manager, application, councils):
    # not selected yet: nothing added, and a warning (not a green "0") says why
    page = act(manager, "add_to_participants", application).content.decode()
    assert 'class="warning"' in page and "«відібрано»" in page
    assert not ProgramParticipation.objects.filter(program=application.program).exists()
    application.decide("pass")
    application.decide("pass")
    act(manager, "add_to_participants", application)
    roles = dict(
        ProgramParticipation.objects.filter(program=application.program).values_list(
            "council", "role"
        )
    )
    assert roles == {c.pk: "selected" for c in councils[:3]}


def test_csv_export_has_every_column_and_defuses_formulas(manager, application):
    response = act(manager, "export_csv", application)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header, row = rows
    assert header[:3] == ["номер", "надіслано", "програма"]
    assert row[0] == str(application.pk)
    assert row[4] == application.lead_council.name
    assert row[5].count(";") == 1
    assert row[8] == "olena@example.org"
    assert row[10].startswith("'=HYPERLINK")


def test_export_needs_its_own_permission(django_user_model, application):
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_application"))
    client = login(user)
    assert client.get(CHANGELIST).status_code == 200
    response = act(client, "export_csv", application)
    assert response["Content-Type"].startswith("text/html")


def test_the_resend_action_sends_what_has_not_gone_out(manager, application):
    assert application.email_status == Application.EmailStatus.PENDING
    act(manager, "send_emails", application)
    application.refresh_from_db()
    assert application.email_status == Application.EmailStatus.SENT
    assert [m.to for m in mail.outbox] == [["olena@example.org"], ["centre@example.org"]]


def test_managers_edit_programs_with_translation_tabs(manager):
    program = ProgramFactory()
    assert manager.get("/admin/programs/program/").status_code == 200
    page = manager.get(f"/admin/programs/program/{program.pk}/change/")
    assert page.status_code == 200
    assert 'name="title_en"' in page.content.decode()
    listing = manager.get("/admin/programs/program/", {"status": "accepting"})
    assert listing.status_code == 200


PREFIX = "documents-attachment-content_type-object_id"


def attachment_formset(user, program, documents):
    from documents.admin import AttachmentInline

    request = RequestFactory().post("/")
    request.user = user
    formset_class = AttachmentInline(Program, admin.site).get_formset(request, program)
    data = {f"{PREFIX}-TOTAL_FORMS": str(len(documents)), f"{PREFIX}-INITIAL_FORMS": "0"}
    for index, document in enumerate(documents):
        data |= {f"{PREFIX}-{index}-document": document.pk, f"{PREFIX}-{index}-position": index}
    return formset_class(data, instance=program, prefix=PREFIX)


def test_managers_attach_library_documents_to_a_program_in_order(manager, client):
    program = ProgramFactory()
    page = manager.get(f"/admin/programs/program/{program.pk}/change/").content.decode()
    assert f'name="{PREFIX}-TOTAL_FORMS"' in page
    assert "/admin/programs/document/" not in page  # the former model is gone
    user = get_user_model().objects.get(username="manager")
    regulations = LibraryDocumentFactory(title_uk="Положення")
    criteria = LibraryDocumentFactory(title_uk="Критерії")
    formset = attachment_formset(user, program, [regulations, criteria])
    assert formset.is_valid(), formset.errors
    formset.save()
    twice = attachment_formset(user, program, [criteria])
    assert not twice.is_valid()  # one document once per program
    html = client.get(program.get_absolute_url()).content.decode()
    assert html.index(">Положення</a>") < html.index(">Критерії</a>")


def test_the_group_exists_with_the_application_permissions_even_after_a_flush():
    codenames = set(
        Group.objects.get(name=PROGRAM_MANAGER.name).permissions.values_list("codename", flat=True)
    )
    assert {"view_application", "change_application", "export_application"} <= codenames
    assert "add_application" not in codenames
    assert get_user_model().objects.count() == 0


def test_managers_find_a_hromada_with_any_apostrophe_and_an_email_as_typed(manager, councils):
    council = councils[3]
    council.name_uk = "Мереф’янська міська рада"
    council.save()
    ApplicationFactory(lead_council=council, contact_email="o'brien@example.org")
    for typed in ["Мереф'ян", "мерефʼян", "Мереф’ян"]:
        assert manager.get(CHANGELIST, {"q": typed}).context["cl"].result_count == 1, typed
    assert manager.get(CHANGELIST, {"q": "o'brien"}).context["cl"].result_count == 1


def test_a_deleted_program_takes_its_attachments_and_the_trash_brings_them_back():
    from core import history
    from documents.factories import AttachmentFactory
    from documents.models import Attachment, Document, attached_documents

    program = ProgramFactory()
    first, second = LibraryDocumentFactory(), LibraryDocumentFactory()
    AttachmentFactory(content_object=program, document=second, position=1)
    AttachmentFactory(content_object=program, document=first, position=0)
    deletion = history.trash(program, None)
    program.delete()
    assert not Attachment.objects.exists()  # no attachment left pointing at nothing
    assert Document.objects.count() == 2  # the library keeps the files
    restored = history.recover(deletion)
    assert attached_documents(restored) == [first, second]
