from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Certification, User
from ortaq.lib.collation import KazakhOrder
from ortaq.lib.prepared import prepared
from ortaq.lib.urls import id_url
from schools.models import School


class Role(models.TextChoices):
    LEADER = "leader", _("network leader")
    COORDINATOR = "coordinator", _("coordinator")
    DIRECTOR = "director", _("school director or deputy")
    COACH = "coach", _("coach or trainer")
    MENTOR = "mentor", _("mentor")
    TEACHER = "teacher", _("teacher")
    METHODOLOGIST = "methodologist", _("district methodologist")
    EXPERT = "expert", _("external expert")


# Who may do what is decided in networks/permissions.py from these two sets.
MANAGING_ROLES = frozenset({Role.LEADER})
ORGANISING_ROLES = frozenset({Role.LEADER, Role.COORDINATOR})
# Who takes the network's records away as files (the exchange app): its leaders, and
# the methodologists who answer for it to the district.
EXPORTING_ROLES = frozenset({Role.LEADER, Role.METHODOLOGIST})


class NetworkQuerySet(models.QuerySet["Network"]):
    def visible_to(self, user: User) -> NetworkQuerySet:
        """Networks a person belongs to, plus, for a district methodologist, every
        network with a school in their district. The same rule decides single pages
        (networks/permissions.py), so a list never shows what a page would refuse.
        Every other app's ``visible_to`` starts here, so the ids are read once per
        request (``visible_network_ids``) and the rest is a plain ``IN`` list."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=sorted(visible_network_ids(user)))

    def listed(self) -> NetworkQuerySet:
        return self.filter(is_listed=True)


class _Reach:
    """Bumped whenever a membership, a member school, a school's district or a
    district's methodologists change in this process, so that a person object that
    outlives the change (a test's, or one held across a write in a request) reads its
    networks again. Other processes need no signal: a person object lives for one
    request there."""

    generation = 0


def forget_visible_networks(**_kwargs: object) -> None:
    _Reach.generation += 1


@prepared
def networks_reached(user_id: int) -> models.QuerySet:
    member = Membership.objects.filter(user=user_id).order_by().values_list("network_id", flat=True)
    overseen = (
        NetworkSchool.objects.filter(school__district__methodologists=user_id)
        .order_by()
        .values_list("network_id", flat=True)
    )
    return member.union(overseen)


def visible_network_ids(user: User) -> frozenset[int]:
    """The ids of the networks a signed-in person belongs to or oversees (one query),
    kept on the person object for the rest of the request."""
    kept = user.__dict__.get("_visible_network_ids")
    if kept is not None and kept[0] == _Reach.generation:
        return kept[1]
    generation = _Reach.generation
    ids = frozenset(networks_reached(user.pk))
    user.__dict__["_visible_network_ids"] = (generation, ids)
    return ids


CHARTER_FIELDS = ("name", "goal", "motto", "tasks", "rules", "expected_results", "work_system")
CHARTER_LIST_FIELDS = ("tasks", "rules", "expected_results", "work_system")


class Network(models.Model):
    """A network community (желілік қоғамдастық) and its charter."""

    class Kind(models.TextChoices):
        INTER_SCHOOL = "inter_school", _("inter-school network")
        IN_SCHOOL = "in_school", _("in-school community")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.INTER_SCHOOL)
    goal = models.TextField(_("goal"), blank=True)
    motto = models.CharField(_("motto"), max_length=255, blank=True)
    tasks = models.TextField(_("tasks"), blank=True, help_text=_("One task per line."))
    rules = models.TextField(_("rules"), blank=True, help_text=_("One rule per line."))
    expected_results = models.TextField(_("expected results"), blank=True, help_text=_("One result per line."))
    work_system = models.TextField(_("work system"), blank=True, help_text=_("One step per line."))
    charter_language = models.CharField(
        _("language of the charter"), max_length=2, choices=settings.LANGUAGES, default="kk"
    )
    # {"ru": {"goal": "...", ...}, "en": {...}}: the charter as the leader translated it.
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    is_listed = models.BooleanField(
        _("listed"),
        default=True,
        help_text=_("Listed networks can be found by every signed-in person, who can ask to join."),
    )
    schools = models.ManyToManyField(
        School, through="NetworkSchool", related_name="networks", verbose_name=_("schools")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        through_fields=("network", "user"),
        related_name="networks",
        verbose_name=_("members"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The charter's version, its translations included (ortaq/lib/editing.py): a save of
    # an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = [KazakhOrder("name")]
        verbose_name = _("network community")
        verbose_name_plural = _("network communities")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return id_url("networks:detail", self.pk)

    def charter(self, language: str | None = None) -> Charter:
        """The charter in the reader's language where the leader translated it,
        field by field, falling back to the original."""
        language = (language or get_language() or "kk")[:2]
        translated = self.translations.get(language, {}) if language != self.charter_language else {}
        values = {name: (translated.get(name) or getattr(self, name)) for name in CHARTER_FIELDS}
        return Charter(
            language=language if translated else self.charter_language,
            is_translation=bool(translated),
            **{name: values[name] for name in ("name", "goal", "motto")},
            **{name: split_lines(values[name]) for name in CHARTER_LIST_FIELDS},
        )

    def indicators(self) -> Indicators:
        return Indicators.for_network(self)


def split_lines(text: str) -> list[str]:
    """Charter lists are typed one item per line, often pasted from Word with
    bullets; keep the words, drop the bullets and blank lines."""
    items = []
    for line in text.splitlines():
        item = line.strip().lstrip("·•-–—*").strip()
        if item:
            items.append(item)
    return items


@dataclass(frozen=True)
class Charter:
    language: str
    is_translation: bool
    name: str
    goal: str
    motto: str
    tasks: list[str]
    rules: list[str]
    expected_results: list[str]
    work_system: list[str]


class NetworkSchool(models.Model):
    class Role(models.TextChoices):
        LEADING = "leading", _("leading school")
        ATTACHED = "attached", _("attached school")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="school_links", verbose_name=_("network")
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="network_links", verbose_name=_("school"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.ATTACHED)
    joined_on = models.DateField(_("joined"), default=datetime.date.today)

    class Meta:
        ordering = ["-role", KazakhOrder("school__name")]  # "leading" > "attached": reversed, it comes first
        verbose_name = _("member school")
        verbose_name_plural = _("member schools")
        constraints = [
            models.UniqueConstraint(fields=["network", "school"], name="network_school_once"),
            models.UniqueConstraint(fields=["network"], condition=Q(role="leading"), name="network_one_leading_school"),
        ]

    def __str__(self) -> str:
        return f"{self.school} ({self.get_role_display()})"

    @property
    def is_leading(self) -> bool:
        return self.role == self.Role.LEADING


class Membership(models.Model):
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("network")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.TEACHER)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    # Set by the forum with the member's first message in the network: before it, they
    # are shown the network's rules. Kept here so that a thread page need not look for
    # the person's messages among the network's (a hash of 50,000 threads at size L).
    first_posted_at = models.DateTimeField(_("first message"), null=True, blank=True, editable=False)

    class Meta:
        ordering = [KazakhOrder("user__full_name")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["network", "user"], name="membership_once")]
        indexes = [models.Index(fields=["user", "network"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.network} ({self.get_role_display()})"

    @property
    def can_manage(self) -> bool:
        return self.role in MANAGING_ROLES

    @property
    def can_organise(self) -> bool:
        return self.role in ORGANISING_ROLES


def new_token() -> str:
    return secrets.token_urlsafe(24)


def default_expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=settings.ORTAQ_INVITATION_DAYS)


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def usable(self) -> InvitationQuerySet:
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now()).filter(
            Q(max_uses__isnull=True) | Q(uses__lt=models.F("max_uses"))
        )


class Invitation(models.Model):
    """An invitation to join a network with a role: to one e-mail address (used
    once) or a link to share in a school's chat (used by many until it expires)."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("network")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.TEACHER)
    school = models.ForeignKey(
        School,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school"),
        help_text=_("Filled in on the new member's profile if they have no school yet."),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    # As the inviter wrote them (an import of a school's list): the name is offered on
    # the sign-up form, the position filled in on the profile if it has none.
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=20, choices=User.Position.choices, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False, verbose_name=_("token"))
    max_uses = models.PositiveIntegerField(_("maximum uses"), null=True, blank=True)
    uses = models.PositiveIntegerField(_("uses"), default=0)
    expires_at = models.DateTimeField(_("expires"), default=default_expiry)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        target = self.email or _("link")
        return f"{self.network}: {target} ({self.get_role_display()})"

    def get_absolute_url(self) -> str:
        return reverse("invitation", args=[self.token])

    @property
    def is_link(self) -> bool:
        return not self.email

    def is_usable(self) -> bool:
        if self.revoked_at is not None or self.expires_at <= timezone.now():
            return False
        return self.max_uses is None or self.uses < self.max_uses


class JoinRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("network")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("person")
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "user"], condition=Q(status="pending"), name="join_request_one_pending"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.network} ({self.get_status_display()})"


