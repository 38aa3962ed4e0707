"""The one access-policy layer.

Every read or write of a tenant-owned object that starts from an id in a
request goes through :func:`access_by_id` (or :func:`scoped` for lists).
Each resource has exactly one :class:`Policy`, registered by its app; the
policy turns a user and an action into a queryset of the objects that user
may act on. Anything outside that queryset does not exist for the user: a
missing and a forbidden object both answer 404, so ids of other tenants leak
nothing. An object the user may see but not change answers 403.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Generic, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404

M = TypeVar("M", bound=models.Model)


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"
    MANAGE = "manage"


class Policy(Generic[M]):
    """Base class: subclasses set ``model`` and implement :meth:`scope`."""

    model: type[M]

    def scope(self, user: Any, action: Action) -> models.QuerySet[M]:
        """All objects ``user`` may perform ``action`` on."""
        raise NotImplementedError  # pragma: no cover - abstract

    def allows(self, user: Any, action: Action, obj: M) -> bool:
        return self.scope(user, action).filter(pk=obj.pk).exists()


_registry: dict[type[models.Model], Policy[Any]] = {}


def register(policy: Policy[M]) -> Policy[M]:
    model = policy.model
    existing = _registry.get(model)
    if existing is not None and type(existing) is not type(policy):
        raise RuntimeError(f"{model._meta.label} already has a policy: {type(existing).__name__}")
    _registry[model] = policy
    return policy


def policy_for(model: type[M]) -> Policy[M]:
    try:
        return _registry[model]
    except KeyError:
        raise LookupError(f"No access policy registered for {model._meta.label}") from None


def registered_models() -> list[type[models.Model]]:
    return list(_registry)


def _is_staff_user(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def scoped(user: Any, model: type[M], action: Action = Action.VIEW) -> models.QuerySet[M]:
    """The objects of ``model`` that ``user`` may perform ``action`` on."""
    if not _is_staff_user(user):
        return model._default_manager.none()
    return policy_for(model).scope(user, action)


def access_by_id(user: Any, model: type[M], pk: Any, action: Action = Action.VIEW) -> M:
    """Fetch one object by an id that came from a request.

    Raises ``Http404`` when the object is missing or not visible to ``user``
    and ``PermissionDenied`` when it is visible but ``action`` is not allowed.
    """
    try:
        obj = scoped(user, model, Action.VIEW).get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if action is not Action.VIEW and not policy_for(model).allows(user, action, obj):
        raise PermissionDenied
    return obj


def access_child_by_id(
    user: Any,
    model: type[M],
    pk: Any,
    *,
    parent: models.Model,
    parent_field: str,
    action: Action = Action.VIEW,
) -> M:
    """Like :func:`access_by_id` for an object addressed below its parent in the URL
    (``/verbuende/<pk>/mitglieder/<membership_pk>/``): both may be visible, but a
    pair that does not belong together is a 404 as well."""
    obj = access_by_id(user, model, pk, action)
    if getattr(obj, f"{parent_field}_id") != parent.pk:
        raise Http404
    return obj


def can(user: Any, action: Action, obj: models.Model) -> bool:
    if not _is_staff_user(user):
        return False
    return policy_for(type(obj)).allows(user, action, obj)
