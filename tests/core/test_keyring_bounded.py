"""A keyring that never answers (an unlock prompt nobody answers) costs a bounded wait:
the call gives up after its stated time, and at once when the window closes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

import dhbrowser.cli
import dhbrowser.core.secret_store
import dhbrowser.qt.settings
from dhbrowser.api.errors import Cancelled
from dhbrowser.api.secret import Secret
from dhbrowser.core.profiles import Profile
from dhbrowser.core.secret_store import KeyringProblem, KeyringUnavailable, SecretStore
from dhbrowser.qt.settings import ProfileSettings
from tests.keyring_doubles import BlockingKeyring, InstallKeyring

#: Far longer than any bounded wait here; only reached if the bound is broken.
BROKEN = 30.0


@pytest.fixture
def unanswered(use_keyring: InstallKeyring) -> Iterator[BlockingKeyring]:
    backend = use_keyring(BlockingKeyring())
    yield backend
    backend.release()  # let the abandoned calls' threads end


def outcome_of(call: Callable[[], object]) -> tuple[threading.Thread, list[BaseException]]:
    """Run `call` on a thread; what it raised is collected once it ends."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            call()
        except BaseException as error:
            raised.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, raised


@pytest.mark.parametrize(
    "call",
    [
        lambda store: store.get("prod"),
        lambda store: store.set("prod", Secret("a-long-secret")),
        lambda store: store.delete("prod"),
    ],
    ids=["get", "set", "delete"],
)
@pytest.mark.expect_log("WARNING", r"keyring gave no answer")
def test_an_unanswered_keyring_gives_up_after_its_timeout(
    unanswered: BlockingKeyring, call: Callable[[SecretStore], object]
) -> None:
    waits: list[float] = []
    store = SecretStore(timeout=0.2, on_wait=waits.append)
    thread, raised = outcome_of(lambda: call(store))
    thread.join(BROKEN)
    assert not thread.is_alive(), "the keyring call is not bounded"
    [error] = raised
    assert isinstance(error, KeyringUnavailable)
    assert error.problem is KeyringProblem.NO_ANSWER
    assert "unlock prompt" in error.remedy
    assert waits == [0.2], "the caller was told what it waits for"


def test_abandoning_the_store_ends_a_pending_call_at_once(unanswered: BlockingKeyring) -> None:
    store = SecretStore(timeout=3600)
    thread, raised = outcome_of(lambda: store.get("prod"))
    assert unanswered.entered.wait(BROKEN)
    store.abandon()
    thread.join(BROKEN)
    assert not thread.is_alive(), "abandon() did not end the wait"
    assert [type(error) for error in raised] == [Cancelled]
    with pytest.raises(Cancelled):
        store.get("prod")  # and no new call waits either


@pytest.mark.expect_log("WARNING", r"keyring gave no answer")
@pytest.mark.expect_log("WARNING", r"page at offset \d+ failed", required=False)
def test_check_says_it_waits_for_the_keyring_then_gives_up(
    unanswered: BlockingKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`dhbrowser --check` on a profile waited silently, for ever, on an unlock prompt."""
    settings = ProfileSettings(
        QSettings(str(tmp_path / "dhbrowser.conf"), QSettings.Format.IniFormat)
    )
    settings.save(Profile("prod", 123))
    monkeypatch.setattr(dhbrowser.qt.settings, "open_profile_settings", lambda: (settings, []))
    monkeypatch.setattr(dhbrowser.core.secret_store, "KEYRING_TIMEOUT_SECONDS", 2.0)
    code: list[int] = []
    thread = threading.Thread(
        target=lambda: code.append(dhbrowser.cli.main(["--check", "--profile", "prod"])),
        daemon=True,
    )
    thread.start()
    thread.join(BROKEN)
    assert not thread.is_alive(), "--check is still waiting for the keyring"
    assert code == [2]
    err = capsys.readouterr().err
    assert (
        "waiting for the system keyring (an unlock prompt may be open); giving up after 2 s" in err
    )
    assert "did not answer" in err
