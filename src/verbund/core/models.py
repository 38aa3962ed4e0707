"""The append-only, hash-chained audit trail."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete an audit entry."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Audit entries cannot be deleted.")


PLATFORM_CHAIN = "platform"


class AuditEntry(models.Model):
    """One recorded write, a link in its tenant's chain.

    Every authority has its own chain (``authority:<id>``), every network one for
    its network-level writes (``network:<id>``), and writes of no tenant go to
    ``platform``. ``sequence`` numbers the entries of one chain from 1;
    ``entry_hash`` covers the entry's content and the previous entry's hash in
    the same chain, so changing or removing any entry breaks its chain from there
    on (``verbund verify-audit``). The primary key orders entries across chains.
    """

    chain = models.CharField(max_length=40, default=PLATFORM_CHAIN)
    sequence = models.PositiveBigIntegerField()
    created_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField(max_length=200)
    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokolleinträge")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["chain", "sequence"], name="core_auditentry_chain_sequence"
            )
        ]
        indexes = [
            models.Index(fields=["authority", "-id"], name="core_audit_authority_id"),
            models.Index(fields=["network", "-id"], name="core_audit_network_id"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Integrity guard, not business logic: an entry is written once.
        if not self._state.adding:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit entries cannot be deleted.")


class AuditChain(models.Model):
    """The head of one chain: writers of that chain lock this row, read the last
    hash and sequence, append, and move it on. Writers of different chains (two
    authorities) never wait for each other."""

    key = models.CharField(primary_key=True, max_length=40)
    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.key} #{self.last_sequence}"


class Generation(models.Model):
    """A counter that moves whenever a kind of data changes, e.g. ``routing``.

    Caches held in each worker's memory (the routing index) compare the counter
    with the one they were built at; the bump happens in the writing
    transaction, so every worker sees it exactly when the change is visible.
    """

    key = models.CharField(primary_key=True, max_length=40)
    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class RateLimit(models.Model):
    """The recent uses of one limited action by one key (``verbund.core.ratelimits``).

    ``key`` is an HMAC of the real key (a draft's id, an e-mail address), so the
    table holds no addresses; ``hits`` lists the POSIX times of the uses still
    inside the window. The row is locked while a use is counted, so the count holds
    across processes and hosts.
    """

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    hits = models.JSONField(default=list)
    last_hit_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="core_ratelimit_scope_key")
        ]

    def __str__(self) -> str:
        return f"{self.scope}: {len(self.hits)}"


class PeriodicRun(models.Model):
    """When a periodic job (``verbund.core.periodic``) was last started. The scheduler
    moves ``last_run_at`` with a conditional update in the transaction that enqueues
    the job, so two schedulers started by mistake still start it once."""

    name = models.CharField(primary_key=True, max_length=40)
    last_run_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_run_at:%Y-%m-%d %H:%M}"
