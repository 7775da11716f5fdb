"""The action preview player: a few seconds of looping, muted video in the details' stage.

The `Stage` is the details panel's one media area: the portrait is its poster frame, shown
until the first video frame and again whenever there is none (stopped, failed, no
preview), so the panel never shows a black box where the human should be.

Frames are drawn by `VideoSurface`, a Stage fed by its own QVideoSink, rather than by
QVideoWidget: QVideoWidget renders through a native child window, which `grab()` cannot
capture and which no label can be laid over, so its error and loading messages would be
hidden behind the video. Audio output is created only when the user unmutes: muted by
default means no audio device is opened at all (and no PulseAudio warning on machines
without a sound server), and on a computer with no sound output unmuting says so instead.

The player never hands a server's URL to QtMultimedia: the PreviewStore downloads the
preview through dhbrowser's own checked fetcher into the preview cache ("Loading preview…"
meanwhile), and the player plays that local file, so FFmpeg never chooses where to connect.

QtMultimedia may not load (its import fails without libpulse0, or no backend plugin is
found): the panel then says so and everything else keeps working.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
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
    QIcon,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractSlider,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from dhbrowser.gui.theme import SCREEN, SCREEN_TEXT
from dhbrowser.qt.plaintext import plain_tooltip

try:
    from PySide6.QtMultimedia import (
        QAudioOutput,
        QMediaDevices,
        QMediaPlayer,
        QVideoFrame,
        QVideoSink,
    )
except ImportError as error:  # libQt6Multimedia needs system libraries such as libpulse0
    MULTIMEDIA_IMPORT_ERROR: str | None = str(error)
else:
    MULTIMEDIA_IMPORT_ERROR = None

from dhbrowser.api.models import DigitalHuman
from dhbrowser.qt.i18n import translate
from dhbrowser.qt.qt_logging import route_ffmpeg_messages

if TYPE_CHECKING:
    from dhbrowser.qt.previews import PreviewLoad, PreviewStore

log = logging.getLogger(__name__)

# English, translated where shown (context "PreviewPlayer").
MULTIMEDIA_MISSING = str(
    QT_TRANSLATE_NOOP("PreviewPlayer", "Video previews need QtMultimedia: install libpulse0")
)
NO_AUDIO_OUTPUT = str(QT_TRANSLATE_NOOP("PreviewPlayer", "No audio output on this computer"))


def has_audio_output() -> bool:
    """Whether the system lists a sound output. Without one, creating a QAudioOutput crashes
    Qt 6.12, and there would be nothing to hear anyway."""
    return bool(QMediaDevices.audioOutputs())


IDLE_MESSAGE = str(QT_TRANSLATE_NOOP("PreviewPlayer", "Select an action to play its preview"))
NO_PREVIEW_MESSAGE = str(QT_TRANSLATE_NOOP("PreviewPlayer", "No preview for this action"))
LOADING_MESSAGE = str(QT_TRANSLATE_NOOP("PreviewPlayer", "Loading preview…"))
#: Height of the title row above the stage and of the controls below it.
HEADER_HEIGHT = 24
#: The least height of the stage: a face stays recognisable. The stage never gets less (the
#: details page scrolls instead), so the controls below it never cover it.
STAGE_MIN_HEIGHT = 160
CORNER_RADIUS = 8.0
#: ←/→ on the seek bar move this far; Page Up/Down five times as far.
SEEK_STEP_MS = 1000
#: Width:height of ZEGO's portrait-format previews, assumed until a portrait or frame says otherwise.
DEFAULT_ASPECT = 9 / 16
#: Behind the stage's message, so it reads over a light portrait as over the dark frame.
MESSAGE_BACKDROP = QColor(16, 17, 20, 200)
#: The smallest stage: a 9:16 portrait STAGE_MIN_HEIGHT tall.
SCREEN_MIN_SIZE = QSize(round(STAGE_MIN_HEIGHT * DEFAULT_ASPECT), STAGE_MIN_HEIGHT)


def format_time(milliseconds: int) -> str:
    """m:ss, the way a player shows a few seconds of video."""
    seconds = max(0, milliseconds) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


class Stage(QWidget):
    """The one media area of the details: the portrait as a poster frame, the video over it.

    It keeps the picture's aspect (the video's once a frame arrived, else the portrait's,
    else 9:16), top-aligned and centred, and its height follows its width (never below
    STAGE_MIN_HEIGHT), so the layout gives it the room it needs and no more; its owner may
    cap that height (its maximum height) to fit a view. The poster shows until the first frame and again whenever
    there is none (stopped, failed, no preview); a message (loading, errors) sits in a
    strip at the bottom of the frame, over the poster. It needs no QtMultimedia: without
    it, it is the portrait with the message that says why there is no video.
    """

    resized = Signal()
    #: The picture's aspect changed, so the height for a width did: the owner may refit it.
    aspectChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._video_aspect: float | None = None
        self._poster: QPixmap | None = None
        self._poster_text = ""
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumSize(SCREEN_MIN_SIZE)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("preview-message")
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setMargin(6)  # a small video keeps room for whole words
        self.message_label.setAutoFillBackground(True)  # readable over any portrait
        palette = self.message_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, SCREEN_TEXT)
        palette.setColor(QPalette.ColorRole.Window, MESSAGE_BACKDROP)
        self.message_label.setPalette(palette)
        self.message_label.hide()

    # -- the poster --------------------------------------------------------------------------

    @property
    def text(self) -> str:
        """The poster's text, drawn where there is no portrait ("Loading portrait…", errors)."""
        return self._poster_text

    @property
    def has_pixmap(self) -> bool:
        return self._poster is not None

    def set_poster(self, pixmap: QPixmap | None, text: str = "") -> None:
        """Show `pixmap` while there is no video frame (None: the bare frame with `text`)."""
        self._poster = pixmap
        self._poster_text = text
        self._aspect_changed()

    def set_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))
        self._place_message()

    # -- geometry ----------------------------------------------------------------------------

    def aspect(self) -> float:
        if self._video_aspect is not None:
            return self._video_aspect
        if self._poster is not None and not self._poster.isNull():
            return self._poster.width() / self._poster.height()
        return DEFAULT_ASPECT

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        # A layout caps this at the maximum height, which the owner sets to fit its view.
        return max(STAGE_MIN_HEIGHT, round(width / self.aspect()))

    def sizeHint(self) -> QSize:
        return QSize(220, self.heightForWidth(220))

    def set_video_aspect(self, aspect: float | None) -> None:
        """The decoded video's aspect (None: no video, the poster's aspect rules)."""
        if aspect != self._video_aspect:
            self._video_aspect = aspect
            self._aspect_changed()

    def _aspect_changed(self) -> None:
        self.updateGeometry()
        self._place_message()
        self.update()
        self.aspectChanged.emit()

    def frame_rect(self) -> QRectF:
        """The largest rectangle of the picture's aspect that fits, centred at the top."""
        aspect = self.aspect()
        width = min(float(self.width() - 1), (self.height() - 1) * aspect)
        return QRectF((self.width() - width) / 2, 0.5, width, width / aspect)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_message()
        self.resized.emit()

    def _place_message(self) -> None:
        """A strip along the bottom of the frame, as tall as the wrapped message needs."""
        frame = self.frame_rect().toRect()
        height = min(frame.height(), self.message_label.heightForWidth(frame.width()))
        self.message_label.setGeometry(
            frame.x(), frame.bottom() - height + 1, frame.width(), max(0, height)
        )

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        frame = self.frame_rect()
        outline = QPainterPath()
        outline.addRoundedRect(frame, CORNER_RADIUS, CORNER_RADIUS)
        painter.fillPath(outline, SCREEN)
        painter.setClipPath(outline)
        if not self.paint_video(painter, frame):
            if self._poster is not None:
                painter.drawPixmap(frame.toRect(), self._poster)
            elif self._poster_text:
                painter.setPen(SCREEN_TEXT)
                painter.drawText(
                    frame.adjusted(10, 10, -10, -10),
                    Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                    self._poster_text,
                )
        painter.setClipping(False)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawPath(outline)
        painter.end()

    def paint_video(self, painter: QPainter, frame: QRectF) -> bool:
        """Draw the current video frame inside the rounded frame; False: there is none."""
        return False


