"""Help → Guide (F1): the user guide, offline, in the interface language.

The text ships as Markdown under ``resources/guide/`` (``en.md``, ``ru.md``): a ``# title``,
then one ``## Chapter {#id}`` per chapter, with the same ids in both languages so that links
between chapters (``[Backups](#backups)``) and tests name chapters alike. The window lists the
chapters on the left and shows one at a time.

Nothing here reaches the network or the file system beyond the two shipped files: links are
never followed by Qt (``openLinks`` off), a link to another chapter is followed by us and any
other link is ignored, and the browser loads no resource (no image, no style sheet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QWidget,
)

from registry.gui.i18n import translate
from registry.paths import resource

_HEADING = re.compile(r"^##\s+(?P<title>.+?)\s*\{#(?P<id>[a-z0-9-]+)\}\s*$")
TEXT_WIDTH = 760  # px: lines a reader's eye can follow, however wide the window
CONTENTS_WIDTH = 340  # px: the widest the table of contents grows


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    body: str  # Markdown, without the heading


def language() -> str:
    """The guide's language: the interface's (``QLocale`` default, set by :mod:`i18n`)."""
    return "ru" if QLocale().language() == QLocale.Language.Russian else "en"


def parse(text: str) -> tuple[str, list[Chapter]]:
    """The title and chapters of a guide file."""
    title, chapters = "", []
    current: tuple[str, str] | None = None
    lines: list[str] = []
    for line in text.splitlines():
        heading = _HEADING.match(line)
        if line.startswith("# ") and not title:
            title = line[2:].strip()
        elif heading:
            if current is not None:
                chapters.append(Chapter(current[0], current[1], "\n".join(lines).strip()))
            current, lines = (heading["id"], heading["title"]), []
        elif current is not None:
            lines.append(line)
    if current is not None:
        chapters.append(Chapter(current[0], current[1], "\n".join(lines).strip()))
    return title, chapters


def load(lang: str) -> tuple[str, list[Chapter]]:
    return parse(resource("guide", f"{lang}.md").read_text(encoding="utf-8"))


class GuideBrowser(QTextBrowser):
    """A text browser that follows no link and loads no resource by itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)

    def loadResource(self, _type: int, _name: QUrl | str) -> Any:
        return None  # no image, style sheet or file: the guide is text only

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.setLineWrapMode(QTextBrowser.LineWrapMode.FixedPixelWidth)
        self.setLineWrapColumnOrWidth(max(200, min(TEXT_WIDTH, self.viewport().width() - 8)))


class GuideWindow(QWidget):
    """The user guide: a table of contents and the chapter chosen.

    Signals:
        chapter_shown(str): the chapter with this id is on screen.
    """

    chapter_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("guideWindow")
        self.lang = ""
        self.chapters: list[Chapter] = []
        self.contents = QListWidget(self)
        self.contents.setObjectName("guideContents")
        self.contents.setWordWrap(True)
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contents.setStyleSheet("QListWidget::item { padding: 4px 6px; }")
        self.text = GuideBrowser(self)
        self.text.setObjectName("guideText")
        layout = QHBoxLayout(self)
        layout.addWidget(self.contents)
        layout.addWidget(self.text, 1)
        self.contents.currentRowChanged.connect(self._show)
        self.text.anchorClicked.connect(self._follow)
        self.resize(1000, 700)
        self.reload()

    def reload(self) -> None:
        """(Re)read the guide in the interface language, keeping the chapter shown."""
        shown = self.current_id()
        self.lang = language()
        _title, self.chapters = load(self.lang)
        self.setWindowTitle(translate("Guide", "Guide — Registry"))
        self.contents.setAccessibleName(translate("Guide", "Contents"))
        self.text.setAccessibleName(translate("Guide", "Guide text"))
        self.contents.blockSignals(True)
        self.contents.clear()
        for chapter in self.chapters:
            QListWidgetItem(chapter.title, self.contents).setData(
                Qt.ItemDataRole.UserRole, chapter.id)
        self.contents.blockSignals(False)
        self._fit_contents()
        ids = [c.id for c in self.chapters]
        self.show_chapter(shown if shown in ids else ids[0])

    def _fit_contents(self) -> None:
        """The contents as wide as its longest title (up to ``CONTENTS_WIDTH``; longer
        titles wrap)."""
        metrics = self.contents.fontMetrics()
        widest = max((metrics.horizontalAdvance(c.title) for c in self.chapters), default=0)
        frame = 2 * self.contents.frameWidth() + 16 + 4  # item padding, a little air
        self.contents.setFixedWidth(min(CONTENTS_WIDTH, widest + frame))

    def current_id(self) -> str | None:
        row = self.contents.currentRow()
        return self.chapters[row].id if 0 <= row < len(self.chapters) else None

    def show_chapter(self, chapter_id: str) -> bool:
        for row, chapter in enumerate(self.chapters):
            if chapter.id == chapter_id:
                if self.contents.currentRow() == row:
                    self._show(row)
                else:
                    self.contents.setCurrentRow(row)
                return True
        return False

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.chapters):
            return
        chapter = self.chapters[row]
        self.text.setMarkdown(f"# {chapter.title}\n\n{chapter.body}\n")
        self.text.verticalScrollBar().setValue(0)
        self.chapter_shown.emit(chapter.id)

    def _follow(self, url: QUrl) -> None:
        """A link to another chapter (``#id``) shows it; any other link is ignored."""
        if not url.scheme() and not url.path() and url.fragment():
            self.show_chapter(url.fragment())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.lang:
            self.reload()
        super().changeEvent(event)
