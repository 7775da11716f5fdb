"""What the window remembers between runs besides its geometry: the filter bar's choices,
the card size, the details' share of the width, and the card last selected per catalog.

Read back defensively: a value another version (or a hand edit) left in a form this one
cannot use falls back to its default instead of breaking the start.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from dhbrowser.api.models import FetchMode
from dhbrowser.gui.card_delegate import DEFAULT_CARD_WIDTH

#: The details' share of the splitter on a first start; stored as a share, so it survives
#: a change of scale factor (pixels saved at 1× are twice too many at 2×).
DEFAULT_DETAILS_SHARE = 0.38

_CARD_WIDTH = "view/card_width"
_FETCH_MODE = "view/fetch_mode"
_SORT = "view/sort"
_FAVOURITES_ONLY = "view/favourites_only"
_DETAILS_SHARE = "window/details_share"


@dataclass(frozen=True, slots=True)
class ViewSettings:
    card_width: int = DEFAULT_CARD_WIDTH
    fetch_mode: FetchMode = FetchMode.ALL
    sorted_by_name: bool = False
    favourites_only: bool = False
    details_share: float = DEFAULT_DETAILS_SHARE

    @classmethod
    def read(cls, settings: QSettings) -> ViewSettings:
        width = str(settings.value(_CARD_WIDTH, DEFAULT_CARD_WIDTH))
        mode = str(settings.value(_FETCH_MODE, int(FetchMode.ALL)))
        share = _float(settings.value(_DETAILS_SHARE))
        return cls(
            card_width=int(width) if width.isdigit() else DEFAULT_CARD_WIDTH,
            fetch_mode=FetchMode(int(mode))
            if mode.isdigit() and int(mode) in {int(known) for known in FetchMode}
            else FetchMode.ALL,
            sorted_by_name=settings.value(_SORT) == "name",
            # Not value(…, bool): Qt reads any non-empty text as true.
            favourites_only=str(settings.value(_FAVOURITES_ONLY, False)).lower() == "true",
            details_share=share
            if share is not None and 0.05 < share < 0.95
            else DEFAULT_DETAILS_SHARE,
        )

    def write(self, settings: QSettings) -> None:
        settings.setValue(_CARD_WIDTH, self.card_width)
        settings.setValue(_FETCH_MODE, int(self.fetch_mode))
        settings.setValue(_SORT, "name" if self.sorted_by_name else "")
        settings.setValue(_FAVOURITES_ONLY, self.favourites_only)
        settings.setValue(_DETAILS_SHARE, self.details_share)


def remembered_selection(settings: QSettings, label: str) -> str | None:
    """The id of the card last selected in the catalog of connection `label`, if any."""
    value = settings.value(_selection_key(label))
    return value if isinstance(value, str) and value else None


def remember_selection(settings: QSettings, label: str, human_id: str) -> None:
    settings.setValue(_selection_key(label), human_id)


def _selection_key(label: str) -> str:
    """The settings key of the human last selected in connection `label` (free text)."""
    return "selection/" + (label.replace("/", "_").replace("\\", "_") or "default")


def _float(value: object) -> float | None:
    """A number read back from QSettings (which may hand back a string), or None."""
    try:
        return float(str(value))
    except ValueError:
        return None
