# generated from ui/unlock.ui by scripts/compile-forms — do not edit
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'unlock.ui'
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
from PySide6.QtWidgets import (QApplication, QDialog, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QProgressBar, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_UnlockDialog(object):
    def setupUi(self, UnlockDialog):
        if not UnlockDialog.objectName():
            UnlockDialog.setObjectName(u"UnlockDialog")
        UnlockDialog.resize(460, 240)
        self.layout = QVBoxLayout(UnlockDialog)
        self.layout.setObjectName(u"layout")
        self.heading = QLabel(UnlockDialog)
        self.heading.setObjectName(u"heading")

        self.layout.addWidget(self.heading)

        self.prompt = QLabel(UnlockDialog)
        self.prompt.setObjectName(u"prompt")
        self.prompt.setWordWrap(True)

        self.layout.addWidget(self.prompt)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.passphraseLabel = QLabel(UnlockDialog)
        self.passphraseLabel.setObjectName(u"passphraseLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.passphraseLabel)

        self.passphraseEdit = QLineEdit(UnlockDialog)
        self.passphraseEdit.setObjectName(u"passphraseEdit")
        self.passphraseEdit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphraseEdit.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData|Qt.InputMethodHint.ImhNoPredictiveText|Qt.InputMethodHint.ImhHiddenText)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.passphraseEdit)


        self.layout.addLayout(self.form)

        self.messageLabel = QLabel(UnlockDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)

        self.layout.addWidget(self.messageLabel)

        self.busyBar = QProgressBar(UnlockDialog)
        self.busyBar.setObjectName(u"busyBar")
        self.busyBar.setMaximum(0)
        self.busyBar.setTextVisible(False)

        self.layout.addWidget(self.busyBar)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.spacer)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.keychainButton = QPushButton(UnlockDialog)
        self.keychainButton.setObjectName(u"keychainButton")

        self.buttons.addWidget(self.keychainButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.buttonSpacer)

        self.quitButton = QPushButton(UnlockDialog)
        self.quitButton.setObjectName(u"quitButton")
        self.quitButton.setAutoDefault(False)

        self.buttons.addWidget(self.quitButton)

        self.unlockButton = QPushButton(UnlockDialog)
        self.unlockButton.setObjectName(u"unlockButton")

        self.buttons.addWidget(self.unlockButton)


        self.layout.addLayout(self.buttons)

#if QT_CONFIG(shortcut)
        self.passphraseLabel.setBuddy(self.passphraseEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.passphraseEdit, self.unlockButton)
        QWidget.setTabOrder(self.unlockButton, self.keychainButton)
        QWidget.setTabOrder(self.keychainButton, self.quitButton)

        self.retranslateUi(UnlockDialog)

        self.unlockButton.setDefault(True)


        QMetaObject.connectSlotsByName(UnlockDialog)
    # setupUi

    def retranslateUi(self, UnlockDialog):
        UnlockDialog.setWindowTitle(QCoreApplication.translate("UnlockDialog", u"Unlock \u2014 Registry", None))
        self.heading.setText(QCoreApplication.translate("UnlockDialog", u"<b>The registry is locked.</b>", None))
        self.prompt.setText(QCoreApplication.translate("UnlockDialog", u"Enter the passphrase to open it.", None))
        self.passphraseLabel.setText(QCoreApplication.translate("UnlockDialog", u"&Passphrase:", None))
#if QT_CONFIG(accessibility)
        self.passphraseEdit.setAccessibleName(QCoreApplication.translate("UnlockDialog", u"Passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.messageLabel.setText("")
#if QT_CONFIG(accessibility)
        self.messageLabel.setAccessibleName(QCoreApplication.translate("UnlockDialog", u"Unlock status", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.busyBar.setAccessibleName(QCoreApplication.translate("UnlockDialog", u"Unlocking", None))
#endif // QT_CONFIG(accessibility)
        self.keychainButton.setText(QCoreApplication.translate("UnlockDialog", u"Use this computer's &keychain", None))
#if QT_CONFIG(accessibility)
        self.keychainButton.setAccessibleName(QCoreApplication.translate("UnlockDialog", u"Unlock with the keychain", None))
#endif // QT_CONFIG(accessibility)
        self.quitButton.setText(QCoreApplication.translate("UnlockDialog", u"&Quit", None))
        self.unlockButton.setText(QCoreApplication.translate("UnlockDialog", u"&Unlock", None))
    # retranslateUi