class Group(models.Model):
    """A working group of a network (топ): leading, coordinating, developing,
    research (Lesson Study) or expert group, with its tasks and members."""

    class Kind(models.TextChoices):
        LEADING = "leading", _("leading group")
        COORDINATING = "coordinating", _("coordinating group")
        DEVELOPING = "developing", _("developing group")
        RESEARCH = "research", _("research group")
        EXPERT = "expert", _("expert group")
        OTHER = "other", _("other group")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="groups", verbose_name=_("network"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("description"), blank=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_groups",
        verbose_name=_("group leader"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="GroupMembership", related_name="work_groups", verbose_name=_("members")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = [KazakhOrder("name")]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [models.UniqueConstraint(fields=["network", "name"], name="group_name_unique_in_network")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:group", args=[self.network_id, self.pk])


@prepared
def groups_with_counts(network_id: int) -> QuerySet[Group]:
    """A network's groups with their leaders and how many members each has: the
    network's home lists them on every visit, so its SQL is built once per process
    (ortaq/lib/prepared.py)."""
    return (
        Group.objects.filter(network=network_id)
        .select_related("leader")
        .annotate(member_count=Count("group_memberships"))
    )


class GroupMembership(models.Model):
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="group_memberships", verbose_name=_("group")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships", verbose_name=_("person")
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="group_membership_once")]

    def __str__(self) -> str:
        return f"{self.user} — {self.group}"


class GroupTaskQuerySet(models.QuerySet["GroupTask"]):
    def open(self) -> GroupTaskQuerySet:
        return self.filter(is_done=False)


class GroupTask(models.Model):
    """A task of a group, given to one of its members (or to nobody yet) by a day."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("group"))
    title = models.CharField(_("task"), max_length=500)
    # A member of the group when given; kept if they leave it, so the task still says who had it.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_tasks",
        verbose_name=_("assignee"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    is_done = models.BooleanField(_("done"), default=False)
    position = models.PositiveIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = GroupTaskQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("group task")
        verbose_name_plural = _("group tasks")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("networks:group", args=[self.group.network_id, self.group_id]) + f"#task-{self.pk}"

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return not self.is_done and self.due_on is not None and self.due_on < (today or timezone.localdate())


# --- Indicators ----------------------------------------------------------------------------


@dataclass(frozen=True)
class KindShare:
    kind: str
    label: str
    count: int
    share: float | None
    heading: str = ""  # the label as a column's heading: capitalised once, not per cell


@dataclass(frozen=True)
class SchoolRow:
    school: School
    is_leading: bool
    teachers: int
    certified: int
    by_kind: list[KindShare]

    @property
    def certified_share(self) -> float | None:
        return share(self.certified, self.teachers)


@dataclass(frozen=True)
class Indicators:
    """The network's figures, computed from the records (nothing typed by hand):
    schools, teachers (members whose school is one of the network's schools),
    and the share of them holding each kind of certificate."""

    schools: int
    teachers: int
    certified: int
    by_kind: list[KindShare]
    rows: list[SchoolRow] = field(default_factory=list)

    @property
    def certified_share(self) -> float | None:
        return share(self.certified, self.teachers)

    @classmethod
    def for_network(cls, network: Network) -> Indicators:
        kinds = [k for k in Certification.Kind if k != Certification.Kind.OTHER]
        links, counts = indicator_counts(network, kinds)
        labels = [short_label(kind) for kind in kinds]
        headings = [capfirst(label) for label in labels]
        rows = []
        for link in links:
            row = counts.get(link.school_id, {})
            teachers = row.get("teachers", 0)
            rows.append(
                SchoolRow(
                    school=link.school,
                    is_leading=link.is_leading,
                    teachers=teachers,
                    certified=row.get("certified_count", 0),
                    by_kind=[
                        KindShare(
                            kind,
                            labels[i],
                            row.get(f"n_{kind.value}", 0),
                            share(row.get(f"n_{kind.value}", 0), teachers),
                            headings[i],
                        )
                        for i, kind in enumerate(kinds)
                    ],
                )
            )
        teachers = sum(r.teachers for r in rows)
        return cls(
            schools=len(rows),
            teachers=teachers,
            certified=sum(r.certified for r in rows),
            by_kind=[
                KindShare(kind, labels[i], n, share(n, teachers), headings[i])
                for i, kind, n in ((i, kind, sum(r.by_kind[i].count for r in rows)) for i, kind in enumerate(kinds))
            ],
            rows=rows,
        )


# The counts behind a network's indicators are kept in the cache: counting every
# member's certificates on each visit of the network's home page grows with the
# network. They are forgotten when anything they count changes (networks/signals.py),
# and after INDICATORS_SECONDS in any case.
INDICATORS_SECONDS = 15 * 60


def indicators_key(network_id: int) -> str:
    return f"network-indicators:{network_id}"


def indicator_counts(network: Network, kinds: list[Certification.Kind]) -> tuple[list[NetworkSchool], dict[int, dict]]:
    """The network's schools, and per school the members teaching there, the certified
    ones and those with each kind of certificate (two queries, or none when kept)."""
    kept = cache.get(indicators_key(network.pk))
    if kept is not None:
        return kept
    links = list(network.school_links.select_related("school").order_by("-role", KazakhOrder("school__name")))
    people = User.objects.filter(
        is_active=True,
        memberships__network=network,
        school__network_links__network=network,
    ).annotate(
        certified=Exists(Certification.objects.counting().filter(user=OuterRef("pk"))),
        **{f"has_{kind.value}": Exists(Certification.objects.filter(user=OuterRef("pk"), kind=kind)) for kind in kinds},
    )
    counts = {
        row["school"]: row
        for row in people.values("school")
        .order_by()
        .annotate(
            teachers=Count("pk"),
            certified_count=Count("pk", filter=Q(certified=True)),
            **{f"n_{kind.value}": Count("pk", filter=Q(**{f"has_{kind.value}": True})) for kind in kinds},
        )
    }
    cache.set(indicators_key(network.pk), (links, counts), INDICATORS_SECONDS)
    return links, counts


def forget_indicators(network_ids: Iterable[int]) -> None:
    """At once, for what this transaction reads next, and again after it commits, so
    that a page counted meanwhile from the old rows does not keep its counts."""
    keys = [indicators_key(pk) for pk in set(network_ids)]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def short_label(kind: str) -> str:
    return str(Certification.SHORT_LABELS.get(kind, kind))


def share(part: int, whole: int) -> float | None:
    """A percentage, or None when there is nothing to divide by (shown as «—»)."""
    return round(100 * part / whole, 1) if whole else None
