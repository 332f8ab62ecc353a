"""Interface languages: Qt translators for Registry's own strings and Qt's standard ones."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from registry.paths import resource

_installed: list[QTranslator] = []


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``QCoreApplication.translate``: modules call it with a literal context and text, which
    is the form ``pyside6-lupdate`` finds (a one-argument ``tr`` wrapper would lose the
    context; see scripts/compile-translations)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def language_for(setting: str) -> str:
    """``"ru"`` or ``"en"``: the setting, else the system's language."""
    if setting in ("en", "ru"):
        return setting
    return "ru" if QLocale.system().language() == QLocale.Language.Russian else "en"


def install(app: QCoreApplication, setting: str) -> str:
    """Install translators for the chosen language (replacing earlier ones); return it."""
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    lang = language_for(setting)
    QLocale.setDefault(QLocale(QLocale.Language.Russian if lang == "ru"
                               else QLocale.Language.English))
    ours = QTranslator(app)  # English: only the plural forms ("1 record", "2 records")
    if ours.load(str(resource("translations", f"registry_{lang}.qm"))):
        app.installTranslator(ours)
        _installed.append(ours)
    if lang == "en":
        return lang
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return lang
