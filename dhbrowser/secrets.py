"""ServerSecrets in the OS keyring (service "dhbrowser", one entry per profile), or for
this session only when the user chooses so.

There is deliberately no file fallback: when the keyring is missing, locked or broken,
`KeyringUnavailable` says what happened and how to fix it, and the caller offers to keep
the secret in memory for this session.

keyring is imported on first use, in the worker that reads or writes a secret: its import
(15 ms, entry points of every installed backend) is not on the demo's start-up path.
"""

from __future__ import annotations

import enum
import logging
import threading
from typing import TYPE_CHECKING

from dhbrowser.api.errors import DhError
from dhbrowser.api.secret import Secret
from dhbrowser.logs import redact, register_secret

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE_NAME = "dhbrowser"

#: Backends that would write the secret to a file (or drop it): dhbrowser refuses them.
_FILE_BACKEND_PACKAGES = ("keyrings.alt",)


class KeyringProblem(enum.Enum):
    NO_BACKEND = "no backend"
    LOCKED = "locked or denied"
    FAILED = "backend error"


_REMEDIES = {
    KeyringProblem.NO_BACKEND: (
        "No system keyring is available: install and unlock a Secret Service provider such as "
        "GNOME Keyring or KWallet"
    ),
    KeyringProblem.LOCKED: (
        "The system keyring is locked or refused access: unlock it (in your keyring app, or by "
        "logging in again) and retry"
    ),
    KeyringProblem.FAILED: (
        "The system keyring reported an error: retry, and check your keyring app (GNOME "
        "Keyring, KWallet, …)"
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
        return f"{_REMEDIES[self.problem]}."

    @property
    def hint(self) -> str:
        return f"{_REMEDIES[self.problem]}, or keep the secret for this session only."


class SecretStore:
    """Reads and writes ServerSecrets by profile name; safe to use from any thread.

    Keyring calls may wait on D-Bus or an unlock prompt: call them from a worker, not
    the GUI thread.
    """

    def __init__(self, service: str = SERVICE_NAME) -> None:
        self.service = service
        self._session: dict[str, Secret] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"SecretStore(service={self.service!r})"

    def get(self, profile_name: str) -> Secret | None:
        """The profile's secret: this session's if one was kept, else the keyring's, else None."""
        with self._lock:
            kept = self._session.get(profile_name)
        if kept is not None:
            return kept
        backend = _usable_backend()
        try:
            value = backend.get_password(self.service, profile_name)
        except Exception as error:  # a backend may raise anything; see _unavailable
            raise _unavailable(error) from None
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
        backend = _usable_backend()
        try:
            backend.set_password(self.service, profile_name, secret.reveal())
        except Exception as error:
            raise _unavailable(error) from None
        with self._lock:
            self._session.pop(profile_name, None)
        log.info("secret of profile %r stored in the keyring (%s)", profile_name, _name(backend))

    def delete(self, profile_name: str) -> None:
        """Forget the profile's secret. With no keyring at all there is nothing to delete there.

        If the keyring refuses, the session copy is kept too: the profile stays usable.
        """
        try:
            backend: KeyringBackend | None = _usable_backend()
        except KeyringUnavailable as error:
            if error.problem is not KeyringProblem.NO_BACKEND:
                raise
            backend = None
        if backend is not None:
            import keyring.errors

            try:
                backend.delete_password(self.service, profile_name)
            except keyring.errors.PasswordDeleteError:
                if _still_stored(backend, self.service, profile_name):
                    raise KeyringUnavailable(
                        KeyringProblem.FAILED, "the keyring did not delete the entry"
                    ) from None
            except Exception as error:
                raise _unavailable(error) from None
            log.info("secret of profile %r deleted from the keyring", profile_name)
        with self._lock:
            self._session.pop(profile_name, None)

    def is_session_only(self, profile_name: str) -> bool:
        """Whether the profile's secret lives only in memory (gone when the app quits)."""
        with self._lock:
            return profile_name in self._session


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
