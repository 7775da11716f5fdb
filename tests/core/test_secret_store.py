"""The secret store when the keyring is missing, locked or broken, and the log redaction.

Every failure must become KeyringUnavailable with a hint a person can act on, the
session-only fallback must work, and the secret must never reach a file.
"""

from __future__ import annotations

import logging
import secrets as random_secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QSettings

from dhbrowser.api.secret import Secret
from dhbrowser.core.connection import connection_for
from dhbrowser.core.logs import close_logging, redact, register_secret, setup_logging
from dhbrowser.core.profiles import Profile
from dhbrowser.core.secret_store import KeyringProblem, KeyringUnavailable, SecretStore
from dhbrowser.qt.settings import ProfileSettings
from tests.keyring_doubles import (
    InstallKeyring,
    MemoryKeyring,
    RefusingKeyring,
    no_keyring,
    null_keyring,
)


class DBusError(Exception):
    """Stands in for what a D-Bus library raises past keyring (not a KeyringError)."""


class FileKeyring(MemoryKeyring):
    """Looks like keyrings.alt's plaintext file backend, which dhbrowser must refuse."""

    __module__ = "keyrings.alt.file"


@pytest.fixture
def secret() -> Secret:
    return Secret(random_secrets.token_hex(16))


@pytest.fixture
def logged(user_dirs: Path) -> Iterator[Path]:
    """Debug logging into the test's own log folder, closed afterwards."""
    path = setup_logging(verbose=True).path
    assert path is not None, "the test's log folder is writable"
    yield path
    close_logging()


def files_containing(root: Path, needle: str) -> list[Path]:
    return [
        path for path in root.rglob("*") if path.is_file() and needle.encode() in path.read_bytes()
    ]


def test_no_backend_explains_and_the_session_keeps_the_secret(
    use_keyring: InstallKeyring, user_dirs: Path, logged: Path, secret: Secret
) -> None:
    use_keyring(no_keyring())
    store = SecretStore()
    with pytest.raises(KeyringUnavailable) as raised:
        store.set("prod", secret)
    error = raised.value
    assert error.problem is KeyringProblem.NO_BACKEND
    assert error.hint == (
        "No system keyring is available: install and unlock a Secret Service provider such as "
        "GNOME Keyring or KWallet, or keep the secret for this session only."
    )
    with pytest.raises(KeyringUnavailable):
        store.get("prod")

    store.set("prod", secret, session_only=True)
    assert store.get("prod") == secret
    assert store.is_session_only("prod")

    # Profile and log are written to the user's folders; the secret is in none of them.
    settings = ProfileSettings(
        QSettings(str(user_dirs / "xdg_config_home" / "dhbrowser.conf"), QSettings.Format.IniFormat)
    )
    settings.save(Profile("prod", 123))
    assert connection_for("prod", settings, store).secret == secret
    logging.getLogger("dhbrowser.test").info("profile %s connected", "prod")
    written = [path for path in user_dirs.rglob("*") if path.is_file()]
    assert settings.file_path() in written
    assert logged in written
    assert logged.stat().st_size > 0
    assert files_containing(user_dirs, secret.reveal()) == []

    store.delete("prod")  # nothing in a keyring that does not exist; the session copy goes
    assert not store.is_session_only("prod")
    with pytest.raises(KeyringUnavailable):
        store.get("prod")


