"""Connect a ZEGOCLOUD app: AppId, ServerSecret and endpoint, tested before they are saved.

"Test connection" sends a one-item list request from a worker and says in words what went
wrong (wrong secret, unknown AppId, service not enabled, clock, network, TLS); the input
stays as typed so it can be corrected. "Save" is enabled by a successful test of exactly
the current input. The secret goes to the keyring (from a worker: the keyring may wait on
an unlock prompt); if the keyring refuses, the dialog explains and offers to keep the
secret for this session only. After saving, the secret field is empty again.
"""

from __future__ import annotations

import threading
from functools import partial

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QSize,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from dhbrowser.api.client import DigitalHumanClient, RetryPolicy
from dhbrowser.api.errors import (
    ApiError,
    Cancelled,
    HttpStatusError,
    NetworkError,
    ProtocolError,
    ReturnCode,
)
from dhbrowser.api.models import Page
from dhbrowser.api.secret import Secret
from dhbrowser.core.connect_flow import (
    Attempt,
    Closed,
    ConnectState,
    Event,
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
from dhbrowser.core.logs import register_secret
from dhbrowser.core.profiles import (
    DEFAULT_ENDPOINT,
    MAX_NAME_LENGTH,
    Profile,
    ProfileError,
    check_endpoint,
    check_name,
    parse_app_id,
    secret_problem,
)
from dhbrowser.core.secret_store import KeyringUnavailable, SecretStore
from dhbrowser.gui.theme import MutedLabel, Tone, application_palette, apply_tone, tone_text
from dhbrowser.qt import workers
from dhbrowser.qt.i18n import translate
from dhbrowser.qt.plaintext import plain_tooltip
from dhbrowser.qt.settings import ProfileSettings

#: A test should answer quickly: one retry for a blip, not the browser's patient four.
TEST_RETRY = RetryPolicy(attempts=1, base=0.25, cap=1.0)
#: The profile name offered first (English; translated where shown).
DEFAULT_PROFILE_NAME = str(QT_TRANSLATE_NOOP("ConnectDialog", "My app"))

_APP_ID_CODES = {
    ReturnCode.APP_ID_MALFORMED,
    ReturnCode.SECRET_NOT_FOUND,
    ReturnCode.APP_CONFIG_NOT_FOUND,
}
_ENDPOINT_CODES = {ReturnCode.WRONG_HOST, ReturnCode.ACTION_NOT_SUPPORTED}


class _Probe:
    """One "Test connection" request, cancellable from the GUI thread while it runs."""

    def __init__(self, attempt: Attempt) -> None:
        self.profile = attempt.profile
        self.secret = attempt.secret
        self._lock = threading.Lock()
        self._client: DigitalHumanClient | None = None
        self._cancelled = False

    def run(self) -> Page:
        """Runs on a worker: the client (and its TLS context) is built there too."""
        client = DigitalHumanClient(
            self.profile.app_id, self.secret, self.profile.endpoint, retry=TEST_RETRY
        )
        with self._lock:
            if self._cancelled:
                client.close()
                raise Cancelled("connection test cancelled")
            self._client = client
        with client:
            return client.list_page(0, 1)

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._client is not None:
                self._client.cancel()


class ConnectDialog(QDialog):
    """Asks for an app's details, tests them, and saves them as a profile.

    After `exec()`/`finished` with Accepted, `profile()` is the saved profile. The caller
    decides whether to make it active and switch to it.
    """

    #: Emitted after each test with whether it succeeded (the status strip says the rest).
    testFinished = Signal(bool)

    def __init__(
        self,
        pool: QThreadPool,
        settings: ProfileSettings,
        secrets: SecretStore,
        parent: QWidget | None = None,
        *,
        initial: Profile | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = pool
        self._settings = settings
        self._secrets = secrets
        self._initial = initial
        self._state = ConnectState()
        #: The running test's request, to cancel it when the state leaves it behind.
        self._probe: _Probe | None = None
        self._profile: Profile | None = None
        self.setWindowTitle(translate("ConnectDialog", "Connect a ZEGOCLOUD app"))
        self.setModal(True)
        self.setMinimumWidth(560)
        self._build(initial)
        self._wire()
        self._render()

    # -- public ------------------------------------------------------------------------------

    def profile(self) -> Profile | None:
        """The profile saved by this dialog, or None if it was cancelled."""
        return self._profile

    def test_connection(self) -> None:
        """Check the input, then send one list request from a worker."""
        attempt = self._checked_input()
        if attempt is None or not self._dispatch(ProbeStarted(attempt)):
            return
        self._probe = _Probe(attempt)
        self._show_status(
            Tone.BUSY,
            translate("ConnectDialog", "Testing the connection to {endpoint} …").format(
                endpoint=attempt.profile.endpoint
            ),
        )
        generation = self._state.generation  # the state drops the answers of older ones
        workers.run(
            self._probe.run,
            partial(self._on_tested, generation),
            partial(self._on_test_failed, generation),
            owner=self,
            pool=self._pool,
        )

    def save(self) -> None:
        """Store the tested secret in the keyring (from a worker), then the profile."""
        if not self._state.can_save or not self._dispatch(SaveRequested(self._checked_input())):
            return
        assert self._state.attempt is not None
        name, secret, store = (
            self._state.attempt.profile.name,
            self._state.attempt.secret,
            self._secrets,
        )
        self._show_status(
            Tone.BUSY,
            translate("ConnectDialog", "Storing the ServerSecret in the system keyring …"),
        )
        generation = self._state.generation
        workers.run(
            lambda: store.set(name, secret),
            partial(self._on_stored, generation),
            partial(self._on_store_failed, generation),
            owner=self,
            pool=self._pool,
        )

    def keep_for_session(self) -> None:
        """The keyring refused: keep the secret in memory until the app quits, and save."""
        refused = self._state.attempt
        if refused is None or not self._dispatch(KeptForSession()):
            return
        self._secrets.set(refused.profile.name, refused.secret, session_only=True)
        self._finish_saving(refused.profile)

    # -- building ----------------------------------------------------------------------------

    def _build(self, initial: Profile | None) -> None:
        self._build_fields(initial)
        form = self._build_form()
        self._build_status()
        buttons = self._build_buttons()
        heading = QLabel(translate("ConnectDialog", "Connect your ZEGOCLOUD app"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        intro = MutedLabel(
            self.tr(
                "Enter the AppId and ServerSecret of your project from the ZEGOCLOUD console (Projects ▸ your project ▸ Basic configurations). The ServerSecret is kept in your system keyring, never in a file."
            )
        )
        intro.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        (self.secret_edit if initial else self.app_id_edit).setFocus()

    def _build_fields(self, initial: Profile | None) -> None:
        self.name_edit = QLineEdit(
            initial.name if initial else translate("ConnectDialog", DEFAULT_PROFILE_NAME)
        )
        self.name_edit.setMaxLength(MAX_NAME_LENGTH)
        self.name_edit.setToolTip(
            translate("ConnectDialog", "How this app is listed in the Profile menu.")
        )
        self.app_id_edit = QLineEdit(str(initial.app_id) if initial else "")
        self.app_id_edit.setPlaceholderText(translate("ConnectDialog", "e.g. 1234567890"))
        # No validator: one would drop a mistyped letter silently; the inline check says why.
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setPlaceholderText(
            translate("ConnectDialog", "32 characters from the console")
        )
        self.secret_edit.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.show_secret_button = QPushButton(translate("ConnectDialog", "Show"))
        self.show_secret_button.setCheckable(True)
        self.show_secret_button.setToolTip(
            translate("ConnectDialog", "Show or hide the ServerSecret while you type it.")
        )
        self.endpoint_edit = QLineEdit(initial.endpoint if initial else DEFAULT_ENDPOINT)
        self.endpoint_edit.setToolTip(
            translate(
                "ConnectDialog",
                "The Digital Human API address. Overseas apps get theirs from ZEGOCLOUD.",
            )
        )

    def _build_form(self) -> QFormLayout:
        self.name_error = _error_label()
        self.app_id_error = _error_label()
        self.secret_error = _error_label()
        self.endpoint_error = _error_label()

        secret_row = QHBoxLayout()
        secret_row.setSpacing(6)
        secret_row.addWidget(self.secret_edit, 1)
        secret_row.addWidget(self.show_secret_button)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(8)
        rows = (
            (self.tr("Profile &name:"), self.name_edit, self.name_edit, self.name_error),
            (self.tr("&AppId:"), self.app_id_edit, self.app_id_edit, self.app_id_error),
            (self.tr("Server&Secret:"), self.secret_edit, secret_row, self.secret_error),
            (self.tr("&Endpoint:"), self.endpoint_edit, self.endpoint_edit, self.endpoint_error),
        )
        for text, buddy, field, error in rows:
            label = QLabel(text)
            label.setBuddy(buddy)
            column = QVBoxLayout()
            column.setSpacing(2)
            if isinstance(field, QHBoxLayout):
                column.addLayout(field)
            else:
                column.addWidget(field)
            column.addWidget(error)
            form.addRow(label, column)
        return form

    def _build_status(self) -> None:
        self.status = QFrame()
        self.status.setObjectName("connect-status")
        self.status.setAutoFillBackground(True)
        self.status.setFrameShape(QFrame.Shape.StyledPanel)
        self.status_icon = QLabel()
        self.status_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # it shows the server's Message
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.session_button = QPushButton(translate("ConnectDialog", "Keep for this session only"))
        self.session_button.setToolTip(
            translate(
                "ConnectDialog",
                "Use the secret until dhbrowser quits; you will be asked for it again next time.",
            )
        )
        self.session_button.hide()
        text_column = QVBoxLayout()
        text_column.setSpacing(6)
        text_column.addWidget(self.status_label)
        text_column.addWidget(self.session_button, 0, Qt.AlignmentFlag.AlignRight)
        status_row = QHBoxLayout(self.status)
        status_row.setContentsMargins(10, 8, 10, 8)
        status_row.addWidget(self.status_icon)
        status_row.addLayout(text_column, 1)
        self.status.hide()

    def _build_buttons(self) -> QHBoxLayout:
        self.test_button = QPushButton(translate("ConnectDialog", "&Test connection"))
        self.cancel_button = QPushButton(translate("ConnectDialog", "Cancel"))
        self.save_button = QPushButton(translate("ConnectDialog", "Save"))
        self.save_button.setToolTip(
            translate("ConnectDialog", "Test the connection first: Save stores details that work.")
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        return buttons

    def _wire(self) -> None:
        for edit in (self.name_edit, self.app_id_edit, self.secret_edit, self.endpoint_edit):
            edit.textChanged.connect(self._on_input_changed)
        self.name_edit.textChanged.connect(self._check_name_inline)
        self.app_id_edit.textChanged.connect(self._check_app_id_inline)
        self.secret_edit.textChanged.connect(self._check_secret_inline)
        self.endpoint_edit.editingFinished.connect(self._check_endpoint_inline)
        self.show_secret_button.toggled.connect(self._on_show_secret)
        self.test_button.clicked.connect(self.test_connection)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.session_button.clicked.connect(self.keep_for_session)

    # -- input -------------------------------------------------------------------------------

    def _checked_input(self) -> Attempt | None:
        """The input as a Profile and Secret, or None after showing what is wrong inline."""
        name = self._check_name_inline(required=True)
        app_id = self._check_app_id_inline(required=True)
        endpoint = self._check_endpoint_inline()
        secret_text = self.secret_edit.text().strip()
        problem = self._check_secret_inline(complete=True)
        if name is None or app_id is None or endpoint is None or problem:
            return None
        register_secret(secret_text)
        return Attempt(Profile(name, app_id, endpoint), Secret(secret_text))

    def _check_name_inline(self, *_args: object, required: bool = False) -> str | None:
        text = self.name_edit.text()
        if not text.strip() and not required:
            _show_error(self.name_error, "")
            return None
        try:
            name = check_name(text)
        except ProfileError as error:
            _show_error(self.name_error, str(error))
            return None
        replaces = self._settings.profile(name) is not None and (
            self._initial is None or self._initial.name != name
        )
        _show_error(
            self.name_error,
            self.tr("Saving replaces the existing profile {name!r}.").format(name=name)
            if replaces
            else "",
            warning=True,
        )
        return name

    def _check_app_id_inline(self, *_args: object, required: bool = False) -> int | None:
        text = self.app_id_edit.text()
        if not text and not required:
            _show_error(self.app_id_error, "")
            return None
        try:
            app_id = parse_app_id(text)
        except ProfileError as error:
            _show_error(self.app_id_error, str(error))
            return None
        _show_error(self.app_id_error, "")
        return app_id

    def _check_secret_inline(self, *_args: object, complete: bool = False) -> str:
        problem = secret_problem(self.secret_edit.text(), complete=complete)
        _show_error(self.secret_error, problem)
        return problem

    def _check_endpoint_inline(self) -> str | None:
        try:
            endpoint = check_endpoint(self.endpoint_edit.text())
        except ProfileError as error:
            _show_error(self.endpoint_error, str(error))
            return None
        _show_error(self.endpoint_error, "")
        return endpoint

    def _on_input_changed(self) -> None:
        """Edited input was not tested: Save waits for a new test; a stale test is dropped,
        and so is the last test's message, which was about the input before the change."""
        if not self._state.storing:
            self._dispatch(InputEdited())
            self.status.hide()

    def _on_show_secret(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.secret_edit.setEchoMode(mode)
        self.show_secret_button.setText(
            translate("ConnectDialog", "Hide") if shown else translate("ConnectDialog", "Show")
        )

    # -- results -----------------------------------------------------------------------------

    def _on_tested(self, generation: int, result: Page) -> None:
        if not self._dispatch(ProbeSucceeded(generation)):
            return
        self._show_status(
            Tone.SUCCESS,
            self.tr(
                "Connected. This app can list %n digital humans. Save to browse them.",
                "",
                result.total,
            ),
        )
        self.save_button.setFocus()
        self.testFinished.emit(True)

    def _on_test_failed(self, generation: int, failure: workers.TaskError) -> None:
        if not self._dispatch(ProbeFailed(generation)):
            return
        self._show_status(
            Tone.FAILURE,
            translate("ConnectDialog", "Could not connect. {problem}").format(problem=failure.text),
        )
        suspect = self._suspect_field(failure.error)
        if suspect is not None:
            suspect.setFocus()
        self.testFinished.emit(False)

    def _on_stored(self, generation: int, _result: None) -> None:
        stored = self._state.attempt
        if stored is None or not self._dispatch(Stored(generation)):
            return
        self._finish_saving(stored.profile)

    def _on_store_failed(self, generation: int, failure: workers.TaskError) -> None:
        error = failure.error
        refused = isinstance(error, KeyringUnavailable)
        if not self._dispatch(StoreFailed(generation, keyring_refused=refused)):
            return
        if isinstance(error, KeyringUnavailable):
            self._show_status(
                Tone.FAILURE,
                translate("ConnectDialog", "The ServerSecret could not be stored. {hint}").format(
                    hint=error.hint
                ),
            )
            self.status_label.setToolTip(
                plain_tooltip(self.tr("Details: {detail}").format(detail=error.detail))
            )
            self.session_button.setFocus()
        else:
            self._show_status(
                Tone.FAILURE,
                translate(
                    "ConnectDialog", "The ServerSecret could not be stored. {problem}"
                ).format(problem=failure.text),
            )

    def _finish_saving(self, profile: Profile) -> None:
        try:
            self._settings.save(profile)
        except ProfileError as error:
            self._dispatch(ProfileNotSaved())
            self._show_status(Tone.FAILURE, error.hint)
            return
        self._profile = profile
        self._forget_secret()
        self.accept()

    # -- state -------------------------------------------------------------------------------

    def _suspect_field(self, error: object) -> QLineEdit | None:
        """The field most likely to be wrong, to put the cursor where the fix is typed."""
        if isinstance(error, ApiError):
            if error.code == ReturnCode.SIGNATURE_ERROR:
                return self.secret_edit
            if error.code in _APP_ID_CODES:
                return self.app_id_edit
            if error.code in _ENDPOINT_CODES:
                return self.endpoint_edit
            return None
        if isinstance(error, NetworkError | HttpStatusError | ProtocolError):
            return self.endpoint_edit
        return None

    def _show_status(self, tone: Tone, text: str) -> None:
        apply_tone(self.status, tone)
        icon = {
            Tone.BUSY: QStyle.StandardPixmap.SP_BrowserReload,
            Tone.SUCCESS: QStyle.StandardPixmap.SP_DialogApplyButton,
            Tone.FAILURE: QStyle.StandardPixmap.SP_MessageBoxCritical,
        }[tone]
        self.status_icon.setPixmap(
            self.style().standardIcon(icon).pixmap(QSize(20, 20), self.devicePixelRatioF())
        )
        self.status_label.setText(text)
        self.status_label.setToolTip("")
        self.status.show()

    def _dispatch(self, event: Event) -> bool:
        """Move to the state after `event` and show it; False if the event changed nothing."""
        old, self._state = self._state, advance(self._state, event)
        if self._state is old:
            return False
        left_test = old.phase is Phase.TESTING and (
            self._state.phase is not Phase.TESTING or self._state.generation != old.generation
        )
        if left_test and self._probe is not None:
            if not isinstance(event, ProbeSucceeded | ProbeFailed):
                self._probe.cancel()  # superseded: its answer would be stale anyway
            self._probe = None
        self._render()
        return True

    def _render(self) -> None:
        """The controls as the state allows them."""
        state = self._state
        for edit in (self.name_edit, self.app_id_edit, self.secret_edit, self.endpoint_edit):
            edit.setReadOnly(state.storing)
        self.test_button.setEnabled(state.can_test)
        self.cancel_button.setEnabled(not state.storing)
        self.save_button.setEnabled(state.can_save)
        self.save_button.setDefault(state.can_save)
        self.test_button.setDefault(not state.can_save)
        self.session_button.setVisible(state.offers_session_only)

    def _forget_secret(self) -> None:
        """Empty the secret field and drop our references to the secret."""
        self.secret_edit.clear()
        self.show_secret_button.setChecked(False)
        self._dispatch(Closed())

    def reject(self) -> None:
        if self._state.storing:
            return  # the keyring is being written: let it answer (or refuse) first
        self._forget_secret()
        super().reject()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self._grow_to_fit()
        return handled

    def _grow_to_fit(self) -> None:
        """Grow tall enough for the wrapped messages at this width: a top-level window
        ignores height-for-width. Runs on the dialog's own LayoutRequest, which comes
        after its nested layouts have taken in a change (no flushing of posted events)."""
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout is not None else -1
        if needed > self.height():
            self.resize(self.width(), needed)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._state.storing:
            event.ignore()
            return
        super().closeEvent(event)


def _error_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what was typed
    label.setWordWrap(True)
    label.hide()
    return label


def _show_error(label: QLabel, text: str, *, warning: bool = False) -> None:
    """Show `text` under a field (red for errors, amber for warnings), or hide the label."""
    label.setText(text)
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText,
        tone_text(Tone.CAUTION if warning else Tone.FAILURE, application_palette()),
    )
    label.setPalette(palette)
    label.setVisible(bool(text))
