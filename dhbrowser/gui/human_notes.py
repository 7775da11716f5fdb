"""The user's tags and note for each human, edited under the details, kept in the store.

`HumanNotes` holds the tags and notes of the catalog on show (read by a worker) and
writes each edit through the store link. `NotesSection` is the editor: tags as a
comma-separated line, the note as plain text; an edit is saved when the field loses focus
or the selection moves on, never lost to a change of human. After every change (and each
catalog read) `searchTextsReady` hands the window what search should also match: each
human's tags, note and action labels (`CatalogStore.user_search_texts`).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from dhbrowser.api.models import DigitalHuman
from dhbrowser.qt import workers
from dhbrowser.qt.i18n import translate
from dhbrowser.qt.store_link import StoreLink
from dhbrowser.store import CatalogStore, StoreKey
from dhbrowser.store.model import MAX_NOTE, MAX_TAG, MAX_TAGS

#: Lines of the note field before it scrolls.
NOTE_LINES = 3


#: Every read and write of HumanNotes answers with what the store holds after it; the store
#: runs them in order, so only the newest call's answer is taken: an older one would put
#: back what a save since has changed (and blank the fields showing it).
_ANSWER = "tags and notes"


class HumanNotes(QObject):
    changed = Signal()  # tags or notes of the catalog on show came or changed
    searchTextsReady = Signal(object)  # dict: human id → words search also matches

    def __init__(self, store: StoreLink, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._key: StoreKey | None = None
        self._tags: dict[str, tuple[str, ...]] = {}
        self._notes: dict[str, str] = {}

    def load(self, key: StoreKey) -> None:
        self._key = key
        self._tags, self._notes = {}, {}
        self.changed.emit()
        self.refresh_search()

    def refresh_search(self) -> None:
        """Read the catalog's tags and notes, and what search matches besides names, again
        (a label changed, a sync was recorded)."""
        if self._key is not None:
            key = self._key
            self._store.submit(
                partial(_read, key),
                partial(self._on_read, key),
                self._on_failed,
                owner=self,
                key=_ANSWER,
            )

    def tags(self, human_id: str) -> tuple[str, ...]:
        return self._tags.get(human_id, ())

    def note(self, human_id: str) -> str:
        return self._notes.get(human_id, "")

    def save(self, human_id: str, tags: tuple[str, ...], note: str) -> None:
        """Store `human_id`'s tags and note, where they differ from those kept."""
        if self._key is None or (tags == self.tags(human_id) and note == self.note(human_id)):
            return
        self._tags[human_id], self._notes[human_id] = tags, note
        key = self._key
        call = partial(_write, key, human_id, tags, note)
        self._store.submit(
            call, partial(self._on_read, key), self._on_failed, owner=self, key=_ANSWER
        )

    def _on_read(self, key: StoreKey, read: Read) -> None:
        if key != self._key:
            return
        self._tags, self._notes, search_texts = read
        self.changed.emit()
        self.searchTextsReady.emit(search_texts)

    def _on_failed(self, failure: workers.TaskError) -> None:
        self._store.report(failure)
        self.refresh_search()  # show what the store kept


Read = tuple[dict[str, tuple[str, ...]], dict[str, str], dict[str, str]]


def _read(key: StoreKey, store: CatalogStore) -> Read:
    return store.tags(key), store.notes(key), store.user_search_texts(key)


def _write(
    key: StoreKey, human_id: str, tags: tuple[str, ...], note: str, store: CatalogStore
) -> Read:
    store.set_tags(key, human_id, tags)
    store.set_note(key, human_id, note)
    return _read(key, store)


def parse_tags(text: str) -> tuple[str, ...]:
    """ "voice-over, EN , studio" → ("voice-over", "EN", "studio"): bounded as the store is."""
    tags = dict.fromkeys(" ".join(tag.split())[:MAX_TAG] for tag in text.split(","))
    return tuple(tag for tag in tags if tag)[:MAX_TAGS]


class _NoteEdit(QPlainTextEdit):
    focusLost = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focusLost.emit()


class NotesSection(QWidget):
    """Tags and a note for the human in the details."""

    def __init__(self, notes: HumanNotes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("human-notes")
        self._notes = notes
        self._human_id: str | None = None
        caption = QLabel(translate("NotesSection", "Tags and note"))
        caption.setTextFormat(Qt.TextFormat.PlainText)
        self.tags_field = QLineEdit()
        self.tags_field.setPlaceholderText(translate("NotesSection", "Tags, separated by commas"))
        self.tags_field.setAccessibleName(translate("NotesSection", "Tags"))
        self.tags_field.setMaxLength(MAX_TAGS * (MAX_TAG + 2))
        self.note_field = _NoteEdit()
        self.note_field.setPlaceholderText(
            translate("NotesSection", "A note: what this human is for, who asked…")
        )
        self.note_field.setAccessibleName(translate("NotesSection", "Note"))
        self.note_field.setTabChangesFocus(True)
        lines = self.note_field.fontMetrics().lineSpacing() * NOTE_LINES
        self.note_field.setFixedHeight(lines + 12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(3)
        layout.addWidget(caption)
        layout.addWidget(self.tags_field)
        layout.addWidget(self.note_field)
        self.tags_field.editingFinished.connect(self.save)
        self.note_field.focusLost.connect(self.save)
        notes.changed.connect(self._show_stored)
        self.show_human(None)

    def show_human(self, human: DigitalHuman | None) -> None:
        """Edit `human`'s tags and note; what was typed for the one before is saved first."""
        self.save()
        self._human_id = None if human is None else human.id
        self.setEnabled(human is not None)
        self._show_stored()

    @Slot()
    def save(self) -> None:
        if self._human_id is None:
            return
        note = self.note_field.toPlainText().strip()[:MAX_NOTE]
        self._notes.save(self._human_id, parse_tags(self.tags_field.text()), note)

    @Slot()
    def _show_stored(self) -> None:
        human_id = self._human_id
        tags = ", ".join(self._notes.tags(human_id)) if human_id else ""
        note = self._notes.note(human_id) if human_id else ""
        if not self.tags_field.hasFocus() and self.tags_field.text() != tags:
            self.tags_field.setText(tags)
        if not self.note_field.hasFocus() and self.note_field.toPlainText() != note:
            self.note_field.setPlainText(note)
