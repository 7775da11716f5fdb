"""Hover-to-play: a card the pointer rests on plays its idle preview, muted, in its portrait.

As on the web's avatar pickers, a preview starts only after a short dwell (one QTimer),
so sweeping the pointer across the grid loads nothing. One hover preview plays at a time;
it stops when the pointer leaves its card or the view scrolls. Its download waits until
the visible cards' portraits have loaded (the thumbnail store's visible-first queue) and
then runs at a lower priority than any portrait, from the same preview cache as the
details panel. The frames come through a QVideoSink of its own and the card delegate draws
the latest one into the card's portrait rectangle: no widget over the grid.

QtMultimedia is loaded on the first dwell, not at start-up; without it (or without a
backend), the View menu's toggle is disabled and says why. The toggle is remembered.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSettings,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QMouseEvent, QPainter
from PySide6.QtWidgets import QAbstractItemView

from dhbrowser.api.models import ActionClip, DigitalHuman
from dhbrowser.gui.action_chips import first_to_play
from dhbrowser.qt.i18n import translate
from dhbrowser.qt.roles import HUMAN_ROLE

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame

    from dhbrowser.gui.card_delegate import HumanCardDelegate
    from dhbrowser.qt.previews import PreviewLoad, PreviewStore
    from dhbrowser.qt.thumbnails import ThumbnailStore

log = logging.getLogger(__name__)

#: How long the pointer rests on a card before its preview starts.
HOVER_DWELL_MS = 600
#: The QSettings key of the View menu's toggle.
HOVER_SETTING = "view/hover_previews"
#: Below the portraits' priority (0) in the shared pool: a hover never holds one up.
HOVER_PRIORITY = -2


def hover_action(human: DigitalHuman) -> ActionClip | None:
    """What a hover plays: what selecting the human would, if it has a preview."""
    action = first_to_play(human.actions)
    return action if action is not None and action.preview_url else None


class HoverPreview(QObject):
    """Plays the hovered card's preview in the card; GUI thread only."""

    started = Signal(str)  # human id: the first frame of its preview is drawn in its card
    stopped = Signal()  # the hover preview ended (pointer left, scroll, another card)

    def __init__(
        self,
        view: QAbstractItemView,
        delegate: HumanCardDelegate,
        previews: PreviewStore,
        thumbnails: ThumbnailStore,
        settings: QSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._view = view
        self._delegate = delegate
        self._previews = previews
        self._thumbnails = thumbnails
        self._settings = settings
        self._index = QPersistentModelIndex()  # the card under the pointer
        self._human: DigitalHuman | None = None  # whose preview loads or plays
        self._fetch: PreviewLoad | None = None
        self._waiting_for_portraits = False
        self._player: QMediaPlayer | None = None
        self._frame: QVideoFrame | None = None
        self._playing = False  # the player has the hovered card's file: its frames count
        self._unavailable = ""  # why QtMultimedia cannot play, once known
        self.dwell = QTimer(self)
        self.dwell.setSingleShot(True)
        self.dwell.setInterval(HOVER_DWELL_MS)
        self.dwell.timeout.connect(self._on_dwelled)
        # The View menu's row in gui.actions.COMMANDS, whose text and context this is.
        self.toggle_action = QAction(translate("Command", "Play previews on &hover"), self)
        self.toggle_action.setCheckable(True)
        self.toggle_action.setChecked(settings.value(HOVER_SETTING, True, bool) is True)
        self.toggle_action.setStatusTip(
            translate("HoverPreview", "Resting the pointer on a card plays its preview, muted")
        )
        self.toggle_action.toggled.connect(self._on_toggled)
        delegate.live_portrait = self.paint_frame
        view.viewport().installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(self.cancel)
        model = view.model()  # the cards move under the pointer: a search, a sort, a reset
        model.modelReset.connect(self.cancel)
        model.layoutChanged.connect(self._on_cards_moved)
        model.rowsRemoved.connect(self._on_cards_moved)
        thumbnails.loadsFinished.connect(self._on_portraits_loaded)

    # -- queries -----------------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return self.toggle_action.isChecked() and not self._unavailable

    @property
    def human(self) -> DigitalHuman | None:
        """Whose hover preview is loading or playing (None: none)."""
        return self._human

    @property
    def waiting_for_portraits(self) -> bool:
        """Whether the dwell is over but the visible portraits still load first."""
        return self._waiting_for_portraits

    def media_player(self) -> QMediaPlayer | None:
        return self._player

    # -- painting (called by the delegate) ---------------------------------------------------

    def paint_frame(self, human: DigitalHuman, painter: QPainter, area: QRect) -> bool:
        """Draw the hover preview's current frame over `human`'s portrait; False if none."""
        frame = self._frame
        if self._human is None or human.id != self._human.id or frame is None:
            return False
        if not frame.isValid():
            return False
        from PySide6.QtMultimedia import QVideoFrame

        options = QVideoFrame.PaintOptions()
        options.aspectRatioMode = Qt.AspectRatioMode.KeepAspectRatioByExpanding
        frame.paint(painter, QRectF(area), options)
        return True

    # -- events ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            self._pointer_at(QPersistentModelIndex(self._view.indexAt(event.position().toPoint())))
        elif kind == QEvent.Type.Leave:
            self.cancel()
        return super().eventFilter(watched, event)

    def _pointer_at(self, index: QPersistentModelIndex) -> None:
        if index == self._index:
            return
        self.cancel()
        if index.isValid() and self.enabled:
            self._index = index
            self.dwell.start()

    @Slot()
    def cancel(self) -> None:
        """Stop the hover preview (or the dwell towards one); the card shows its portrait."""
        self.dwell.stop()
        self._index = QPersistentModelIndex()
        self._waiting_for_portraits = False
        if self._fetch is not None:
            self._fetch.cancel()
            self._fetch = None
        human, self._human = self._human, None
        self._frame = None
        self._playing = False
        if self._player is not None:
            self._release_player()
        if human is not None:
            self._view.viewport().update()
            self.stopped.emit()

    @Slot()
    def _on_cards_moved(self) -> None:
        """Keep the hover only while its card is still the one it started on."""
        human = self._index.data(HUMAN_ROLE) if self._index.isValid() else None
        playing = self._human
        if not isinstance(human, DigitalHuman) or (playing is not None and human.id != playing.id):
            self.cancel()

    @Slot(bool)
    def _on_toggled(self, on: bool) -> None:
        self._settings.setValue(HOVER_SETTING, on)
        if not on:
            self.cancel()

    @Slot()
    def _on_dwelled(self) -> None:
        human = self._index.data(HUMAN_ROLE) if self._index.isValid() else None
        if not isinstance(human, DigitalHuman) or hover_action(human) is None:
            return
        self._human = human
        if self._thumbnails.busy:
            self._waiting_for_portraits = True  # _on_portraits_loaded starts it
        else:
            self._start_fetch()

    @Slot()
    def _on_portraits_loaded(self) -> None:
        if self._waiting_for_portraits:
            self._waiting_for_portraits = False
            self._start_fetch()

    def _start_fetch(self) -> None:
        human = self._human
        assert human is not None
        action = hover_action(human)
        assert action is not None
        self._fetch = self._previews.load(
            human, action.name, self._on_fetched, self._on_fetch_failed, HOVER_PRIORITY
        )

    def _on_fetched(self, path: Path) -> None:
        self._fetch = None
        player = self._ensure_player()
        if player is None:
            return
        player.setSource(QUrl.fromLocalFile(str(path)))
        player.play()
        self._playing = True

    def _on_fetch_failed(self, message: str) -> None:
        """The card keeps its portrait; the details panel says why when the card is chosen."""
        self._fetch = None
        log.info("hover preview not loaded: %s", message)

    # -- the media player --------------------------------------------------------------------

    def _ensure_player(self) -> QMediaPlayer | None:
        """The muted, looping player (no audio output: no sound device is opened)."""
        if self._player is not None:
            return self._player
        from dhbrowser.gui.player import MULTIMEDIA_IMPORT_ERROR

        if MULTIMEDIA_IMPORT_ERROR is not None:
            self._disable(MULTIMEDIA_IMPORT_ERROR)
            return None
        from PySide6.QtMultimedia import QMediaPlayer, QVideoSink

        from dhbrowser.qt.qt_logging import route_ffmpeg_messages

        player = QMediaPlayer(self)
        route_ffmpeg_messages()
        if not player.isAvailable():
            player.deleteLater()
            self._disable(translate("PreviewPlayer", "no QtMultimedia backend is available"))
            return None
        sink = QVideoSink(player)  # goes with its player, retired or not
        sink.videoFrameChanged.connect(self._on_frame)
        player.setVideoSink(sink)
        player.setLoops(QMediaPlayer.Loops.Infinite.value)
        player.errorOccurred.connect(self._on_error)
        self._player = player
        return player

    def _release_player(self) -> None:
        """Stop reading; a player still loading is retired (see player._Retirement)."""
        from PySide6.QtMultimedia import QMediaPlayer

        from dhbrowser.gui.player import Retirement

        player = self._player
        assert player is not None
        if player.mediaStatus() == QMediaPlayer.MediaStatus.LoadingMedia:
            player.errorOccurred.disconnect(self._on_error)
            sink = player.videoSink()
            if sink is not None:
                sink.videoFrameChanged.disconnect(self._on_frame)
            Retirement(player)
            self._player = None
        else:
            player.stop()
            player.setSource(QUrl())

    def _disable(self, problem: str) -> None:
        self._unavailable = problem
        self.toggle_action.setEnabled(False)
        self.toggle_action.setStatusTip(
            translate("HoverPreview", "Previews cannot play on this computer: {problem}").format(
                problem=problem
            )
        )
        self.cancel()

    @Slot("QVideoFrame")
    def _on_frame(self, frame: QVideoFrame) -> None:
        if self._human is None or not self._playing or not frame.isValid():
            return
        first = self._frame is None
        self._frame = frame
        self._view.viewport().update(self._view.visualRect(self._index))
        if first:
            self.started.emit(self._human.id)

    @Slot("QMediaPlayer::Error", str)
    def _on_error(self, _error: object, description: str) -> None:
        """The card goes back to its portrait; the source is released at the next cancel,
        not inside the player's own signal."""
        log.info("hover preview cannot be played: %s", description)
        if self._player is not None:
            self._player.stop()
        self._frame = None
        self._view.viewport().update()
