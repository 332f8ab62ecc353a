"""The graph drawn in a QGraphicsScene, built to stay smooth at 5,000 nodes.

Nodes are plain QGraphicsEllipseItems (painted in C++, no Python call per paint); ties are
one QGraphicsPathItem per tie kind; labels are drawn for small graphs, and for the brokers
and the ego of large ones (every node has its label as a tooltip). No shadows, no per-item
effects; the view caches its background and paints without antialiasing above
:data:`ANTIALIAS_MAX` nodes.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

if TYPE_CHECKING:
    from registry.analytics.network import Edge, Node
    from registry.analytics.network_view import Result

ANTIALIAS_MAX = 1_500
LABELS_MAX = 300
SPACING = 34.0
ID_ROLE = 0
KIND_COLOURS = {"person": QColor("#3b6ea8"), "organisation": QColor("#d9822b")}
PROTECTED = QColor("#8e44ad")
EDGE = QColor(90, 90, 90, 110)


NODE_BATCH = 1000  # nodes added per turn of the event loop (a turn stays well under 100 ms)


class GraphScene(QGraphicsScene):
    """Signals:
    node_activated(str): a node was double-clicked (its record id).
    built(): every node of the last ``show_result`` is in the scene.
    """

    node_activated = Signal(str)
    built = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nodes: dict[str, QGraphicsEllipseItem] = {}
        self.labels: dict[str, QGraphicsSimpleTextItem] = {}
        self._generation = 0

    def clear_graph(self) -> None:
        self._generation += 1  # drops the batches of a graph still being added
        self.clear()
        self.nodes.clear()
        self.labels.clear()

    def show_result(self, result: Result) -> None:
        """Draw the ties at once and the nodes in batches; ``built`` when all are in."""
        self.clear_graph()
        graph = result.graph
        points = _scaled(result.positions)
        for kind, path in _edge_paths(graph.edges, points).items():
            item = QGraphicsPathItem(path)
            item.setPen(QPen(EDGE, 0))
            item.setZValue(-1)
            item.setToolTip(kind.replace("_", " "))
            self.addItem(item)
        pending = list(zip(graph.nodes, points, strict=True))
        self._add_nodes(result, pending, 0, self._generation)

    def _add_nodes(self, result: Result, pending: list[tuple[Node, QPointF]], start: int,
                   generation: int) -> None:
        if generation != self._generation:
            return
        labelled = {b.id for b in result.brokers} | {result.request.record_id}
        many = len(pending) > LABELS_MAX
        for node, point in pending[start:start + NODE_BATCH]:
            radius = 7.0 if node.id == result.request.record_id else 4.5
            item = QGraphicsEllipseItem(-radius, -radius, 2 * radius, 2 * radius)
            item.setPos(point)
            item.setBrush(QBrush(KIND_COLOURS.get(node.kind, QColor("gray"))))
            item.setPen(QPen(PROTECTED, 2.5) if node.protected else QPen(Qt.PenStyle.NoPen))
            item.setData(ID_ROLE, node.id)
            item.setToolTip(node.label)
            self.addItem(item)
            self.nodes[node.id] = item
            if not many or node.id in labelled:
                self._label(node.id, node.label, item)
        if start + NODE_BATCH < len(pending):
            QTimer.singleShot(0, lambda: self._add_nodes(result, pending, start + NODE_BATCH,
                                                         generation))
            return
        self.setSceneRect(self.itemsBoundingRect().adjusted(-40, -40, 40, 40))
        self.built.emit()

    def _label(self, node_id: str, text: str, parent: QGraphicsEllipseItem) -> None:
        label = QGraphicsSimpleTextItem(text, parent)
        label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        label.setPos(6, -6)
        self.labels[node_id] = label

    def relabel(self, names: dict[str, str]) -> None:
        for node_id, text in names.items():
            if node_id in self.nodes:
                self.nodes[node_id].setToolTip(text)
            if node_id in self.labels:
                self.labels[node_id].setText(text)

    def texts(self) -> list[str]:
        """Every name the scene shows (labels and tooltips), for checks."""
        return [i.toolTip() for i in self.nodes.values()] + [
            lb.text() for lb in self.labels.values()
        ]

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self.itemAt(event.scenePos(), self.views()[0].transform()) if self.views() else None
        while item is not None and item.data(ID_ROLE) is None:
            item = item.parentItem()
        if item is not None:
            self.node_activated.emit(str(item.data(ID_ROLE)))
        super().mouseDoubleClickEvent(event)


def _scaled(positions: list[tuple[float, float]]) -> list[QPointF]:
    """Layout coordinates scaled so that neighbours sit about :data:`SPACING` apart."""
    if not positions:
        return []
    xs = [x for x, _ in positions]
    ys = [y for _, y in positions]
    x0, y0 = min(xs), min(ys)
    span = max(max(xs) - x0, max(ys) - y0) or 1.0
    f = SPACING * math.sqrt(len(positions)) * 1.6 / span
    return [QPointF((x - x0) * f, (y - y0) * f) for x, y in positions]


def _edge_paths(edges: list[Edge], points: list[QPointF]) -> dict[str, QPainterPath]:
    paths: dict[str, QPainterPath] = {}
    for e in edges:
        path = paths.get(e.kind)
        if path is None:
            path = paths[e.kind] = QPainterPath()
        path.moveTo(points[e.source])
        path.lineTo(points[e.target])
    return paths


class GraphView(QGraphicsView):
    """Zoom with the wheel (around the pointer), pan by dragging."""

    def __init__(self, scene: GraphScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)

    def set_node_count(self, count: int) -> None:
        self.setRenderHint(QPainter.RenderHint.Antialiasing, count <= ANTIALIAS_MAX)

    def fit(self) -> None:
        rect: QRectF = self.scene().sceneRect()
        if not rect.isEmpty():
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def zoom(self, factor: float) -> None:
        scale = self.transform().m11() * factor
        if 0.02 <= scale <= 20:
            self.scale(factor, factor)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
        event.accept()
