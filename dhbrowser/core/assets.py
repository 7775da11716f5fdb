"""A digital human's assets as ZEGO's guide names them: the human and the voices it can use.

Qt-free, for the window's workers and the command line alike. Every call here talks to the
network: call it from a worker, never from the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dhbrowser.api.errors import ApiError, DhError, ReturnCode
from dhbrowser.api.models import DigitalHuman, Timbre
from dhbrowser.i18n import _

if TYPE_CHECKING:  # the client brings httpx, which the window's first paint does not need
    from dhbrowser.api.client import DigitalHumanClient

#: Go to id looks a pasted TimbreId up among the voices bound to at most this many humans.
MAX_BOUND_LOOKUPS = 50


@dataclass(frozen=True, slots=True)
class HumanVoices:
    """The voices one human can speak with: `bound` to it first, then `public` ones.

    The pairing is ZEGO's web demo's: a public human speaks with the public voices, a
    private human with the voices bound to it (so `public` is empty for a private human).
    """

    human_id: str
    bound: tuple[Timbre, ...]
    public: tuple[Timbre, ...]

    @property
    def all(self) -> tuple[Timbre, ...]:
        return self.bound + self.public


def usable_voices(
    client: DigitalHumanClient, human: DigitalHuman, public: Iterable[Timbre] | None = None
) -> HumanVoices:
    """The voices `human` can use; `public` is the public list if the caller has it already."""
    bound = tuple(client.iter_timbres(human.id))
    shared: tuple[Timbre, ...] = ()
    if human.is_public:
        shared = tuple(public) if public is not None else tuple(client.iter_timbres())
    bound_ids = {timbre.id for timbre in bound}
    return HumanVoices(human.id, bound, tuple(t for t in shared if t.id not in bound_ids))


def bound_voices(
    client: DigitalHumanClient, humans: Iterable[DigitalHuman]
) -> dict[str, tuple[Timbre, ...]]:
    """Each human's bound voices (one GetTimbreList per human, paced by the app's limiter)."""
    return {human.id: tuple(client.iter_timbres(human.id)) for human in humans}


def unknown_id_hint(text: str) -> str:
    """What to say when this AppId and endpoint know no human (or voice) with this id."""
    return _(
        "This AppId and endpoint do not know the id “{id}”: it may belong to another app "
        "or another endpoint (for example the mainland China one and an overseas one). Check "
        "the profile you are connected with."
    ).format(id=text)


@dataclass(frozen=True, slots=True)
class Found:
    """What a pasted id turned out to be: a human; a public voice; or a private voice and
    the human it is bound to."""

    human: DigitalHuman | None = None
    timbre: Timbre | None = None


class NotKnown(DhError):
    """No human or voice of this app has the id; the message says so in plain words."""

    def __init__(self, text: str) -> None:
        super().__init__(unknown_id_hint(text))


def look_up(client: DigitalHumanClient, text: str, private_human_ids: Iterable[str] = ()) -> Found:
    """Find what `text` is the id of: GetDigitalHumanInfo first; on 400000003, the public
    voices, then the voices bound to the given private humans (the first MAX_BOUND_LOOKUPS).

    Raises NotKnown when nothing has the id; other failures (network, signature) propagate.
    """
    wanted = text.strip()
    if not wanted:
        raise NotKnown(text)
    try:
        return Found(human=client.get_info(wanted))
    except ApiError as error:
        if error.code != ReturnCode.HUMAN_NOT_FOUND:
            raise
    for timbre in client.iter_timbres():
        if timbre.id == wanted:
            return Found(timbre=timbre)
    for count, human_id in enumerate(private_human_ids):
        if count >= MAX_BOUND_LOOKUPS:
            break
        for timbre in client.iter_timbres(human_id):
            if timbre.id == wanted:
                return Found(human=client.get_info(human_id), timbre=timbre)
    raise NotKnown(wanted)
