"""DESIGN §10: PySide6 6.12.0 on CPython 3.11 over-releases None returned from model overrides.

300,000 data() calls returning None through a QSortFilterProxyModel must leave the refcount
of None where it was; when a fixed release exists this test lets the pin be lifted.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt


class NoneModel(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return 10

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


def test_none_refcount_survives_300k_proxy_calls(qapp):
    model = NoneModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(1, 0)
    before = sys.getrefcount(None)
    for _ in range(300_000):
        proxy.data(index, Qt.ItemDataRole.ToolTipRole)
    assert sys.getrefcount(None) - before > -100


def test_record_model_returns_none_for_other_roles(qapp, registry):
    from registry.domain.enums import Kind
    from registry.gui.models import RecordListModel
    from registry.gui.tasks import SyncTasks

    registry.add(Kind.PERSON, {"name": "Test"})
    model = RecordListModel(SyncTasks(registry), Kind.PERSON, lambda: [], lambda _k, v: str(v))
    model.activate()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(50_000):
        proxy.data(index, Qt.ItemDataRole.DecorationRole)
    assert sys.getrefcount(None) - before > -100
    assert proxy.data(index) == "Test"
