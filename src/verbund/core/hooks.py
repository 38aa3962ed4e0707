"""Extension points: a lower app offers a hook, a higher app fills it.

The apps form layers (docs/architecture.md, checked by ``tests/test_layering.py``):
an app imports only the apps below it. Where a lower app must reach something a
higher app owns (the back office opens a case for every new submission, the
network's cost allocation counts the cases of its members), the lower app
declares a :class:`Hook` in its ``hooks.py`` and calls what is registered there;
the higher app registers its part from its ``AppConfig.ready()``. The call stays
synchronous and inside the caller's transaction, so nothing that a hook adds can
be half done.

A hook is either a list (every registered item, in registration order: the
listeners of an event, the panels of a page) or a single slot
(``single=True``: exactly one provider, e.g. the catalogue answering the
networks' questions about services).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")


class Hook(Generic[T]):
    """A named extension point holding items of type ``T`` under unique keys."""

    def __init__(self, name: str, *, single: bool = False) -> None:
        self.name = name
        self.single = single
        self._items: dict[str, T] = {}

    def register(self, item: T, *, key: str) -> T:
        """Add ``item`` under ``key``; registering the same key again replaces the item
        (``ready()`` may run more than once in tests), a second key of a single hook
        is an error."""
        if self.single and self._items and key not in self._items:
            raise ImproperlyConfigured(
                f"hook {self.name} takes one provider and has {next(iter(self._items))!r}"
            )
        self._items[key] = item
        return item

    def unregister(self, key: str) -> None:
        self._items.pop(key, None)

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._items.values()))

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: str) -> T | None:
        return self._items.get(key)

    def keys(self) -> list[str]:
        return list(self._items)

    def one(self) -> T:
        """The provider of a single hook; ``ImproperlyConfigured`` when none is installed."""
        if not self._items:
            raise ImproperlyConfigured(
                f"nothing is registered for hook {self.name}: is the app that provides it "
                "in INSTALLED_APPS?"
            )
        return next(iter(self._items.values()))

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {', '.join(self._items) or 'empty'}>"
