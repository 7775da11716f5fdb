"""Item data roles shared by the catalog model, its proxies and the card delegate, and the
texts about a digital human that those roles carry."""

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from dhbrowser.api.models import DigitalHuman

#: What Qt passes as an index to a model or a delegate.
ModelIndex = QModelIndex | QPersistentModelIndex

HUMAN_ROLE = Qt.ItemDataRole.UserRole + 1
FAVOURITE_ROLE = Qt.ItemDataRole.UserRole + 2
#: True for a human the newest sync of the catalog added (its card carries "New").
NEW_ROLE = Qt.ItemDataRole.UserRole + 3


def actions_text(count: int) -> str:
    """The one way the app counts actions: "No actions", "1 action", "3 actions"."""
    if count == 0:
        return "No actions"
    return "1 action" if count == 1 else f"{count} actions"


def visibility_text(human: DigitalHuman) -> str:
    return "Public" if human.is_public else "Private"


def accessible_description(human: DigitalHuman, favourite: bool) -> str:
    """What a screen reader says after a card's name (the card shows it as badge and count)."""
    parts = [visibility_text(human), actions_text(len(human.actions))]
    if favourite:
        parts.append("favourite")
    return ", ".join(parts)
