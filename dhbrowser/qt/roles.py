"""Item data roles shared by the catalog model, its proxies and the card delegate, and the
texts about a digital human that those roles carry."""

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from dhbrowser.api.models import DigitalHuman
from dhbrowser.qt.i18n import translate

#: What Qt passes as an index to a model or a delegate.
ModelIndex = QModelIndex | QPersistentModelIndex

HUMAN_ROLE = Qt.ItemDataRole.UserRole + 1
FAVOURITE_ROLE = Qt.ItemDataRole.UserRole + 2
#: True for a human the newest sync of the catalog added (its card carries "New").
NEW_ROLE = Qt.ItemDataRole.UserRole + 3


class Counts(QObject):
    """The translation context of counted texts outside a QObject: lupdate recognises a
    plural (numerus) form in a `tr` call with a variable count, not in `translate`'s. PySide
    calls `tr` on the class itself with the class's name as context; its stubs type `tr`
    as an instance method only, hence the `type: ignore`s."""


def actions_text(count: int) -> str:
    """The one way the app counts actions: "No actions", "1 action", "3 actions" (the plural
    forms come from the language's catalogue, English's included)."""
    if count == 0:
        return translate("roles", "No actions")
    return Counts.tr("%n action(s)", "", count)  # type: ignore[arg-type]


def visibility_text(human: DigitalHuman) -> str:
    return translate("roles", "Public") if human.is_public else translate("roles", "Private")


def accessible_description(human: DigitalHuman, favourite: bool) -> str:
    """What a screen reader says after a card's name (the card shows it as badge and count)."""
    parts = [visibility_text(human), actions_text(len(human.actions))]
    if favourite:
        parts.append(translate("roles", "favourite"))
    return translate("roles", ", ").join(parts)