class VideoSurface(Stage):
    """A Stage that draws the latest frame of its QVideoSink over the poster; repaints per frame."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sink = QVideoSink(self)
        self._frame = QVideoFrame()
        self.sink.videoFrameChanged.connect(self._on_frame)

    def clear(self) -> None:
        """Back to the poster."""
        self._frame = QVideoFrame()
        self.set_video_aspect(None)

    @Slot("QVideoFrame")
    def _on_frame(self, frame: QVideoFrame) -> None:
        self._frame = frame
        if frame.isValid() and frame.height() > 0:
            self.set_video_aspect(round(frame.width() / frame.height(), 3))
        self.update()

    def paint_video(self, painter: QPainter, frame: QRectF) -> bool:
        if not self._frame.isValid():
            return False
        options = QVideoFrame.PaintOptions()
        options.aspectRatioMode = Qt.AspectRatioMode.KeepAspectRatio
        options.backgroundColor = SCREEN
        self._frame.paint(painter, frame, options)
        return True


class SeekSlider(QSlider):
    """A position bar that jumps to where it is clicked (a plain QSlider moves a page)."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.maximum() > self.minimum():
            option = QStyleOptionSlider()
            self.initStyleOption(option)
            style = self.style()
            groove = style.subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
            )
            handle = style.subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
            )
            if not handle.contains(event.position().toPoint()):
                span = max(1, groove.width() - handle.width())
                offset = round(event.position().x()) - groove.x() - handle.width() // 2
                value = QStyle.sliderValueFromPosition(
                    self.minimum(), self.maximum(), offset, span, option.upsideDown
                )
                self.setSliderPosition(value)  # the handle is then under the mouse: drag on
                self.sliderMoved.emit(value)
        super().mousePressEvent(event)


