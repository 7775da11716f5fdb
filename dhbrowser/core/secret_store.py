"""ServerSecrets in the OS keyring (service "dhbrowser", one entry per profile), or for
this session only when the user chooses so.

There is deliberately no file fallback: when the keyring is missing, locked or broken,
`KeyringUnavailable` says what happened and how to fix it, and the caller offers to keep
the secret in memory for this session.

keyring is imported on first use, in the worker that reads or writes a secret: its import
(15 ms, entry points of every installed backend) is not on the demo's start-up path.

Every keyring call is bounded. It runs on a daemon thread of its own, because a backend
may wait on an unlock prompt that nobody answers, and nothing can interrupt it: the
caller stops waiting after `timeout` seconds, or at once when the store is abandoned
(the window closed), and the process never waits for that thread to exit.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import TYPE_CHECKING, Any, TypeVar

from dhbrowser.api.errors import Cancelled, DhError
from dhbrowser.api.secret import Secret
from dhbrowser.core.logs import redact, register_secret
from dhbrowser.i18n import N_, _

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE_NAME = "dhbrowser"
#: How long a keyring call may wait (an unlock prompt being answered) before dhbrowser
#: gives up on it and says so.
KEYRING_TIMEOUT_SECONDS = 60.0
#: After this long without an answer, `on_wait` tells the user what is being waited for.
KEYRING_NOTICE_SECONDS = 1.0

Result = TypeVar("Result")

#: Backends that would write the secret to a file (or drop it): dhbrowser refuses them.
_FILE_BACKEND_PACKAGES = ("keyrings.alt",)


class KeyringProblem(enum.Enum):
    NO_BACKEND = "no backend"
    LOCKED = "locked or denied"
    FAILED = "backend error"
    NO_ANSWER = "no answer"


_REMEDIES = {
    KeyringProblem.NO_BACKEND: N_(
        "No system keyring is available: install and unlock a Secret Service provider such as "
        "GNOME Keyring or KWallet"
    ),
    KeyringProblem.LOCKED: N_(
        "The system keyring is locked or refused access: unlock it (in your keyring app, or by "
        "logging in again) and retry"
    ),
    KeyringProblem.FAILED: N_(
        "The system keyring reported an error: retry, and check your keyring app (GNOME "
        "Keyring, KWallet, …)"
    ),
    KeyringProblem.NO_ANSWER: N_(
        "The system keyring did not answer (an unlock prompt may be waiting): unlock the "
        "keyring in your keyring app and retry"
    ),
}


class KeyringUnavailable(DhError):
    """The keyring cannot store or give back a secret; `hint` says why and what to do."""

    def __init__(self, problem: KeyringProblem, detail: str) -> None:
        self.problem = problem
        self.detail = redact(detail)
        super().__init__(f"keyring {problem.value}: {self.detail}")

    @property
    def remedy(self) -> str:
        """What to do, for callers that cannot keep a secret for the session (a command)."""
        return _("{remedy}.").format(remedy=_(_REMEDIES[self.problem]))

    @property
    def hint(self) -> str:
        return _("{remedy}, or keep the secret for this session only.").format(
            remedy=_(_REMEDIES[self.problem])
        )


def command_hint(error: DhError) -> str:
    """What a command says about `error`: it cannot keep a secret for the session, so a
    keyring failure gets its remedy alone (the GUI's hint offers the session)."""
    return error.remedy if isinstance(error, KeyringUnavailable) else error.hint


class SecretStore:
    """Reads and writes ServerSecrets by profile name; safe to use from any thread.

    Keyring calls may wait on D-Bus or an unlock prompt: call them from a worker, not
    the GUI thread. Each waits at most `timeout` seconds (default KEYRING_TIMEOUT_SECONDS;
    then KeyringUnavailable with NO_ANSWER), and not at all once `abandon()` was called
    (then Cancelled). `on_wait` is called, from the waiting thread, when a call has had no
    answer for KEYRING_NOTICE_SECONDS: a command says what it waits for instead of
    hanging silently.
    """

    def __init__(
        self,
        service: str = SERVICE_NAME,
        *,
        timeout: float | None = None,
        on_wait: Callable[[float], object] | None = None,
    ) -> None:
        self.service = service
        self.timeout = KEYRING_TIMEOUT_SECONDS if timeout is None else timeout
        self._on_wait = on_wait
        self._session: dict[str, Secret] = {}
        self._lock = threading.Lock()
        self._abandoned: Future[None] = Future()

    def abandon(self) -> None:
        """Stop waiting for the keyring, now and from now on (from any thread)."""
        if not self._abandoned.done():
            self._abandoned.set_result(None)

    def _bounded(self, call: Callable[[], Result]) -> Result:
        """`call()` on a daemon thread; its result, unless the wait is over first."""
        if self._abandoned.done():
            raise Cancelled("the keyring is no longer read")
        answer: Future[Result] = Future()

        def run() -> None:
            try:
                answer.set_result(call())
            except BaseException as error:  # delivered to the waiting caller
                answer.set_exception(error)

        threading.Thread(target=run, name="keyring-call", daemon=True).start()
        either: list[Future[Any]] = [answer, self._abandoned]
        notice = min(KEYRING_NOTICE_SECONDS, self.timeout)
        done, _pending = wait(either, notice, FIRST_COMPLETED)
        if not done and self._on_wait is not None:
            self._on_wait(self.timeout)
        if not done:
            wait(either, self.timeout - notice, FIRST_COMPLETED)
        if answer.done():
            return answer.result()
        if self._abandoned.done():
            raise Cancelled("the keyring is no longer read")
        log.warning("keyring gave no answer within %.0f s; giving up on it", self.timeout)
        raise KeyringUnavailable(KeyringProblem.NO_ANSWER, f"no answer within {self.timeout:.0f} s")

    def __repr__(self) -> str:
        return f"SecretStore(service={self.service!r})"

    def get(self, profile_name: str) -> Secret | None:
        """The profile's secret: this session's if one was kept, else the keyring's, else None."""
        with self._lock:
            kept = self._session.get(profile_name)
        if kept is not None:
            return kept
        value = self._bounded(lambda: _get_password(self.service, profile_name))
        if value is None:
            return None
        register_secret(value)
        return Secret(value)

    def set(self, profile_name: str, secret: Secret, *, session_only: bool = False) -> None:
        """Store the secret in the keyring, or only in this process's memory if asked to."""
        if not secret:
            raise ValueError("an empty secret cannot be stored")
        register_secret(secret.reveal())
        if session_only:
            with self._lock:
                self._session[profile_name] = secret
            log.info("secret of profile %r kept for this session only", profile_name)
            return
        stored_in = self._bounded(lambda: _set_password(self.service, profile_name, secret))
        with self._lock:
            self._session.pop(profile_name, None)
        log.info("secret of profile %r stored in the keyring (%s)", profile_name, stored_in)

    def delete(self, profile_name: str) -> None:
        """Forget the profile's secret. With no keyring at all there is nothing to delete there.

        If the keyring refuses, the session copy is kept too: the profile stays usable.
        """
        if self._bounded(lambda: _delete_password(self.service, profile_name)):
            log.info("secret of profile %r deleted from the keyring", profile_name)
        with self._lock:
            self._session.pop(profile_name, None)

    def is_session_only(self, profile_name: str) -> bool:
        """Whether the profile's secret lives only in memory (gone when the app quits)."""
        with self._lock:
            return profile_name in self._session


def _get_password(service: str, profile_name: str) -> str | None:
    backend = _usable_backend()
    try:
        return backend.get_password(service, profile_name)
    except Exception as error:  # a backend may raise anything; see _unavailable
        raise _unavailable(error) from None


def _set_password(service: str, profile_name: str, secret: Secret) -> str:
    """Store the secret; the name of the backend that took it."""
    backend = _usable_backend()
    try:
        backend.set_password(service, profile_name, secret.reveal())
    except Exception as error:
        raise _unavailable(error) from None
    return _name(backend)


def _delete_password(service: str, profile_name: str) -> bool:
    """Delete the entry; False when there is no keyring at all (so nothing to delete)."""
    try:
        backend = _usable_backend()
    except KeyringUnavailable as error:
        if error.problem is not KeyringProblem.NO_BACKEND:
            raise
        return False
    import keyring.errors

    try:
        backend.delete_password(service, profile_name)
    except keyring.errors.PasswordDeleteError:
        if _still_stored(backend, service, profile_name):
            raise KeyringUnavailable(
                KeyringProblem.FAILED, "the keyring did not delete the entry"
            ) from None
    except Exception as error:
        raise _unavailable(error) from None
    return True


def _usable_backend() -> KeyringBackend:
    """The configured keyring backend, unless it is none at all or one that writes files."""
    import keyring
    import keyring.backends.chainer
    import keyring.backends.fail
    import keyring.backends.null

    try:
        backend = keyring.get_keyring()
    except Exception as error:  # a configured backend that is not viable raises RuntimeError
        raise KeyringUnavailable(
            KeyringProblem.NO_BACKEND, f"{type(error).__name__}: {error}"
        ) from None
    if isinstance(backend, keyring.backends.fail.Keyring | keyring.backends.null.Keyring):
        raise KeyringUnavailable(KeyringProblem.NO_BACKEND, f"keyring chose {_name(backend)}")
    if isinstance(backend, keyring.backends.chainer.ChainerBackend) and not backend.backends:
        raise KeyringUnavailable(KeyringProblem.NO_BACKEND, "keyring found no backend to chain")
    if type(backend).__module__.startswith(_FILE_BACKEND_PACKAGES):
        raise KeyringUnavailable(
            KeyringProblem.NO_BACKEND,
            f"{_name(backend)} keeps secrets in a file, which dhbrowser does not use",
        )
    return backend


def _unavailable(error: Exception) -> KeyringUnavailable:
    """Translate whatever a backend raised (keyring errors, D-Bus errors) into words."""
    import keyring.errors

    detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    if isinstance(error, keyring.errors.NoKeyringError | keyring.errors.InitError):
        problem = KeyringProblem.NO_BACKEND
    elif isinstance(error, keyring.errors.KeyringLocked):
        problem = KeyringProblem.LOCKED
    else:
        problem = KeyringProblem.FAILED
    log.warning("keyring %s: %s", problem.value, redact(detail))
    return KeyringUnavailable(problem, detail)


def _still_stored(backend: KeyringBackend, service: str, profile_name: str) -> bool:
    try:
        return backend.get_password(service, profile_name) is not None
    except Exception as error:
        raise _unavailable(error) from None


def _name(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"
