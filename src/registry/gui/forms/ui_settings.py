# generated from ui/settings.ui by scripts/compile-forms — do not edit
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QSizePolicy,
    QSpinBox, QVBoxLayout, QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(420, 200)
        self.layout = QVBoxLayout(SettingsDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.autolockLabel = QLabel(SettingsDialog)
        self.autolockLabel.setObjectName(u"autolockLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.autolockLabel)

        self.autolockSpin = QSpinBox(SettingsDialog)
        self.autolockSpin.setObjectName(u"autolockSpin")
        self.autolockSpin.setMinimum(1)
        self.autolockSpin.setMaximum(120)
        self.autolockSpin.setValue(5)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.autolockSpin)

        self.languageLabel = QLabel(SettingsDialog)
        self.languageLabel.setObjectName(u"languageLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.languageLabel)

        self.languageCombo = QComboBox(SettingsDialog)
        self.languageCombo.setObjectName(u"languageCombo")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.languageCombo)


        self.layout.addLayout(self.form)

        self.note = QLabel(SettingsDialog)
        self.note.setObjectName(u"note")
        self.note.setWordWrap(True)

        self.layout.addWidget(self.note)

        self.buttonBox = QDialogButtonBox(SettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.autolockLabel.setBuddy(self.autolockSpin)
        self.languageLabel.setBuddy(self.languageCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsDialog)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings \u2014 Registry", None))
        self.autolockLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Lock after idle:", None))
#if QT_CONFIG(accessibility)
        self.autolockSpin.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Minutes of inactivity before locking", None))
#endif // QT_CONFIG(accessibility)
        self.autolockSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" min", None))
        self.languageLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Language:", None))
#if QT_CONFIG(accessibility)
        self.languageCombo.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Interface language", None))
#endif // QT_CONFIG(accessibility)
        self.note.setText(QCoreApplication.translate("SettingsDialog", u"Copied contact details are cleared from the clipboard after 30 seconds.", None))
    # retranslateUi

