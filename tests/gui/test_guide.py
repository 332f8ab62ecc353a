"""Help → Guide, in English and Russian (offscreen): it opens from the Help menu (and F1) in
the interface language, holds every chapter, names the app's real menu items and buttons in
that language, and follows no link outside itself."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence

from registry.gui import i18n
from registry.gui.guide import GuideWindow, load
from registry.gui.mainwindow import MainWindow

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "resources" / "guide"
TS = ROOT / "resources" / "translations" / "registry_ru.ts"
CHAPTERS = ["first-steps", "verifying", "sharing", "leaves", "lost-laptop", "backups",
            "passphrase"]
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def _guide(window: MainWindow) -> GuideWindow:
    guide = window.findChild(GuideWindow)
    assert guide is not None
    return guide


# -- the Guide -------------------------------------------------------------------------------
def test_guide_opens_from_the_help_menu_in_the_interface_language(qtbot, lang, window):
    help_menu = window.ui.menuHelp.actions()
    assert window.ui.actionGuide in help_menu
    assert help_menu.index(window.ui.actionGuide) < help_menu.index(window.ui.actionAbout)
    assert window.ui.actionGuide.shortcut() == QKeySequence("F1")
    assert window.ui.actionGuide.text() == ("&Руководство" if lang == "ru" else "&Guide")

    window.ui.actionGuide.trigger()
    guide = _guide(window)
    qtbot.waitUntil(guide.isVisible)
    assert guide.lang == lang
    assert guide.windowTitle() == ("Руководство — Реестр" if lang == "ru"
                                   else "Guide — Registry")
    titles = [guide.contents.item(row).text() for row in range(guide.contents.count())]
    assert [c.id for c in guide.chapters] == CHAPTERS
    assert all(bool(CYRILLIC.search(t)) == (lang == "ru") for t in titles), titles
    for chapter in CHAPTERS:
        with qtbot.wait_signal(guide.chapter_shown):
            guide.show_chapter(chapter)
        shown = guide.text.toPlainText()
        assert shown.startswith(guide.chapters[CHAPTERS.index(chapter)].title)
        assert len(shown) > 600
    window.ui.actionGuide.trigger()  # F1 again: the same window comes forward
    assert window.findChildren(GuideWindow) == [guide]


def test_guide_follows_a_language_change(qtbot, qapp, window):
    guide = window.open_guide()
    assert isinstance(guide, GuideWindow)
    guide.show_chapter("backups")
    i18n.install(qapp, "ru")  # Qt posts the LanguageChange events
    try:
        qtbot.waitUntil(lambda: guide.lang == "ru")
        assert guide.current_id() == "backups"
        assert guide.text.toPlainText().startswith("Резервные копии")
        assert guide.windowTitle() == "Руководство — Реестр"
    finally:
        i18n.install(qapp, "en")
    qtbot.waitUntil(lambda: guide.lang == "en")
    assert guide.text.toPlainText().startswith("Backups")


def test_every_chapter_in_both_languages() -> None:
    for lang in ("en", "ru"):
        _title, chapters = load(lang)
        assert [c.id for c in chapters] == CHAPTERS, lang
        for c in chapters:
            assert len(c.body) > 500, (lang, c.id)
    en, ru = (load(lang)[1] for lang in ("en", "ru"))
    first = {c.id: c.body for c in en}["first-steps"]
    for words in ("Vault → Back up…", "New", "Lock", "Import spreadsheet…", "Ctrl+F"):
        assert words in first
    assert "Хранилище → Резервная копия…" in {c.id: c.body for c in ru}["first-steps"]


def _labels(ts: Path) -> tuple[set[str], set[str]]:
    """Every source text and every Russian translation, without mnemonics (&)."""
    sources, translations = set(), set()
    for message in ET.parse(ts).getroot().iter("message"):
        sources.add((message.findtext("source") or "").replace("&", ""))
        translations.add((message.findtext("translation") or "").replace("&", ""))
    return sources, translations


def test_the_guide_names_real_menu_items_and_buttons() -> None:
    """Every bold name ending in "…" (a menu item or button that opens something), and each
    step of a menu path, is a label of the app in that language."""
    sources, translations = _labels(TS)
    for lang, known in (("en", sources), ("ru", translations)):
        text = (GUIDE / f"{lang}.md").read_text(encoding="utf-8")
        named = re.findall(r"\*\*([^*]+?…)\*\*", text)
        assert len(named) > 15, lang
        for name in named:
            for step in name.split(" → "):
                assert " ".join(step.split()) in known, (lang, step)


def test_the_guide_opens_no_external_link(qtbot, window, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    guide = window.open_guide()
    assert isinstance(guide, GuideWindow)
    assert not guide.text.openExternalLinks()
    assert not guide.text.openLinks()
    guide.show_chapter("first-steps")
    before = guide.text.toPlainText()
    for url in ("https://example.org/", "http://127.0.0.1:9/", "file:///etc/passwd",
                "mailto:someone@example.org", "ftp://example.org/x"):
        guide.text.anchorClicked.emit(QUrl(url))
        assert guide.current_id() == "first-steps"
        assert guide.text.toPlainText() == before
    assert opened == []
    assert guide.text.loadResource(2, QUrl("https://example.org/image.png")) is None
    guide.text.anchorClicked.emit(QUrl("#backups"))  # a link between chapters is followed
    assert guide.current_id() == "backups"
    for lang in ("en", "ru"):
        assert "://" not in (GUIDE / f"{lang}.md").read_text(encoding="utf-8")
