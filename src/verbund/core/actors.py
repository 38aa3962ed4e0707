"""Who acts in a write: the type of every service's ``actor`` argument.

* a staff user: ``request.user`` of a staff view (``core.auth.staff_required``
  let only authenticated, active users with a second factor through, so an
  ``AnonymousUser`` never reaches a write; the type admits it because Django
  types ``request.user`` that way);
* a :class:`SystemActor`: a specialist system's API client acting for an
  authority, or the applicant answering through their status link;
* ``None``: the platform itself (tasks, the command line, the demo loader).

The audit trail and the case history record the actor with :func:`actor_id`
and :func:`actor_label`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser


@dataclass(frozen=True)
class SystemActor:
    """Who acts when it is not a staff user: a specialist system's API client
    (``authority_id`` says for whom) or the applicant. ``username`` is what the
    history and the audit trail show."""

    username: str
    authority_id: int | None = None
    pk: None = None

    def __str__(self) -> str:
        return self.username


APPLICANT = SystemActor(username="applicant")

Actor: TypeAlias = AbstractBaseUser | AnonymousUser | SystemActor | None


def is_user(actor: Actor) -> bool:
    """True for a staff user (an account with a primary key)."""
    return getattr(actor, "pk", None) is not None


def actor_id(actor: Actor) -> int | None:
    """The staff user's id, else ``None``."""
    pk = getattr(actor, "pk", None)
    return int(pk) if pk is not None else None


def actor_label(actor: Actor) -> str:
    """What the audit trail shows: the user name, the system actor's name, or "system"."""
    if actor is None:
        return "system"
    return str(getattr(actor, "username", "") or "")
