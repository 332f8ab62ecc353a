"""The graph drawn in a QGraphicsScene, built to stay smooth at 5,000 nodes.

Nodes are plain QGraphicsEllipseItems (painted in C++, no Python call per paint); ties are
one QGraphicsPathItem per tie kind, in that kind's colour (:data:`TIE_COLOURS`, the legend's
too). Labels are placed, not just drawn: :meth:`GraphView.place_labels` goes through the
:data:`LABEL_CANDIDATES` most important actors (the ego, the brokers, then by number of
ties) and shows each label where it overlaps no label already shown and no node, on the
screen, after every fit, zoom, pan and resize; the others are hidden, and every node has
its name as a tooltip. No shadows, no per-item effects; the view caches its background and
paints without antialiasing above :data:`ANTIALIAS_MAX` nodes.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from registry.gui.display import actor_text

if TYPE_CHECKING:
    from registry.analytics.network import Edge, Node
    from registry.analytics.network_view import Result

ANTIALIAS_MAX = 1_500
LABEL_CANDIDATES = 400
"""Labels made per graph (the most important actors); the rest are names on hover."""
SPACING = 34.0
ID_ROLE = 0
KIND_COLOURS = {"person": QColor("#3b6ea8"), "organisation": QColor("#d9822b")}
PROTECTED = QColor("#8e44ad")
TIE_COLOURS = {  # one hue per tie kind, told apart on white (the legend shows them)
    "member_of": QColor(31, 119, 180, 150),
    "leads": QColor(214, 39, 40, 160),
    "founded": QColor(148, 103, 189, 160),
    "works_for": QColor(44, 160, 44, 150),
    "partner_of": QColor(255, 127, 14, 150),
    "family": QColor(227, 119, 194, 160),
    "colleague": QColor(127, 127, 127, 130),
    "contact_inside": QColor(140, 86, 75, 170),
    "other": QColor(188, 189, 34, 160),
}
EDGE = QColor(90, 90, 90, 110)
EGO_RADIUS, RADIUS = 7.0, 4.5
GAP = 3.0  # pixels between a node and its label
MAX_FIT = 1.5  # "Fit" enlarges a small graph at most this much


NODE_BATCH = 1000  # nodes added per turn of the event loop (a turn stays well under 100 ms)


class NodeLabel(QGraphicsSimpleTextItem):
    """A name on a light plate, readable over ties; pixel-sized at every zoom."""

    PAD = 2.0

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(2)
        self.setVisible(False)  # until placed

    def boundingRect(self) -> QRectF:
        return super().boundingRect().adjusted(-self.PAD, 0, self.PAD, 0)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.fillRect(self.boundingRect(), QColor(255, 255, 255, 215))
        super().paint(painter, option, widget)  # type: ignore[arg-type]  # Qt accepts None


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
        self.labels: dict[str, NodeLabel] = {}
        self.order: list[str] = []
        """Node ids with a label, most important first (the order labels are placed in)."""
        self.tie_kinds: list[str] = []
        self._generation = 0

    def clear_graph(self) -> None:
        self._generation += 1  # drops the batches of a graph still being added
        self.clear()
        self.nodes.clear()
        self.labels.clear()
        self.order = []
        self.tie_kinds = []

    def show_result(self, result: Result) -> None:
        """Draw the ties at once and the nodes in batches; ``built`` when all are in."""
        self.clear_graph()
        graph = result.graph
        points = _scaled(result.positions)
        for kind, path in _edge_paths(graph.edges, points).items():
            item = QGraphicsPathItem(path)
            pen = QPen(TIE_COLOURS.get(kind, EDGE), 1.2)
            pen.setCosmetic(True)
            item.setPen(pen)
            item.setZValue(-1)
            self.addItem(item)
            self.tie_kinds.append(kind)
        self.order = _importance(result)
        pending = list(zip(graph.nodes, points, strict=True))
        self._add_nodes(result, pending, 0, self._generation)

    def _add_nodes(self, result: Result, pending: list[tuple[Node, QPointF]], start: int,
                   generation: int) -> None:
        if generation != self._generation:
            return
        labelled = set(self.order)
        for node, point in pending[start:start + NODE_BATCH]:
            radius = EGO_RADIUS if node.id == result.request.record_id else RADIUS
            item = QGraphicsEllipseItem(-radius, -radius, 2 * radius, 2 * radius)
            item.setPos(point)
            item.setBrush(QBrush(KIND_COLOURS.get(node.kind, QColor("gray"))))
            item.setPen(QPen(PROTECTED, 2.5) if node.protected else QPen(Qt.PenStyle.NoPen))
            item.setData(ID_ROLE, node.id)
            item.setToolTip(actor_text(node.label))
            self.addItem(item)
            self.nodes[node.id] = item
            if node.id in labelled:
                label = NodeLabel(actor_text(node.label))
                label.setPos(point)
                self.addItem(label)
                self.labels[node.id] = label
        if start + NODE_BATCH < len(pending):
            QTimer.singleShot(0, lambda: self._add_nodes(result, pending, start + NODE_BATCH,
                                                         generation))
            return
        self.setSceneRect(self.itemsBoundingRect().adjusted(-40, -40, 40, 40))
        self.built.emit()

    def relabel(self, names: dict[str, str]) -> None:
        for node_id, name in names.items():
            text = actor_text(name)
            if node_id in self.nodes:
                self.nodes[node_id].setToolTip(text)
            if node_id in self.labels:
                self.labels[node_id].setText(text)
        for view in self.views():
            if isinstance(view, GraphView):
                view.place_labels()  # the new names have other widths

    def texts(self) -> list[str]:
        """Every name the scene holds (labels and tooltips), for checks."""
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


def _importance(result: Result) -> list[str]:
    """The ids to label, most important first: the ego, the brokers, then by ties."""
    nodes = result.graph.nodes
    degree = [0] * len(nodes)
    for e in result.graph.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    first = [result.request.record_id] if result.request.record_id else []
    first += [b.id for b in result.brokers]
    rest = [nodes[i].id for i in sorted(range(len(nodes)), key=lambda i: (-degree[i], i))]
    known = {n.id for n in nodes}
    return [i for i in dict.fromkeys([*first, *rest]) if i in known][:LABEL_CANDIDATES]


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


class _Boxes:
    """Rectangles already taken on the screen, bucketed in a grid for quick overlap tests."""

    CELL = 64.0

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[QRectF]] = {}

    def _keys(self, rect: QRectF) -> list[tuple[int, int]]:
        c = self.CELL
        return [(x, y) for x in range(math.floor(rect.left() / c), math.floor(rect.right() / c) + 1)
                for y in range(math.floor(rect.top() / c), math.floor(rect.bottom() / c) + 1)]

    def free(self, rect: QRectF) -> bool:
        return not any(rect.intersects(r) for k in self._keys(rect) for r in self._cells.get(k, ()))

    def take(self, rect: QRectF) -> None:
        for k in self._keys(rect):
            self._cells.setdefault(k, []).append(rect)


class GraphView(QGraphicsView):
    """Zoom with the wheel (around the pointer), pan by dragging; labels placed on screen
    after each change of the picture (:meth:`place_labels`)."""

    def __init__(self, scene: GraphScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.graph = scene
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self._placing = QTimer(self)
        self._placing.setSingleShot(True)
        self._placing.setInterval(40)
        self._placing.timeout.connect(self.place_labels)
        self._fitted = False  # the whole graph is in view (kept so when the view resizes)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.valueChanged.connect(lambda _v: self._placing.start())

    def set_node_count(self, count: int) -> None:
        self.setRenderHint(QPainter.RenderHint.Antialiasing, count <= ANTIALIAS_MAX)

    def fit(self) -> None:
        rect: QRectF = self.graph.sceneRect()
        if not rect.isEmpty():
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
            if self.transform().m11() > MAX_FIT:  # a few nodes are not blown up to fill it
                self.setTransform(QTransform.fromScale(MAX_FIT, MAX_FIT))
                self.centerOn(rect.center())
        self._fitted = True
        self.place_labels()

    def zoom(self, factor: float) -> None:
        scale = self.transform().m11() * factor
        if 0.02 <= scale <= 20:
            self.scale(factor, factor)
            self._fitted = False
            self._placing.start()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit()
        else:
            self._placing.start()

    # -- labels ----------------------------------------------------------------------------------
    def place_labels(self) -> None:
        """Show the labels that fit, most important first: each beside its node (right,
        left, above or below), on screen, over no node and no label already shown."""
        self._placing.stop()
        scene, to_screen = self.graph, self.viewportTransform()
        screen = QRectF(self.viewport().rect())
        taken = _Boxes()
        if len(scene.nodes) <= ANTIALIAS_MAX:
            for item in scene.nodes.values():
                taken.take(to_screen.mapRect(item.sceneBoundingRect()))
        for node_id in scene.order:
            label, node = scene.labels.get(node_id), scene.nodes.get(node_id)
            if label is None or node is None:
                continue
            at = to_screen.map(node.pos())
            radius = max(2.0, to_screen.mapRect(node.sceneBoundingRect()).width() / 2)
            spot = _spot(at, radius, label.boundingRect(), screen, taken)
            label.setVisible(spot is not None)
            if spot is not None:
                taken.take(spot)
                box = label.boundingRect()
                label.setTransform(QTransform.fromTranslate(spot.left() - at.x() - box.left(),
                                                            spot.top() - at.y() - box.top()))

    def label_rects(self) -> dict[str, QRectF]:
        """The screen rectangle of every label shown, by node id (for checks)."""
        to_screen = self.viewportTransform()
        return {i: lb.deviceTransform(to_screen).mapRect(lb.boundingRect())
                for i, lb in self.graph.labels.items() if lb.isVisible()}


def _spot(at: QPointF, radius: float, box: QRectF, screen: QRectF,
          taken: _Boxes) -> QRectF | None:
    """The first free place for a label of ``box``'s size beside a node at ``at``."""
    w, h = box.width(), box.height()
    for x, y in ((at.x() + radius + GAP, at.y() - h / 2),
                 (at.x() - radius - GAP - w, at.y() - h / 2),
                 (at.x() - w / 2, at.y() - radius - GAP - h),
                 (at.x() - w / 2, at.y() + radius + GAP)):
        rect = QRectF(x, y, w, h)
        if screen.contains(rect) and taken.free(rect):
            return rect
    return None
