"""The action preview player: a few seconds of looping, muted video under the details.

Frames are drawn by `VideoSurface`, a plain widget fed by its own QVideoSink, rather than by
QVideoWidget: QVideoWidget renders through a native child window, which `grab()` cannot
capture and which no label can be laid over, so its error and loading messages would be
hidden behind the video. Audio output is created only when the user unmutes: muted by
default means no audio device is opened at all (and no PulseAudio warning on machines
without a sound server).

QtMultimedia may not load (its import fails without libpulse0, or no backend plugin is
found): the panel then says so and everything else keeps working.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QMetaObject,
    QObject,
    QRectF,
    QSize,
    Qt,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractSlider,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dhbrowser.gui.plaintext import plain_tooltip

try:
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoFrame, QVideoSink
except ImportError as error:  # libQt6Multimedia needs system libraries such as libpulse0
    MULTIMEDIA_IMPORT_ERROR: str | None = str(error)
else:
    MULTIMEDIA_IMPORT_ERROR = None

log = logging.getLogger(__name__)

MULTIMEDIA_MISSING = "Video previews need QtMultimedia: install libpulse0"
IDLE_MESSAGE = "Select an action to play its preview"
NO_PREVIEW_MESSAGE = "No preview for this action"
LOADING_MESSAGE = "Loading preview…"
#: Height of the title row above the video and of the controls below it; the detail panel
#: pads the portrait beside it by the same amounts, so portrait and video line up.
HEADER_HEIGHT = 24
SCREEN_COLOUR = QColor("#101114")
CORNER_RADIUS = 8.0
#: Width:height of ZEGO's portrait-format previews, assumed until the first frame arrives.
DEFAULT_ASPECT = 9 / 16


def format_time(milliseconds: int) -> str:
    """m:ss, the way a player shows a few seconds of video."""
    seconds = max(0, milliseconds) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


class Screen(QWidget):
    """The dark, rounded video area, with a message label inside it (loading, errors).

    The area keeps the video's aspect (9:16 until a frame says otherwise), top-aligned like
    the portrait beside it, and its height follows its width, so the layout gives the video
    the room it needs and no more. It needs no QtMultimedia: without it, it carries the
    message that says why there is no video.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._aspect = DEFAULT_ASPECT
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumSize(90, 160)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("preview-message")
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setMargin(12)
        palette = self.message_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#d7dae0"))
        self.message_label.setPalette(palette)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width / self._aspect)

    def sizeHint(self) -> QSize:
        return QSize(220, self.heightForWidth(220))

    def set_aspect(self, aspect: float) -> None:
        if abs(aspect - self._aspect) > 0.01:
            self._aspect = aspect
            self.updateGeometry()
            self._place_message()
            self.update()

    def frame_rect(self) -> QRectF:
        """The largest rectangle of the video's aspect that fits, centred at the top."""
        width = min(float(self.width()), self.height() * self._aspect)
        return QRectF((self.width() - width) / 2, 0.0, width, width / self._aspect)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_message()

    def _place_message(self) -> None:
        self.message_label.setGeometry(self.frame_rect().toRect())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = self.frame_rect()
        outline = QPainterPath()
        outline.addRoundedRect(frame, CORNER_RADIUS, CORNER_RADIUS)
        painter.fillPath(outline, SCREEN_COLOUR)
        painter.setClipPath(outline)
        self.paint_content(painter, frame)
        painter.end()

    def paint_content(self, painter: QPainter, frame: QRectF) -> None:
        """Draw inside the rounded frame (clipped to it); the bare screen stays dark."""


