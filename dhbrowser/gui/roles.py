"""Item data roles shared by the catalog model, its proxies and the card delegate."""

from PySide6.QtCore import Qt

HUMAN_ROLE = Qt.ItemDataRole.UserRole + 1
FAVOURITE_ROLE = Qt.ItemDataRole.UserRole + 2