@pytest.mark.parametrize(
    ("make_error", "problem", "words"),
    [
        (
            lambda _p: keyring.errors.KeyringLocked("Failed to unlock the collection!"),
            KeyringProblem.LOCKED,
            "locked or refused access",
        ),
        (
            lambda p: keyring.errors.PasswordSetError(f"cannot store {p}"),
            KeyringProblem.FAILED,
            "reported an error",
        ),
        (
            lambda _p: keyring.errors.KeyringError("backend exploded"),
            KeyringProblem.FAILED,
            "reported an error",
        ),
        (
            lambda _p: DBusError("org.freedesktop.DBus.Error.NoReply"),
            KeyringProblem.FAILED,
            "reported an error",
        ),
        (
            lambda _p: keyring.errors.InitError("Failed to create the collection"),
            KeyringProblem.NO_BACKEND,
            "No system keyring is available",
        ),
    ],
    ids=["locked", "set-error-quoting-the-secret", "keyring-error", "dbus-error", "init-error"],
)
@pytest.mark.expect_log("WARNING", r"keyring (locked or denied|backend error|no backend)")
def test_a_refusing_backend_explains_and_offers_the_session(
    use_keyring: InstallKeyring,
    secret: Secret,
    make_error: Callable[[str], Exception],
    problem: KeyringProblem,
    words: str,
) -> None:
    backend = use_keyring(RefusingKeyring(make_error))
    store = SecretStore()
    with pytest.raises(KeyringUnavailable) as raised:
        store.set("prod", secret)
    error = raised.value
    assert backend.calls == 1
    assert error.problem is problem
    assert words in error.hint
    assert error.hint.endswith("or keep the secret for this session only.")
    for text in (str(error), repr(error), error.hint, error.detail):
        assert secret.reveal() not in text
    assert raised.value.__cause__ is None
    assert raised.value.__suppress_context__

    store.set("prod", secret, session_only=True)
    assert store.get("prod") == secret
    assert backend.calls == 1, "a session secret is served without asking the keyring"


@pytest.mark.expect_log("WARNING", r"keyring locked or denied")
def test_a_locked_keyring_keeps_the_profile_when_removing(
    use_keyring: InstallKeyring,
) -> None:
    use_keyring(RefusingKeyring(lambda _p: keyring.errors.KeyringLocked("locked")))
    with pytest.raises(KeyringUnavailable) as raised:
        SecretStore().delete("prod")
    assert raised.value.problem is KeyringProblem.LOCKED
    assert raised.value.remedy.startswith("The system keyring is locked")
    assert "session" not in raised.value.remedy


@pytest.mark.parametrize(
    "backend",
    [null_keyring(), FileKeyring()],
    ids=["null-drops-secrets", "plaintext-file"],
)
def test_backends_that_lose_or_file_secrets_are_refused(
    use_keyring: InstallKeyring, backend: KeyringBackend, secret: Secret
) -> None:
    use_keyring(backend)
    with pytest.raises(KeyringUnavailable) as raised:
        SecretStore().set("prod", secret)
    assert raised.value.problem is KeyringProblem.NO_BACKEND
    if isinstance(backend, MemoryKeyring):
        assert backend.entries == {}
        assert "keeps secrets in a file" in raised.value.detail


def test_a_working_keyring_stores_one_entry_per_profile(
    use_keyring: InstallKeyring, secret: Secret
) -> None:
    backend = use_keyring(MemoryKeyring())
    store = SecretStore()
    other = Secret(random_secrets.token_hex(16))
    store.set("a", secret, session_only=True)
    store.set("a", secret)  # stored for good: the session copy is dropped
    store.set("b", other)
    assert not store.is_session_only("a")
    assert backend.entries == {
        ("dhbrowser", "a"): secret.reveal(),
        ("dhbrowser", "b"): other.reveal(),
    }
    assert store.get("a") == secret
    assert store.get("missing") is None
    store.delete("a")
    store.delete("a")  # already gone: not an error
    assert set(backend.entries) == {("dhbrowser", "b")}
    assert secret.reveal() not in repr(store)


@pytest.mark.expect_log("WARNING", r"careless in the message itself")
@pytest.mark.expect_log("ERROR", r"and in a traceback")
def test_logs_blank_out_every_registered_secret(
    capfd: pytest.CaptureFixture[str], user_dirs: Path, secret: Secret
) -> None:
    logged = setup_logging(verbose=True).path  # after capfd took over stderr
    assert logged is not None
    try:
        register_secret(secret.reveal())
        log = logging.getLogger("dhbrowser.test")
        log.debug("careless: %s", secret.reveal())
        log.warning("careless in the message itself " + secret.reveal())
        try:
            raise ValueError(f"an exception quoting {secret.reveal()}")
        except ValueError:
            log.exception("and in a traceback")
    finally:
        close_logging()
    text = logged.read_text(encoding="utf-8")
    captured = capfd.readouterr()
    assert text.count("[secret]") == 3
    assert "careless: [secret]" in text
    assert "ValueError: an exception quoting [secret]" in text
    assert secret.reveal() not in text + captured.err + captured.out
    assert "[secret]" in captured.err, "the stderr handler is redacted too"


def test_short_values_are_not_treated_as_secrets() -> None:
    register_secret("abc")
    assert redact("abc abc") == "abc abc"
