"""What a person does with a chosen digital human: copy it, star it, save or open a preview.

One set of QActions serves the card's context menu and the buttons beside the details, so
both always agree on what is enabled. "Save" and "Open in player" take the preview from
the PreviewStore (dhbrowser's own checked download, or its cache): the desktop is only
ever handed a local file, never the server's URL.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget

from dhbrowser.api.models import ActionClip, DigitalHuman, Timbre
from dhbrowser.api.text import plain_text
from dhbrowser.core.export import human_json, request_pair, stream_task_body
from dhbrowser.core.files import write_atomic_with
from dhbrowser.gui.save_dialog import Location, ask_save_path
from dhbrowser.qt import workers
from dhbrowser.qt.favourites import Favourites
from dhbrowser.qt.i18n import translate
from dhbrowser.qt.previews import Fetched, PreviewStore


class HumanActions(QObject):
    def __init__(
        self,
        window: QWidget,
        current_human: Callable[[], DigitalHuman | None],
        current_action: Callable[[], ActionClip | None],
        previews: PreviewStore,
        favourites: Favourites,
        notify: Callable[[str], None],
        current_voice: Callable[[], Timbre | None] = lambda: None,
    ) -> None:
        super().__init__(window)
        self._previews = previews
        self._window = window
        self._human = current_human
        self._action = current_action
        self._favourites = favourites
        self._notify = notify
        self._voice = current_voice
        self.copy_id = self._make(
            translate("HumanActions", "Copy id"),
            self._copy_id,
            translate("HumanActions", "Copy the DigitalHumanId"),
        )
        self.copy_json = self._make(
            translate("HumanActions", "Copy as JSON"),
            self._copy_json,
            translate("HumanActions", "Copy the id, name, visibility and actions as JSON"),
        )
        self.copy_request = self._make(
            translate("HumanActions", "Copy stream task request"),
            self._copy_request,
            translate(
                "HumanActions",
                "Copy a CreateDigitalHumanStreamTask request body for this digital human",
            ),
        )
        self.copy_pair = self._make(
            translate("HumanActions", "Copy stream task + DriveByText"),
            self._copy_pair,
            translate(
                "HumanActions",
                "Copy both requests that make this digital human speak with the chosen voice",
            ),
        )
        self.save_preview = self._make(
            translate("HumanActions", "Save preview video as…"),
            self._save_preview,
            translate("HumanActions", "Save the selected action's preview"),
        )
        self.open_preview = self._make(
            translate("HumanActions", "Open preview in player"),
            self._open_preview,
            translate(
                "HumanActions",
                "Open the preview in the system's video player (downloaded by dhbrowser first)",
            ),
        )
        self.favourite = self._make(
            translate("HumanActions", "Favourite"),
            self._toggle_favourite,
            translate("HumanActions", "Star this digital human"),
        )
        self.favourite.setCheckable(True)
        favourites.changed.connect(lambda _ids: self.update_state())
        self.update_state()

    def _make(self, text: str, slot: Callable[[], None], tip: str) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        menu.addActions([self.copy_id, self.copy_json, self.copy_request, self.copy_pair])
        menu.addSeparator()
        menu.addActions([self.save_preview, self.open_preview])
        menu.addSeparator()
        menu.addAction(self.favourite)
        return menu

    @Slot()
    def update_state(self) -> None:
        human = self._human()
        preview = self._preview_url()
        for action in (self.copy_id, self.copy_json, self.copy_request, self.favourite):
            action.setEnabled(human is not None)
        self.copy_pair.setEnabled(human is not None and self._voice() is not None)
        self.save_preview.setEnabled(bool(preview))
        self.open_preview.setEnabled(bool(preview))
        self.favourite.setChecked(human is not None and human.id in self._favourites.ids)
        self.favourite.setText(
            translate("HumanActions", "Unfavourite")
            if self.favourite.isChecked()
            else translate("HumanActions", "Favourite")
        )

    def _preview_url(self) -> str:
        action = self._action()
        return action.preview_url if action is not None and self._human() is not None else ""

    def _clip(self, text: str, what: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._notify(translate("HumanActions", "Copied {what}").format(what=what))

    def _copy_id(self) -> None:
        if (human := self._human()) is not None:
            self._clip(human.id, human.id)

    def _copy_json(self) -> None:
        if (human := self._human()) is not None:
            document = human_json(human, self._action(), self._voice())
            self._clip(
                json.dumps(document, indent=2, ensure_ascii=False),
                translate("HumanActions", "{name} as JSON").format(name=human.name),
            )

    def _copy_request(self) -> None:
        if (human := self._human()) is not None:
            self._clip(
                stream_task_body(human),
                translate(
                    "HumanActions",
                    "a CreateDigitalHumanStreamTask request body: fill in its RoomId and StreamId",
                ),
            )

    def _copy_pair(self) -> None:
        if (human := self._human()) is not None and (timbre := self._voice()) is not None:
            self._clip(
                request_pair(human, timbre),
                translate("HumanActions", "the requests for {name} with {id}").format(
                    name=human.name, id=timbre.id
                ),
            )

    def _toggle_favourite(self) -> None:
        if (human := self._human()) is not None:
            starred = self._favourites.toggle(human.id)
            done = (
                translate("HumanActions", "Starred {name}")
                if starred
                else translate("HumanActions", "Unstarred {name}")
            )
            self._notify(done.format(name=human.name))

    def _save_preview(self) -> None:
        human, action = self._human(), self._action()
        if human is None or action is None or not action.preview_url:
            return
        suggested = suggested_file_name(human, action)
        path = ask_save_path(
            self._window,
            translate("HumanActions", "Save preview video"),
            suggested,
            translate("HumanActions", "MP4 video"),
            "mp4",
            Location.DownloadLocation,
        )
        if path is not None:
            self.save_preview_to(path)

    def save_preview_to(self, path: Path) -> None:
        """Copy the selected action's preview (downloaded first if need be) to `path`, in the background."""
        human, action = self._human(), self._action()
        if human is None or action is None or not action.preview_url:
            return
        self._notify(translate("HumanActions", "Saving {name}…").format(name=path.name))
        fetch = self._previews.fetch_job(human, action.name)
        workers.run(
            partial(_copy_to, fetch, path),
            self._on_saved,
            partial(self._on_save_failed, path),
            owner=self,
            pool=self._previews.pool,
        )

    def _on_saved(self, path: Path) -> None:
        self._notify(translate("HumanActions", "Saved {name}").format(name=path.name))

    def _on_save_failed(self, path: Path, failure: workers.TaskError) -> None:
        self._notify(
            translate("HumanActions", "Could not save {name}: {problem}").format(
                name=path.name, problem=failure.text
            )
        )

    def _open_preview(self) -> None:
        human, action = self._human(), self._action()
        if human is None or action is None or not action.preview_url:
            return
        self._notify(
            translate("HumanActions", "Preparing the preview {name} for the video player…").format(
                name=action.name
            )
        )
        self._previews.load(human, action.name, self._open_file, self._notify)

    def _open_file(self, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._notify(
                translate("HumanActions", "No program is set up to play videos on this computer.")
            )


#: Characters no file name may hold on one of the systems a saved file may travel to.
_NOT_IN_FILE_NAMES = re.compile(r'[/\\:*?"<>|]')


def suggested_file_name(human: DigitalHuman, action: ActionClip) -> str:
    """The name offered for a saved preview, made of server text: one line, bounded,
    without folder separators or a leading dot, so it names a file in the folder chosen."""
    stem = _NOT_IN_FILE_NAMES.sub("_", plain_text(f"{human.name}-{action.name}", 120))
    return f"{stem.lstrip('.') or 'preview'}.mp4"


def _copy_to(fetch: Callable[[], Fetched], path: Path) -> Path:
    """In a worker: fetch the preview (or find it in the cache), then copy the checked
    download to `path` atomically (a reader never sees half a video)."""
    with fetch().path.open("rb") as source:
        return write_atomic_with(path, lambda target: shutil.copyfileobj(source, target))
