"""The Connect dialog's states, and the one function that moves between them.

Qt-free, so each rule is tested without widgets: Save is offered only for input that was
tested as it is now; while the keyring is written nothing may be edited or cancelled; a
refused keyring offers to keep the secret for this session only; an answer that arrives
after the input changed (or after another request) changes nothing. The dialog renders
`ConnectState` and feeds `advance` the events it sees.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum, auto

from dhbrowser.api.secret import Secret
from dhbrowser.core.profiles import Profile


class Phase(Enum):
    EDITING = auto()  # the input as typed, not (or no longer) tested
    TESTING = auto()  # a test request for `attempt` runs
    TESTED = auto()  # `attempt` connected and is still the input: Save is offered
    STORING = auto()  # the keyring is being written with `attempt`'s secret
    REFUSED = auto()  # the keyring refused: Save again, or keep it for this session
    SAVED = auto()  # the secret is stored: the profile is saved and the dialog accepts


@dataclass(frozen=True, slots=True)
class Attempt:
    """The checked input that a phase is about."""

    profile: Profile
    secret: Secret


@dataclass(frozen=True, slots=True)
class ConnectState:
    phase: Phase = Phase.EDITING
    #: The input tested, being tested, stored or refused; None while editing.
    attempt: Attempt | None = None
    #: Counts the requests (tests, keyring writes): answers to an older one are stale.
    generation: int = 0

    @property
    def can_save(self) -> bool:
        return self.phase in {Phase.TESTED, Phase.REFUSED}

    @property
    def can_test(self) -> bool:
        return self.phase not in {Phase.TESTING, Phase.STORING}

    @property
    def storing(self) -> bool:
        """The keyring is written: the input is locked and the dialog cannot be closed."""
        return self.phase is Phase.STORING

    @property
    def offers_session_only(self) -> bool:
        return self.phase is Phase.REFUSED


# -- the events -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProbeStarted:
    attempt: Attempt


@dataclass(frozen=True, slots=True)
class ProbeSucceeded:
    generation: int


@dataclass(frozen=True, slots=True)
class ProbeFailed:
    generation: int


@dataclass(frozen=True, slots=True)
class InputEdited:
    pass


@dataclass(frozen=True, slots=True)
class SaveRequested:
    #: The input as it is now: Save stores only what was tested.
    current: Attempt | None


@dataclass(frozen=True, slots=True)
class Stored:
    generation: int


@dataclass(frozen=True, slots=True)
class StoreFailed:
    generation: int
    #: The keyring itself refused (locked, missing): keeping it in memory is offered.
    keyring_refused: bool


@dataclass(frozen=True, slots=True)
class KeptForSession:
    pass


@dataclass(frozen=True, slots=True)
class ProfileNotSaved:
    """The settings could not be written after the secret was stored."""


@dataclass(frozen=True, slots=True)
class Closed:
    pass


Event = (
    ProbeStarted
    | ProbeSucceeded
    | ProbeFailed
    | InputEdited
    | SaveRequested
    | Stored
    | StoreFailed
    | KeptForSession
    | ProfileNotSaved
    | Closed
)


def advance(state: ConnectState, event: Event) -> ConnectState:
    """The state after `event`; `state` itself when the event changes nothing (a stale
    answer, Save on untested input, an edit while the keyring is written)."""
    phase = state.phase
    match event:
        case ProbeStarted(attempt) if phase is not Phase.STORING:
            return ConnectState(Phase.TESTING, attempt, state.generation + 1)
        case ProbeSucceeded(generation) if _answers(state, Phase.TESTING, generation):
            return replace(state, phase=Phase.TESTED)
        case ProbeFailed(generation) if _answers(state, Phase.TESTING, generation):
            return replace(state, phase=Phase.EDITING, attempt=None)
        case InputEdited() | Closed() if phase not in {Phase.EDITING, Phase.STORING}:
            return ConnectState(Phase.EDITING, None, state.generation + 1)
        case SaveRequested(current) if state.can_save and current == state.attempt:
            return replace(state, phase=Phase.STORING, generation=state.generation + 1)
        case Stored(generation) if _answers(state, Phase.STORING, generation):
            return replace(state, phase=Phase.SAVED)
        case StoreFailed(generation, refused) if _answers(state, Phase.STORING, generation):
            return replace(state, phase=Phase.REFUSED if refused else Phase.TESTED)
        case KeptForSession() if phase is Phase.REFUSED:
            return replace(state, phase=Phase.SAVED)
        case ProfileNotSaved() if phase is Phase.SAVED:
            return replace(state, phase=Phase.TESTED)
    return state


def _answers(state: ConnectState, phase: Phase, generation: int) -> bool:
    """An answer to the request `state` waits for, not to an older one."""
    return state.phase is phase and generation == state.generation
