"""Who may see and do what with surveys. Every view of the app asks here.

- A survey belongs to a network: whoever may read the network (members, the district
  methodologists) may open its page, which says what it asks and whom. Outsiders get
  404, the same answer as for a survey that does not exist.
- Those the survey is sent to (its signed-in audience) answer it while it is open.
- The network's leaders, coordinators and methodologists run surveys: create and send
  them, print links, remind, read the results (text answers included). Others get 403.
- Anyone holding a public link answers through it, without an account; nothing else
  of the survey is theirs to see.
- The same people who run a network's surveys write its own questionnaires in the
  editor (and copy the library's or the network's into a new one). The library's own
  have no editor page: 404, as for what does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from networks.models import Network, Role
from networks.permissions import Access, get_network_access
from ortaq.lib.access import require
from surveys.models import Instrument, Item, Link, Receipt, Section, Survey

# Who runs a network's surveys (seed 001: the leading school asks its attached schools;
# the district's methodologist supports the network).
SURVEY_ROLES = frozenset({Role.LEADER, Role.COORDINATOR, Role.METHODOLOGIST})

REFUSED = gettext_lazy("Only the network's leaders, coordinators and methodologists run its surveys.")
NOT_FOR_YOU = gettext_lazy("This survey is not sent to you, or it is not open.")


def runs_surveys(access: Access) -> bool:
    return access.is_admin or access.role in SURVEY_ROLES


@dataclass(frozen=True)
class SurveyAccess:
    """A survey with what this person may do with it."""

    survey: Survey
    access: Access
    user: User

    @property
    def network(self) -> Network:
        return self.access.network

    @property
    def can_manage(self) -> bool:
        return runs_surveys(self.access)

    @cached_property
    def in_audience(self) -> bool:
        return self.survey.includes(self.user)

    @cached_property
    def has_answered(self) -> bool:
        return Receipt.objects.filter(survey=self.survey, user=self.user).exists()

    @property
    def can_answer(self) -> bool:
        return self.survey.is_open() and self.in_audience and not self.has_answered


def surveys_visible_to(user: User) -> QuerySet[Survey]:
    return Survey.objects.visible_to(user)


def get_survey_for_user(user: User, pk: int) -> SurveyAccess:
    survey = Survey.objects.select_related("network", "version__instrument", "group", "event").filter(pk=pk).first()
    if survey is None:
        raise Http404(_("No such survey."))
    try:
        access = get_network_access(user, survey.network_id, network=survey.network)
    except Http404:
        raise Http404(_("No such survey.")) from None
    return SurveyAccess(survey, access, user)


def get_managed_survey(user: User, pk: int) -> SurveyAccess:
    survey_access = get_survey_for_user(user, pk)
    require(survey_access.can_manage, REFUSED)
    return survey_access


def get_answerable_survey(user: User, pk: int) -> SurveyAccess:
    survey_access = get_survey_for_user(user, pk)
    require(survey_access.can_answer, NOT_FOR_YOU)
    return survey_access


def get_survey_network(user: User, pk: int) -> Access:
    """The network whose surveys the person would run (404 for outsiders, 403 for the rest)."""
    access = get_network_access(user, pk)
    require(runs_surveys(access), REFUSED)
    return access


def get_link(token: str) -> Link:
    """A public link: anyone may hold it; a wrong, withdrawn or used one is 404."""
    link = Link.objects.select_related("survey__network", "survey__version").filter(token=token).first()
    if link is None or link.revoked_at is not None or not link.survey.is_public:
        raise Http404(_("No such survey."))
    return link


# --- The questionnaire editor -------------------------------------------------------------------


@dataclass(frozen=True)
class InstrumentAccess:
    """A network's own questionnaire, opened in the editor by one who may change it."""

    instrument: Instrument
    access: Access

    @property
    def network(self) -> Network:
        return self.access.network


def get_edited_instrument(user: User, pk: int) -> InstrumentAccess:
    """A network's own questionnaire to edit: 404 for outsiders and for the library's,
    403 for members who do not run the network's surveys."""
    instrument = Instrument.objects.select_related("network").filter(pk=pk, network__isnull=False).first()
    if instrument is None or instrument.network is None:
        raise Http404(_("No such questionnaire."))
    try:
        access = get_network_access(user, instrument.network.pk, network=instrument.network)
    except Http404:
        raise Http404(_("No such questionnaire.")) from None
    require(runs_surveys(access), REFUSED)
    return InstrumentAccess(instrument, access)


def get_edited_section(user: User, pk: int) -> tuple[InstrumentAccess, Section]:
    section = Section.objects.select_related("version").filter(pk=pk).first()
    if section is None:
        raise Http404(_("No such questionnaire."))
    return get_edited_instrument(user, section.version.instrument_id), section


def get_edited_item(user: User, pk: int) -> tuple[InstrumentAccess, Item]:
    item = Item.objects.select_related("section__version", "scale").filter(pk=pk).first()
    if item is None:
        raise Http404(_("No such questionnaire."))
    return get_edited_instrument(user, item.section.version.instrument_id), item


def get_copied_instrument(access: Access, pk: int) -> Instrument:
    """A questionnaire the network may start its own from: the library's or its own."""
    instrument = Instrument.objects.usable_in(access.network).filter(pk=pk).first()
    if instrument is None:
        raise Http404(_("No such questionnaire."))
    return instrument
