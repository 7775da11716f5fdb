"""The card grid keeps its columns and card size when its scroll bar appears (issue 18).

On a first launch the second page of the list makes the scroll bar appear: the cells used
to narrow then, so every card moved and changed size on screen (and its portrait was loaded
again at the new size), and the first page had been laid out in one column before that.
"""

from __future__ import annotations

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QStyle
from pytestqt.qtbot import QtBot

from dhbrowser.api.models import DigitalHuman
from dhbrowser.gui.card_delegate import HumanCardDelegate
from dhbrowser.gui.catalog_view import CatalogView
from dhbrowser.qt.roles import FAVOURITE_ROLE, HUMAN_ROLE
from dhbrowser.qt.thumbnails import ThumbnailStore


def add_humans(model: QStandardItemModel, count: int) -> None:
    start = model.rowCount()
    for number in range(start, start + count):
        item = QStandardItem()
        human = DigitalHuman(f"id-{number}", f"Human {number}", "", number % 2 == 0)
        item.setData(human, HUMAN_ROLE)
        item.setData(False, FAVOURITE_ROLE)
        model.appendRow(item)


def test_cards_keep_their_place_and_size_when_the_scroll_bar_appears(
    qtbot: QtBot, pool: QThreadPool
) -> None:
    view = CatalogView()
    qtbot.addWidget(view)
    if view.style().styleHint(QStyle.StyleHint.SH_ScrollBar_Transient, None, view):
        return  # a bar drawn over the cards takes no room: nothing to keep
    model = QStandardItemModel()
    view.setModel(model)
    view.setItemDelegate(HumanCardDelegate(ThumbnailStore(pool, None, parent=view), view))
    view.resize(500, 640)
    view.show()
    qtbot.waitExposed(view)
    add_humans(model, 2)  # a first page that fits: no scroll bar yet
    qtbot.waitUntil(lambda: view.visualRect(model.index(1, 0)).isValid())
    assert not view.verticalScrollBar().isVisible()
    grid, second = view.gridSize(), view.visualRect(model.index(1, 0))
    assert view.columns() == 2
    assert second.top() == view.visualRect(model.index(0, 0)).top(), "laid out in one column"

    add_humans(model, 20)  # the next page: now the grid scrolls
    qtbot.waitUntil(lambda: view.verticalScrollBar().isVisible())
    qtbot.waitUntil(lambda: view.visualRect(model.index(21, 0)).isValid())

    assert view.gridSize() == grid, "the cards changed size when the scroll bar appeared"
    assert view.visualRect(model.index(1, 0)) == second, "the cards moved"
    assert view.columns() == 2