def _toggle_icon(on: QIcon, size: int, ink: QColor) -> QIcon:
    """`on` for the checked state and, for unchecked, the same picture faded and struck
    through in `ink`: a toggle whose two states look different at a glance."""
    icon = QIcon()
    pixmap = on.pixmap(size, size)
    icon.addPixmap(pixmap, QIcon.Mode.Normal, QIcon.State.On)
    faded = QPixmap(pixmap.size())
    faded.setDevicePixelRatio(pixmap.devicePixelRatio())
    faded.fill(Qt.GlobalColor.transparent)
    painter = QPainter(faded)
    painter.setOpacity(0.45)
    painter.drawPixmap(0, 0, pixmap)
    painter.setOpacity(1.0)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(ink, 1.6))
    painter.drawLine(2, size - 2, size - 2, 2)
    painter.end()
    icon.addPixmap(faded, QIcon.Mode.Normal, QIcon.State.Off)
    return icon


@dataclass(slots=True)
class _Media:
    """The QtMultimedia half of the player, which exists only when QtMultimedia works.

    `player` is replaced when a preview is abandoned while still loading (see `Retirement`).
    """

    player: QMediaPlayer
    surface: VideoSurface
    connections: list[QMetaObject.Connection]


class Retirement(QObject):
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
    """Plays one action preview at a time, looping and muted by default; errors stay in the panel.

    `play(human, action)` fetches the preview through `previews` (a download, or the cache)
    and plays the local file; a new `play()` or `stop()` cancels a fetch still running.
    """

    def __init__(self, previews: PreviewStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._previews = previews
        self._human: DigitalHuman | None = None  # whose preview is in the player
        self._file: Path | None = None  # the local file given to QtMultimedia
        self._fetch: PreviewLoad | None = None  # the download in flight
        self._label = ""
        self._shown = ""  # how the title names the action (the user's label), for replays
        self._muted = True
        self._looping = True
        self._failed = False
        self._fetch_failed = False  # the failure was the download's: the connection may return
        self._audio: QAudioOutput | None = None
        self._media: _Media | None = None
        problem = MULTIMEDIA_IMPORT_ERROR
        if problem is None:
            player = QMediaPlayer(self)
            route_ffmpeg_messages()  # FFmpeg is loaded now: its stderr chatter to the log
            if player.isAvailable():
                self._media = _Media(player, VideoSurface(), [])
            else:
                problem = translate("PreviewPlayer", "no QtMultimedia backend is available")
                player.deleteLater()
        self._title_text = translate("PreviewPlayer", "Preview")
        self.title = self._build_title()
        self.video_area = self._media.surface if self._media is not None else Stage()
        self.video_area.setObjectName("preview-screen")
        self.video_area.setAccessibleName(translate("PreviewPlayer", "Preview"))
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
            self._show_message(
                translate("PreviewPlayer", "{missing} ({problem}).").format(
                    missing=translate("PreviewPlayer", MULTIMEDIA_MISSING), problem=problem
                )
            )
            log.warning("video previews disabled: %s", problem)
        else:
            self._connect(self._media.player)
            self._media.surface.sink.videoFrameChanged.connect(self._on_frame)
            self._show_message(translate("PreviewPlayer", IDLE_MESSAGE))
        self._update_controls()

    # -- building ----------------------------------------------------------------------------

    @staticmethod
    def _build_title() -> QLabel:
        title = QLabel(translate("PreviewPlayer", "Preview"))
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
        self.play_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.play_button.setFixedSize(HEADER_HEIGHT, HEADER_HEIGHT)
        self.play_button.clicked.connect(self.toggle_play)

        self.position_slider = SeekSlider(Qt.Orientation.Horizontal)
        self.position_slider.setObjectName("preview-position")
        self.position_slider.setToolTip(
            translate("PreviewPlayer", "Position (click or drag to seek, ←/→ to step)")
        )
        self.position_slider.setAccessibleName(translate("PreviewPlayer", "Position"))
        self.position_slider.setRange(0, 0)
        self.position_slider.setMinimumWidth(30)
        self.position_slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.position_slider.setSingleStep(SEEK_STEP_MS)
        self.position_slider.setPageStep(5 * SEEK_STEP_MS)
        self.position_slider.sliderMoved.connect(self._seek)
        self.position_slider.actionTriggered.connect(self._on_slider_action)

        self.time_label = QLabel()
        self.time_label.setObjectName("preview-time")
        self.time_label.setAccessibleName(translate("PreviewPlayer", "Time"))
        self.time_label.setMinimumWidth(
            self.time_label.fontMetrics().horizontalAdvance("0:00 / 0:00")
        )
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._update_time(0, 0)

        self._build_toggles()

        self._controls = QHBoxLayout()
        self._controls.setContentsMargins(0, 0, 0, 0)
        self._controls.setSpacing(4)
        self._controls.addWidget(self.play_button)
        self._controls.addWidget(self.position_slider, 1)
        self._controls.addWidget(self.time_label)

    def _build_toggles(self) -> None:
        """Loop and Mute: fixed-size toggles whose off state is drawn faded and struck through."""
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        icon_size = HEADER_HEIGHT - 8
        self.loop_button = QToolButton()
        self.loop_button.setObjectName("preview-loop")
        self.loop_button.setIcon(
            _toggle_icon(
                self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload), icon_size, ink
            )
        )
        self.loop_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.loop_button.setAccessibleName(translate("PreviewPlayer", "Loop"))
        self.loop_button.setCheckable(True)
        self.loop_button.setChecked(True)
        self.loop_button.setToolTip(translate("PreviewPlayer", "Loop: on"))
        self.loop_button.setAccessibleDescription(translate("PreviewPlayer", "on"))
        self.loop_button.setAutoRaise(True)
        self.loop_button.setFixedSize(HEADER_HEIGHT, HEADER_HEIGHT)
        self.loop_button.toggled.connect(self.set_looping)

        self.mute_button = QToolButton()
        self.mute_button.setObjectName("preview-mute")
        self.mute_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.mute_button.setAccessibleName(translate("PreviewPlayer", "Mute"))
        self.mute_button.setCheckable(True)
        self.mute_button.setChecked(True)
        self.mute_button.setAutoRaise(True)
        self.mute_button.setFixedSize(HEADER_HEIGHT, HEADER_HEIGHT)
        self.mute_button.toggled.connect(self.set_muted)

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
    def source_file(self) -> Path | None:
        """The local file in the player (None while fetching or stopped); kept after an error."""
        return self._file

    @property
    def preview(self) -> tuple[DigitalHuman, str] | None:
        """(human, action name) of the preview on show, kept after an error so Play retries."""
        return (self._human, self._label) if self._human is not None else None

    @property
    def is_fetching(self) -> bool:
        """Whether the preview is still being downloaded (or read from the cache)."""
        return self._fetch is not None

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

    def focus_chain(self) -> list[QWidget]:
        """The player's keyboard stops in reading order: its toggles above, then play, seek."""
        return [self.loop_button, self.mute_button, self.play_button, self.position_slider]

    def message(self) -> str:
        """The text shown over the video ('' while frames are showing)."""
        return "" if self.message_label.isHidden() else self.message_label.text()

    # -- commands ----------------------------------------------------------------------------

    def play(self, human: DigitalHuman, action_name: str, shown: str = "") -> None:
        """Fetch the preview of `human`'s `action_name` and play it from the start; the
        title names it as `shown` (the user's label beside it) where given."""
        self._label = action_name
        self._shown = shown
        title = shown or action_name
        self._set_title(
            translate("PreviewPlayer", "Preview · {action}").format(action=title)
            if title
            else translate("PreviewPlayer", "Preview")
        )
        if self._media is None:
            return
        self._release_source()
        if human.preview_url(action_name):
            self._human = human
            self._start_fetch()
        else:
            self._show_message(translate("PreviewPlayer", NO_PREVIEW_MESSAGE))
        self._update_controls()

    def stop(self, message: str = IDLE_MESSAGE) -> None:
        """Stop at once and drop the source, so no more of the video is read."""
        self._label = ""
        self._set_title(translate("PreviewPlayer", "Preview"))
        if self._media is not None:
            self._release_source()
            self._show_message(translate("PreviewPlayer", message))
        self._update_controls()

    def show_message(self, text: str) -> None:
        """Put `text` over the video area (the owner's status, e.g. while a link is renewed)."""
        if self._media is not None:
            self._show_message(text)

    def show_poster(self, pixmap: QPixmap | None, text: str = "") -> None:
        """The portrait shown until the first video frame, and whenever there is no video."""
        self.video_area.set_poster(pixmap, text)

    def set_controls_shown(self, shown: bool) -> None:
        """Hide the player's buttons and title for a human without actions: the stage is
        then the portrait alone, with nothing that could not play."""
        for control in (self.title, self.loop_button, self.mute_button, self.play_button):
            control.setVisible(shown)
        self.position_slider.setVisible(shown)
        self.time_label.setVisible(shown)

    @property
    def waiting_for_connection(self) -> bool:
        """Whether the preview on show failed to download (not to decode): worth retrying
        once the connection is back."""
        return self._fetch_failed and self._human is not None and self._fetch is None

    @Slot()
    def retry_download(self) -> None:
        """Load again a preview whose download failed (the session is back online)."""
        if self.waiting_for_connection:
            self.toggle_play()

    @Slot()
    def toggle_play(self) -> None:
        """Pause a playing preview, resume a paused one, or load the last one again after an error."""
        if self._media is None or self._human is None or self._fetch is not None:
            return
        player = self._media.player
        if self.is_playing:
            player.pause()
        elif self._failed:
            human, label = self._human, self._label
            self._release_source()
            self.play(human, label, self._shown)
        else:
            player.play()

    @Slot(bool)
    def set_looping(self, looping: bool) -> None:
        self._looping = looping
        self.loop_button.setChecked(looping)
        self.loop_button.setToolTip(
            translate("PreviewPlayer", "Loop: on")
            if looping
            else translate("PreviewPlayer", "Loop: off")
        )
        self.loop_button.setAccessibleDescription(
            translate("PreviewPlayer", "on") if looping else translate("PreviewPlayer", "off")
        )
        if self._media is not None:
            self._media.player.setLoops(QMediaPlayer.Loops.Infinite.value if looping else 1)

    @Slot(bool)
    def set_muted(self, muted: bool) -> None:
        if self._media is not None and not muted and self._audio is None:
            if not has_audio_output():
                self._show_no_audio_output()
                return
            self._audio = QAudioOutput(self)
            self._media.player.setAudioOutput(self._audio)
        self._muted = muted
        self.mute_button.setChecked(muted)
        if self._audio is not None:
            self._audio.setMuted(muted)
        self._update_controls()

    def _show_no_audio_output(self) -> None:
        """Stay muted, and say why right at the button the user just pressed."""
        self.mute_button.setChecked(True)
        self._update_controls()
        no_output = translate("PreviewPlayer", NO_AUDIO_OUTPUT)
        self.mute_button.setToolTip(no_output)
        QToolTip.showText(
            self.mute_button.mapToGlobal(self.mute_button.rect().bottomLeft()),
            no_output,
            self.mute_button,
        )

    # -- internals ---------------------------------------------------------------------------

    def _start_fetch(self) -> None:
        assert self._human is not None
        self._failed = False
        self._fetch_failed = False
        self._show_message(translate("PreviewPlayer", LOADING_MESSAGE))
        self._fetch = self._previews.load(
            self._human, self._label, self._on_fetched, self._on_fetch_failed
        )

    def _on_fetched(self, path: Path) -> None:
        assert self._media is not None
        self._fetch = None
        self._file = path
        self._media.player.setSource(QUrl.fromLocalFile(str(path)))
        self._media.player.play()
        self._update_controls()

    def _on_fetch_failed(self, message: str) -> None:
        self._fetch = None
        self._failed = True
        self._fetch_failed = True
        self._show_message(message)
        self._update_controls()

    def _release_source(self) -> None:
        """stop() before setSource(QUrl()): the backend closes its reader, then forgets the URL.

        A player still loading is not interrupted but retired, and a fresh one takes over.
        """
        media = self._media
        assert media is not None
        if self._fetch is not None:
            self._fetch.cancel()
            self._fetch = None
        self._human = None
        self._file = None
        self._failed = False
        self._fetch_failed = False
        player = media.player
        if player.mediaStatus() == QMediaPlayer.MediaStatus.LoadingMedia:
            for connection in media.connections:
                QObject.disconnect(connection)
            Retirement(player)
            self._connect(QMediaPlayer(self))
        else:
            player.stop()
            player.setSource(QUrl())
        media.surface.clear()
        self.position_slider.setRange(0, 0)
        self._update_time(0, 0)

    def _fail(self, text: str) -> None:
        """Show `text` and stop reading; the preview is kept so Play loads it again.

        Only stop(): the source is released later (next play or stop), never from inside the
        player's own error signal, whose emitter still has work to do when we return.
        """
        assert self._media is not None
        self._failed = True
        if self._human is not None:  # what the server sent is not kept: Play fetches it anew
            self._previews.forget(self._human, self._label)
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
        # Middle: action names differ at the end ("wave_left", "wave_right").
        self.title.setText(
            metrics.elidedText(self._title_text, Qt.TextElideMode.ElideMiddle, width)
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide_title()

    def _show_message(self, text: str) -> None:
        self.video_area.set_message(text)
        self._describe_stage()

    def _describe_stage(self) -> None:
        """Tell screen readers what the stage shows: its message, or what plays how."""
        if self.message():
            description = self.message()
        elif self._human is None:
            description = translate("PreviewPlayer", "Portrait")
        else:
            description = translate("PreviewPlayer", "{action}, {state}, {sound}").format(
                action=self._title_text,
                state=translate("PreviewPlayer", "playing")
                if self.is_playing
                else translate("PreviewPlayer", "paused"),
                sound=translate("PreviewPlayer", "Sound off")
                if self._muted
                else translate("PreviewPlayer", "Sound on"),
            )
        self.video_area.setAccessibleDescription(description)

    def _update_controls(self) -> None:
        self._describe_stage()
        style = self.style()
        playing = self.is_playing
        icon = (
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play_button.setIcon(style.standardIcon(icon))
        self.play_button.setToolTip(
            translate("PreviewPlayer", "Pause (Space)")
            if playing
            else translate("PreviewPlayer", "Play (Space)")
        )
        self.play_button.setAccessibleName(
            translate("PreviewPlayer", "Pause") if playing else translate("PreviewPlayer", "Play")
        )
        loaded = self._media is not None and self._human is not None and self._fetch is None
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
        self.mute_button.setToolTip(
            translate("PreviewPlayer", "Unmute")
            if self._muted
            else translate("PreviewPlayer", "Mute")
        )
        self.mute_button.setAccessibleDescription(
            translate("PreviewPlayer", "Sound off")
            if self._muted
            else translate("PreviewPlayer", "Sound on")
        )

    def _update_time(self, position: int, duration: int) -> None:
        self.time_label.setText(f"{format_time(position)} / {format_time(duration)}")

    @Slot("QVideoFrame")
    def _on_frame(self, frame: QVideoFrame) -> None:
        if frame.isValid() and self._file is not None and not self.message_label.isHidden():
            self._show_message("")

    @Slot("QMediaPlayer::Error", str)
    def _on_error(self, error: QMediaPlayer.Error, description: str) -> None:
        if error == QMediaPlayer.Error.NoError or self._file is None or self._failed:
            return
        # The file is local and was downloaded whole: whatever failed is in its content.
        detail = description or error.name
        log.info("preview %s failed: %s (%s)", self._label, detail, error.name)
        self._fail(
            translate("PreviewPlayer", "This preview cannot be played: {problem}.").format(
                problem=detail
            )
        )

    @Slot("QMediaPlayer::MediaStatus")
    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        # errorOccurred comes first and says why; this covers a backend that only sets the status.
        if status == QMediaPlayer.MediaStatus.InvalidMedia and self._file and not self._failed:
            self._fail(translate("PreviewPlayer", "This preview is not a playable video."))

    @Slot("QMediaPlayer::PlaybackState")
    def _on_state(self, _state: QMediaPlayer.PlaybackState) -> None:
        self._update_controls()

    @Slot("qlonglong")
    def _on_duration(self, duration: int) -> None:
        assert self._media is not None
        if self._human is not None and duration > 0:  # a file whose header we could not read
            self._previews.note_duration(self._human.id, self._label, duration)
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
        if self._media is not None and self._file is not None:
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
