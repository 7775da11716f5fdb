"""Keyring backends for tests: one that keeps entries in memory, one that refuses, one
that never answers (an unlock prompt nobody answers).

They implement keyring's own backend interface (a third-party plug-in point), so
dhbrowser's SecretStore runs unchanged on top of them. `use_keyring` installs one for a
test and puts the previous backend back afterwards.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from typing import Protocol, TypeVar

import keyring
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest
from keyring.backend import KeyringBackend

Backend = TypeVar("Backend", bound=KeyringBackend)

#: Below every real backend, so keyring's auto-detection never picks a test double.
_NEVER_DETECTED = 0.0


class MemoryKeyring(KeyringBackend):
    """Entries in a dict: what a working Secret Service would hold, without D-Bus."""

    priority = _NEVER_DETECTED

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("no such entry")


class RefusingKeyring(KeyringBackend):
    """Raises `make_error(password)` on every call, as a locked or broken keyring does."""

    priority = _NEVER_DETECTED

    def __init__(self, make_error: Callable[[str], Exception]) -> None:
        self.make_error = make_error
        self.calls = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.calls += 1
        raise self.make_error("")

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls += 1
        raise self.make_error(password)

    def delete_password(self, service: str, username: str) -> None:
        self.calls += 1
        raise self.make_error("")


class BlockingKeyring(KeyringBackend):
    """Every call waits until `release()`, as one behind an unanswered unlock prompt does.

    Each call announces itself on stderr with PROMPT_OPEN: a test running dhbrowser in a
    subprocess (PYTHON_KEYRING_BACKEND=tests.keyring_doubles.BlockingKeyring) waits for
    that line instead of guessing when the prompt is up.
    """

    priority = _NEVER_DETECTED
    PROMPT_OPEN = "test keyring: unlock prompt open"

    def __init__(self) -> None:
        self.entered = threading.Event()
        self._released = threading.Event()

    def release(self) -> None:
        self._released.set()

    def _wait_for_an_answer(self) -> None:
        self.entered.set()
        print(self.PROMPT_OPEN, file=sys.stderr, flush=True)
        self._released.wait()

    def get_password(self, service: str, username: str) -> str | None:
        self._wait_for_an_answer()
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self._wait_for_an_answer()

    def delete_password(self, service: str, username: str) -> None:
        self._wait_for_an_answer()


class DemoAppKeyring(KeyringBackend):
    """Gives the emulator's demo ServerSecret for every profile: a subprocess's keyring
    (PYTHON_KEYRING_BACKEND=tests.keyring_doubles.DemoAppKeyring) for profiles that point
    at a test's emulator."""

    priority = _NEVER_DETECTED

    def get_password(self, service: str, username: str) -> str | None:
        from dhbrowser.emulator import DEMO_SERVER_SECRET

        return DEMO_SERVER_SECRET

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("this test keyring is read-only")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.PasswordDeleteError("this test keyring is read-only")


def no_keyring() -> KeyringBackend:
    """keyring's own "no backend available" backend: what a desktop without one gets."""
    return keyring.backends.fail.Keyring()


def null_keyring() -> KeyringBackend:
    """keyring's backend that silently drops every secret."""
    return keyring.backends.null.Keyring()


class InstallKeyring(Protocol):
    def __call__(self, backend: Backend, /) -> Backend: ...


@pytest.fixture
def use_keyring() -> Iterator[InstallKeyring]:
    """Install a keyring backend for one test; the previous one is restored afterwards."""
    previous = keyring.get_keyring()

    def install(backend: Backend) -> Backend:
        keyring.set_keyring(backend)
        return backend

    yield install
    keyring.set_keyring(previous)
