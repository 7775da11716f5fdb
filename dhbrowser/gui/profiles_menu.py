"""The Profile menu: switch between the demo catalog and the stored profiles, connect a new
app, remove one (with its keyring entry).

The menu only says what the user chose (`profileChosen`, `connectRequested`,
`profileRemoved`); the main window switches the connection.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from dhbrowser.api.errors import DhError
from dhbrowser.core.demo import DEMO_LABEL
from dhbrowser.core.profiles import ProfileError
from dhbrowser.core.secret_store import SecretStore, command_hint
from dhbrowser.i18n import _
from dhbrowser.qt import workers
from dhbrowser.qt.i18n import translate
from dhbrowser.qt.plaintext import menu_text, plain_tooltip
from dhbrowser.qt.settings import ProfileSettings


class ProfilesMenu(QMenu):
    """Lists "Demo catalog" and every profile, the one being browsed checked."""

    profileChosen = Signal(object)  # profile name, or None for the demo catalog
    connectRequested = Signal()
    profileRemoved = Signal(str)

    def __init__(
        self,
        settings: ProfileSettings,
        secrets: SecretStore,
        pool: QThreadPool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(translate("ProfilesMenu", "&Profile"), parent)
        self._settings = settings
        self._secrets = secrets
        self._pool = pool
        self._current: str | None = None
        self._removing: str | None = None
        #: The open "Remove profile?" question or keyring error, if any (tests answer it).
        self.message_box: QMessageBox | None = None
        self.setToolTipsVisible(True)
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def set_current(self, name: str | None) -> None:
        """Check what the window is browsing now: a profile's name, or None for the demo."""
        self._current = name
        self.rebuild()

    def rebuild(self) -> None:
        """Re-read the profiles (another window or `dhbrowser profile` may have changed them)."""
        self.clear()
        group = QActionGroup(self)
        group.setExclusive(True)
        demo = self._choice(_(DEMO_LABEL), None, group)
        demo.setToolTip(
            translate("ProfilesMenu", "The built-in sample catalog; no account needed.")
        )
        profiles = self._settings.profiles()
        if profiles:
            self.addSection(translate("ProfilesMenu", "Your apps"))
        for profile in profiles:
            label = menu_text(
                translate("ProfilesMenu", "{name}  (AppId {app_id})").format(
                    name=profile.name, app_id=profile.app_id
                )
            )
            action = self._choice(label, profile.name, group)
            action.setToolTip(plain_tooltip(profile.endpoint))
        self.addSeparator()
        self.connect_action = self.addAction(translate("ProfilesMenu", "&Connect an app…"))
        self.connect_action.triggered.connect(self.connectRequested)
        self.remove_menu = self.addMenu(translate("ProfilesMenu", "&Remove profile"))
        self.remove_menu.setEnabled(bool(profiles) and self._removing is None)
        for profile in profiles:
            remove = self.remove_menu.addAction(menu_text(f"{profile.name}…"))
            remove.triggered.connect(
                lambda _checked=False, name=profile.name: self.ask_to_remove(name)
            )

    def ask_to_remove(self, name: str) -> None:
        """Ask before removing: the ServerSecret is deleted from the keyring for good."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            translate("ProfilesMenu", "Remove profile"),
            translate("ProfilesMenu", "Remove the profile {name!r}?").format(name=name),
            QMessageBox.StandardButton.Cancel,
            self.parentWidget(),
        )
        box.setInformativeText(
            translate(
                "ProfilesMenu",
                "Its ServerSecret is deleted from the system keyring; to use this app again you will need the secret from the ZEGOCLOUD console.",
            )
        )
        remove = box.addButton(
            translate("ProfilesMenu", "Remove"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        remove.clicked.connect(lambda: self.remove_profile(name))
        self._show_box(box)

    def remove_profile(self, name: str) -> None:
        """Delete the secret (in a worker: the keyring may prompt), then the profile."""
        if self._removing is not None:
            return
        self._removing = name
        store = self._secrets
        workers.run(
            partial(store.delete, name),
            partial(self._on_secret_deleted, name),
            partial(self._on_delete_failed, name),
            owner=self,
            pool=self._pool,
        )

    def _choice(self, text: str, name: str | None, group: QActionGroup) -> QAction:
        action = self.addAction(text)
        action.setCheckable(True)
        action.setChecked(name == self._current)
        action.setActionGroup(group)
        action.triggered.connect(lambda _checked=False: self._choose(name))
        return action

    def _choose(self, name: str | None) -> None:
        if name != self._current:
            self.profileChosen.emit(name)

    def _on_secret_deleted(self, name: str, _result: None) -> None:
        self._removing = None
        try:
            self._settings.remove(name)
        except ProfileError as error:  # an unwritable or damaged settings file
            self.rebuild()
            self._warn_removal(
                translate(
                    "ProfilesMenu",
                    "The ServerSecret of {name!r} was deleted, but the profile stays listed: the settings file could not be changed.",
                ).format(name=name),
                error.hint,
            )
            return
        self.rebuild()
        self.profileRemoved.emit(name)

    def _on_delete_failed(self, name: str, failure: workers.TaskError) -> None:
        self._removing = None
        self.rebuild()
        error = failure.error
        self._warn_removal(
            translate(
                "ProfilesMenu",
                "The profile {name!r} was kept: its ServerSecret could not be deleted.",
            ).format(name=name),
            # No session to keep the secret for here: a keyring failure's remedy alone.
            command_hint(error) if isinstance(error, DhError) else failure.text,
        )

    def _warn_removal(self, text: str, detail: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("ProfilesMenu", "Remove profile"),
            text,
            QMessageBox.StandardButton.Ok,
            self.parentWidget(),
        )
        box.setInformativeText(detail)
        self._show_box(box)

    def _show_box(self, box: QMessageBox) -> None:
        box.setTextFormat(Qt.TextFormat.PlainText)  # profile names and keyring errors, as written
        if self.message_box is not None:
            self.message_box.close()
        box.finished.connect(lambda _result: self._forget_box(box))
        self.message_box = box
        box.open()

    def _forget_box(self, box: QMessageBox) -> None:
        if self.message_box is box:
            self.message_box = None
        box.deleteLater()