class VideoSurface(Screen):
    """A Screen that draws the latest frame of its QVideoSink; repaints per frame."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sink = QVideoSink(self)
        self._frame = QVideoFrame()
        self.sink.videoFrameChanged.connect(self._on_frame)

    @property
    def has_frame(self) -> bool:
        return self._frame.isValid()

    def clear(self) -> None:
        self._frame = QVideoFrame()
        self.update()

    @Slot("QVideoFrame")
    def _on_frame(self, frame: QVideoFrame) -> None:
        self._frame = frame
        if frame.isValid() and frame.height() > 0:
            self.set_aspect(frame.width() / frame.height())
        self.update()

    def paint_content(self, painter: QPainter, frame: QRectF) -> None:
        if self._frame.isValid():
            options = QVideoFrame.PaintOptions()
            options.aspectRatioMode = Qt.AspectRatioMode.KeepAspectRatio
            options.backgroundColor = SCREEN_COLOUR
            self._frame.paint(painter, frame, options)


@dataclass(slots=True)
class _Media:
    """The QtMultimedia half of the player, which exists only when QtMultimedia works.

    `player` is replaced when a preview is abandoned while still loading (see `_Retirement`).
    """

    player: QMediaPlayer
    surface: VideoSurface
    connections: list[QMetaObject.Connection]


class _Retirement(QObject):
    """Lets an abandoned player finish loading, then releases and deletes it.

    Cancelling a load (setSource or deleting the player mid-load) makes Qt's FFmpeg backend
    log "Could not open media … Immediate exit requested". Stopped, the player will not
    start once loaded; it belongs to the application meanwhile, so closing the window
    before the load ends does not cancel it either.
    """

    def __init__(self, player: QMediaPlayer) -> None:
        super().__init__(player)  # a child: it goes when the player goes
        self._player = player
        player.stop()
        player.setParent(QCoreApplication.instance())
        player.mediaStatusChanged.connect(self._on_status)

    @Slot("QMediaPlayer::MediaStatus")
    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.LoadingMedia:
            return
        self._player.mediaStatusChanged.disconnect(self._on_status)
        self._player.setSource(QUrl())
        self._player.deleteLater()


class PreviewPlayer(QWidget):
    """Plays one preview URL at a time, looping and muted by default; errors stay in the panel.

    `previewFailed(url)` is emitted when a preview could not be opened (refused link, network
    error): the owner may fetch a fresh signed URL and call `play()` again.
    """

    previewFailed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._url = ""
        self._label = ""
        self._muted = True
        self._looping = True
        self._failed = False
        self._audio: QAudioOutput | None = None
        self._media: _Media | None = None
        problem = MULTIMEDIA_IMPORT_ERROR
        if problem is None:
            player = QMediaPlayer(self)
            if player.isAvailable():
                self._media = _Media(player, VideoSurface(), [])
            else:
                problem = "no QtMultimedia backend is available"
                player.deleteLater()
        self._title_text = "Preview"
        self.title = self._build_title()
        self.video_area = self._media.surface if self._media is not None else Screen()
        self.video_area.setObjectName("preview-screen")
        self.message_label = self.video_area.message_label
        self._build_controls()
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.setSpacing(2)
        header.addWidget(self.title, 1)
        header.addWidget(self.loop_button)
        header.addWidget(self.mute_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.video_area, 1)
        layout.addLayout(self._controls)
        if self._media is None:
            self._show_message(f"{MULTIMEDIA_MISSING} ({problem}).")
            log.warning("video previews disabled: %s", problem)
        else:
            self._connect(self._media.player)
            self._media.surface.sink.videoFrameChanged.connect(self._on_frame)
            self._show_message(IDLE_MESSAGE)
        self._update_controls()

    # -- building ----------------------------------------------------------------------------

    @staticmethod
    def _build_title() -> QLabel:
        title = QLabel("Preview")
        title.setObjectName("preview-title")
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setFixedHeight(HEADER_HEIGHT)
        # Ignored width: a long action name is elided instead of widening the column.
        title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        return title

    def _build_controls(self) -> None:
        self.play_button = QToolButton()
        self.play_button.setObjectName("preview-play")
        self.play_button.setAutoRaise(True)
        self.play_button.setFixedSize(HEADER_HEIGHT, HEADER_HEIGHT)
        self.play_button.clicked.connect(self.toggle_play)

        self.position_slider = QSlider(Qt.Orientation.Horizontal)
        self.position_slider.setObjectName("preview-position")
        self.position_slider.setToolTip("Position (drag to seek)")
        self.position_slider.setRange(0, 0)
        self.position_slider.setMinimumWidth(40)
        self.position_slider.setSingleStep(100)  # arrow keys: 0.1 s
        self.position_slider.setPageStep(1000)  # Page Up/Down and clicks on the groove: 1 s
        self.position_slider.sliderMoved.connect(self._seek)
        self.position_slider.actionTriggered.connect(self._on_slider_action)

        self.time_label = QLabel()
        self.time_label.setObjectName("preview-time")
        self.time_label.setMinimumWidth(
            self.time_label.fontMetrics().horizontalAdvance("0:00 / 0:00")
        )
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._update_time(0, 0)

        self.loop_button = QToolButton()
        self.loop_button.setObjectName("preview-loop")
        self.loop_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.loop_button.setCheckable(True)
        self.loop_button.setChecked(True)
        self.loop_button.setToolTip("Loop: on")
        self.loop_button.setAutoRaise(True)
        self.loop_button.setFixedSize(HEADER_HEIGHT, HEADER_HEIGHT)
        self.loop_button.toggled.connect(self.set_looping)

        self.mute_button = QToolButton()
        self.mute_button.setObjectName("preview-mute")
        self.mute_button.setCheckable(True)
        self.mute_button.setChecked(True)
        self.mute_button.setAutoRaise(True)
        self.mute_button.setFixedSize(HEADER_HEIGHT, HEADER_HEIGHT)
        self.mute_button.toggled.connect(self.set_muted)

        self._controls = QHBoxLayout()
        self._controls.setContentsMargins(0, 0, 0, 0)
        self._controls.setSpacing(4)
        self._controls.addWidget(self.play_button)
        self._controls.addWidget(self.position_slider, 1)
        self._controls.addWidget(self.time_label)

    def _connect(self, player: QMediaPlayer) -> None:
        """Make `player` the one that draws into the surface and reports to this widget."""
        assert self._media is not None
        player.setVideoSink(self._media.surface.sink)
        player.setLoops(QMediaPlayer.Loops.Infinite.value if self._looping else 1)
        if self._audio is not None:
            player.setAudioOutput(self._audio)
        self._media.player = player
        self._media.connections = [
            player.errorOccurred.connect(self._on_error),
            player.mediaStatusChanged.connect(self._on_status),
            player.playbackStateChanged.connect(self._on_state),
            player.durationChanged.connect(self._on_duration),
            player.positionChanged.connect(self._on_position),
        ]

    # -- queries -----------------------------------------------------------------------------

    @property
    def available(self) -> bool:
        """Whether QtMultimedia loaded and previews can play at all."""
        return self._media is not None

    @property
    def is_playing(self) -> bool:
        return (
            self._media is not None
            and self._media.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        )

    @property
    def is_muted(self) -> bool:
        return self._muted

    @property
    def is_looping(self) -> bool:
        return self._looping

    @property
    def url(self) -> str:
        """The preview URL in the player ('' when stopped); kept after an error so Play retries."""
        return self._url

    def media_player(self) -> QMediaPlayer | None:
        """The QMediaPlayer (None when QtMultimedia is unavailable), for state checks."""
        return self._media.player if self._media is not None else None

    def audio_output(self) -> QAudioOutput | None:
        """The audio output, which exists only once the user has unmuted."""
        return self._audio

    def video_sink(self) -> QVideoSink | None:
        """The sink every decoded frame passes through (connect videoFrameChanged to count)."""
        return self._media.surface.sink if self._media is not None else None

    @property
    def title_text(self) -> str:
        """The whole title ("Preview · idle_action"); the label may show it elided."""
        return self._title_text

    def message(self) -> str:
        """The text shown over the video ('' while frames are showing)."""
        return "" if self.message_label.isHidden() else self.message_label.text()

    # -- commands ----------------------------------------------------------------------------

    def play(self, url: str, label: str) -> None:
        """Load `url` and play it from the start; `label` names the action in the title."""
        self._label = label
        self._set_title(f"Preview · {label}" if label else "Preview")
        if self._media is None:
            return
        self._release_source()
        if url:
            self._load(url)
        else:
            self._show_message(NO_PREVIEW_MESSAGE)
        self._update_controls()

    def stop(self, message: str = IDLE_MESSAGE) -> None:
        """Stop at once and drop the source, so no more of the video is read."""
        self._label = ""
        self._set_title("Preview")
        if self._media is not None:
            self._release_source()
            self._show_message(message)
        self._update_controls()

    def show_message(self, text: str) -> None:
        """Put `text` over the video area (the owner's status, e.g. while a link is renewed)."""
        if self._media is not None:
            self._show_message(text)

    @Slot()
    def toggle_play(self) -> None:
        """Pause a playing preview, resume a paused one, or load the last one again after an error."""
        if self._media is None or not self._url:
            return
        player = self._media.player
        if self.is_playing:
            player.pause()
        elif self._failed:
            url = self._url
            self._release_source()
            self._load(url)
        else:
            player.play()

    @Slot(bool)
    def set_looping(self, looping: bool) -> None:
        self._looping = looping
        self.loop_button.setChecked(looping)
        self.loop_button.setToolTip("Loop: on" if looping else "Loop: off")
        if self._media is not None:
            self._media.player.setLoops(QMediaPlayer.Loops.Infinite.value if looping else 1)

    @Slot(bool)
    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        self.mute_button.setChecked(muted)
        if self._media is not None and not muted and self._audio is None:
            self._audio = QAudioOutput(self)
            self._media.player.setAudioOutput(self._audio)
        if self._audio is not None:
            self._audio.setMuted(muted)
        self._update_controls()

    # -- internals ---------------------------------------------------------------------------

    def _load(self, url: str) -> None:
        assert self._media is not None
        self._url = url
        self._failed = False
        self._show_message(LOADING_MESSAGE)
        self._media.player.setSource(QUrl(url))
        self._media.player.play()

    def _release_source(self) -> None:
        """stop() before setSource(QUrl()): the backend closes its reader, then forgets the URL.

        A player still loading is not interrupted but retired, and a fresh one takes over.
        """
        media = self._media
        assert media is not None
        self._url = ""
        self._failed = False
        player = media.player
        if player.mediaStatus() == QMediaPlayer.MediaStatus.LoadingMedia:
            for connection in media.connections:
                QObject.disconnect(connection)
            _Retirement(player)
            self._connect(QMediaPlayer(self))
        else:
            player.stop()
            player.setSource(QUrl())
        media.surface.clear()
        self.position_slider.setRange(0, 0)
        self._update_time(0, 0)

    def _fail(self, text: str) -> None:
        """Show `text` and stop reading; the URL is kept so Play loads it again.

        Only stop(): the source is released later (next play or stop), never from inside the
        player's own error signal, whose emitter still has work to do when we return.
        """
        assert self._media is not None
        self._failed = True
        self._media.player.stop()
        self._media.surface.clear()
        self._show_message(text)
        self._update_controls()

    def _set_title(self, text: str) -> None:
        self._title_text = text
        self.title.setToolTip(plain_tooltip(text))
        self._elide_title()

    def _elide_title(self) -> None:
        metrics = self.title.fontMetrics()
        width = max(0, self.title.width())
        self.title.setText(metrics.elidedText(self._title_text, Qt.TextElideMode.ElideRight, width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide_title()

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _update_controls(self) -> None:
        style = self.style()
        playing = self.is_playing
        icon = (
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play_button.setIcon(style.standardIcon(icon))
        self.play_button.setToolTip("Pause (Space)" if playing else "Play (Space)")
        loaded = self._media is not None and bool(self._url)
        self.play_button.setEnabled(loaded)
        self.position_slider.setEnabled(loaded)
        self.loop_button.setEnabled(self._media is not None)
        self.mute_button.setEnabled(self._media is not None)
        volume = (
            QStyle.StandardPixmap.SP_MediaVolumeMuted
            if self._muted
            else QStyle.StandardPixmap.SP_MediaVolume
        )
        self.mute_button.setIcon(style.standardIcon(volume))
        self.mute_button.setToolTip("Unmute" if self._muted else "Mute")

    def _update_time(self, position: int, duration: int) -> None:
        self.time_label.setText(f"{format_time(position)} / {format_time(duration)}")

    @Slot("QVideoFrame")
    def _on_frame(self, frame: QVideoFrame) -> None:
        if frame.isValid() and self._url and not self.message_label.isHidden():
            self._show_message("")

    @Slot("QMediaPlayer::Error", str)
    def _on_error(self, error: QMediaPlayer.Error, description: str) -> None:
        if error == QMediaPlayer.Error.NoError or not self._url or self._failed:
            return
        url = self._url
        detail = description or error.name
        log.info("preview %s failed: %s (%s)", self._label, detail, error.name)
        if error in (QMediaPlayer.Error.ResourceError, QMediaPlayer.Error.NetworkError):
            self._fail(f"The preview could not be loaded: {detail}.")
            self.previewFailed.emit(url)
        else:
            self._fail(f"This preview cannot be played: {detail}.")

    @Slot("QMediaPlayer::MediaStatus")
    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        # errorOccurred comes first and says why; this covers a backend that only sets the status.
        if status == QMediaPlayer.MediaStatus.InvalidMedia and self._url and not self._failed:
            self._fail("This preview is not a playable video.")

    @Slot("QMediaPlayer::PlaybackState")
    def _on_state(self, _state: QMediaPlayer.PlaybackState) -> None:
        self._update_controls()

    @Slot("qlonglong")
    def _on_duration(self, duration: int) -> None:
        assert self._media is not None
        self.position_slider.setRange(0, max(0, duration))
        self._update_time(self._media.player.position(), duration)

    @Slot("qlonglong")
    def _on_position(self, position: int) -> None:
        assert self._media is not None
        if not self.position_slider.isSliderDown():
            self.position_slider.setValue(position)
        self._update_time(position, self._media.player.duration())

    @Slot(int)
    def _seek(self, position: int) -> None:
        if self._media is not None and self._url:
            self._media.player.setPosition(position)

    @Slot(int)
    def _on_slider_action(self, action: int) -> None:
        """Clicks on the groove and arrow keys: seek to where the handle is going."""
        if action != QAbstractSlider.SliderAction.SliderMove.value:
            self._seek(self.position_slider.sliderPosition())

    def hideEvent(self, event: QHideEvent) -> None:
        # Hidden on purpose (window closed, page switched): nobody is watching, stop reading.
        # A spontaneous hide (the window minimised) leaves playback alone.
        if not event.spontaneous():
            self.stop()
        super().hideEvent(event)
