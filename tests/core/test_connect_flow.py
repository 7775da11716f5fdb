"""The Connect dialog's states without widgets: Save only for input tested as it is now,
stale answers change nothing, the keyring's refusal offers the session, and the secret is
dropped when the dialog closes."""

from __future__ import annotations

from dhbrowser.api.secret import Secret
from dhbrowser.core.connect_flow import (
    Attempt,
    Closed,
    ConnectState,
    InputEdited,
    KeptForSession,
    Phase,
    ProbeFailed,
    ProbeStarted,
    ProbeSucceeded,
    ProfileNotSaved,
    SaveRequested,
    Stored,
    StoreFailed,
    advance,
)
from dhbrowser.core.profiles import DEFAULT_ENDPOINT, Profile

TYPED = Attempt(Profile("prod", 1001, DEFAULT_ENDPOINT), Secret("a" * 32))
RETYPED = Attempt(Profile("prod", 1002, DEFAULT_ENDPOINT), Secret("a" * 32))


def passed_test() -> ConnectState:
    testing = advance(ConnectState(), ProbeStarted(TYPED))
    return advance(testing, ProbeSucceeded(testing.generation))


def while_storing() -> ConnectState:
    return advance(passed_test(), SaveRequested(TYPED))


def test_save_is_offered_only_after_a_successful_test() -> None:
    editing = ConnectState()
    assert not editing.can_save
    testing = advance(editing, ProbeStarted(TYPED))
    assert testing.phase is Phase.TESTING
    assert not testing.can_save
    assert not testing.can_test
    assert advance(testing, ProbeFailed(testing.generation)) == ConnectState(
        Phase.EDITING, None, testing.generation
    )
    assert passed_test().can_save
    assert passed_test().can_test


def test_save_stores_only_the_input_that_was_tested() -> None:
    state = passed_test()
    assert advance(state, SaveRequested(RETYPED)) is state, "untested input was stored"
    assert advance(state, SaveRequested(None)) is state
    assert advance(ConnectState(), SaveRequested(TYPED)) == ConnectState()
    assert while_storing().phase is Phase.STORING
    assert while_storing().attempt == TYPED


def test_an_answer_to_an_older_request_changes_nothing() -> None:
    first = advance(ConnectState(), ProbeStarted(TYPED))
    second = advance(first, ProbeStarted(RETYPED))
    assert advance(second, ProbeSucceeded(first.generation)) is second
    assert advance(second, ProbeFailed(first.generation)) is second
    done = advance(second, ProbeSucceeded(second.generation))
    assert done.phase is Phase.TESTED
    assert done.attempt == RETYPED
    assert advance(done, ProbeSucceeded(second.generation)) is done, "answered twice"


def test_editing_drops_a_running_or_passed_test() -> None:
    testing = advance(ConnectState(), ProbeStarted(TYPED))
    edited = advance(testing, InputEdited())
    assert edited.phase is Phase.EDITING
    assert edited.attempt is None
    assert advance(edited, ProbeSucceeded(testing.generation)) is edited, "a stale test counted"
    assert advance(passed_test(), InputEdited()).can_save is False


def test_while_the_keyring_is_written_nothing_is_edited_or_closed() -> None:
    state = while_storing()
    assert state.storing
    assert not state.can_test
    assert not state.can_save
    assert advance(state, InputEdited()) is state
    assert advance(state, Closed()) is state
    assert advance(state, ProbeStarted(RETYPED)) is state
    assert advance(state, Stored(state.generation)).phase is Phase.SAVED


def test_a_refused_keyring_offers_the_session_or_another_try() -> None:
    state = while_storing()
    refused = advance(state, StoreFailed(state.generation, keyring_refused=True))
    assert refused.phase is Phase.REFUSED
    assert refused.offers_session_only
    assert refused.can_save
    assert refused.can_test
    assert advance(refused, KeptForSession()).phase is Phase.SAVED
    assert advance(passed_test(), KeptForSession()) == passed_test(), "kept for the session unasked"
    again = advance(state, StoreFailed(state.generation, keyring_refused=False))
    assert again.phase is Phase.TESTED
    assert not again.offers_session_only


def test_a_profile_that_cannot_be_saved_can_be_saved_again() -> None:
    state = while_storing()
    saved = advance(state, Stored(state.generation))
    assert advance(saved, ProfileNotSaved()).can_save
    assert advance(passed_test(), ProfileNotSaved()) == passed_test()


def test_closing_forgets_the_secret() -> None:
    for state in (passed_test(), advance(ConnectState(), ProbeStarted(TYPED))):
        closed = advance(state, Closed())
        assert closed.attempt is None
        assert closed.generation > state.generation, "a late answer would still count"
