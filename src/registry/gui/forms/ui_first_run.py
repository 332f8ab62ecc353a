# generated from ui/first_run.ui by scripts/compile-forms — do not edit
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'first_run.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QFormLayout, QLabel,
    QLineEdit, QProgressBar, QSizePolicy, QSpacerItem,
    QStackedWidget, QVBoxLayout, QWidget)

class Ui_FirstRunDialog(object):
    def setupUi(self, FirstRunPages):
        if not FirstRunPages.objectName():
            FirstRunPages.setObjectName(u"FirstRunPages")
        FirstRunPages.resize(560, 360)
        self.welcomePage = QWidget()
        self.welcomePage.setObjectName(u"welcomePage")
        self.welcomeLayout = QVBoxLayout(self.welcomePage)
        self.welcomeLayout.setObjectName(u"welcomeLayout")
        self.welcomeText = QLabel(self.welcomePage)
        self.welcomeText.setObjectName(u"welcomeText")
        self.welcomeText.setWordWrap(True)

        self.welcomeLayout.addWidget(self.welcomeText)

        self.welcomeSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.welcomeLayout.addItem(self.welcomeSpacer)

        FirstRunPages.addWidget(self.welcomePage)
        self.passphrasePage = QWidget()
        self.passphrasePage.setObjectName(u"passphrasePage")
        self.passphraseLayout = QVBoxLayout(self.passphrasePage)
        self.passphraseLayout.setObjectName(u"passphraseLayout")
        self.passphraseIntro = QLabel(self.passphrasePage)
        self.passphraseIntro.setObjectName(u"passphraseIntro")
        self.passphraseIntro.setWordWrap(True)

        self.passphraseLayout.addWidget(self.passphraseIntro)

        self.passphraseForm = QFormLayout()
        self.passphraseForm.setObjectName(u"passphraseForm")
        self.newPassLabel = QLabel(self.passphrasePage)
        self.newPassLabel.setObjectName(u"newPassLabel")

        self.passphraseForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.newPassLabel)

        self.passphraseEdit = QLineEdit(self.passphrasePage)
        self.passphraseEdit.setObjectName(u"passphraseEdit")
        self.passphraseEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.passphraseForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.passphraseEdit)

        self.confirmLabel = QLabel(self.passphrasePage)
        self.confirmLabel.setObjectName(u"confirmLabel")

        self.passphraseForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.confirmLabel)

        self.confirmEdit = QLineEdit(self.passphrasePage)
        self.confirmEdit.setObjectName(u"confirmEdit")
        self.confirmEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.passphraseForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.confirmEdit)

        self.strengthLabel = QLabel(self.passphrasePage)
        self.strengthLabel.setObjectName(u"strengthLabel")

        self.passphraseForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.strengthLabel)

        self.strengthBar = QProgressBar(self.passphrasePage)
        self.strengthBar.setObjectName(u"strengthBar")
        self.strengthBar.setMaximum(5)
        self.strengthBar.setValue(0)

        self.passphraseForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.strengthBar)


        self.passphraseLayout.addLayout(self.passphraseForm)

        self.rememberCheck = QCheckBox(self.passphrasePage)
        self.rememberCheck.setObjectName(u"rememberCheck")

        self.passphraseLayout.addWidget(self.rememberCheck)

        self.rememberText = QLabel(self.passphrasePage)
        self.rememberText.setObjectName(u"rememberText")
        self.rememberText.setWordWrap(True)

        self.passphraseLayout.addWidget(self.rememberText)

        self.passSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.passphraseLayout.addItem(self.passSpacer)

        FirstRunPages.addWidget(self.passphrasePage)
        self.identityPage = QWidget()
        self.identityPage.setObjectName(u"identityPage")
        self.identityLayout = QVBoxLayout(self.identityPage)
        self.identityLayout.setObjectName(u"identityLayout")
        self.identityIntro = QLabel(self.identityPage)
        self.identityIntro.setObjectName(u"identityIntro")
        self.identityIntro.setWordWrap(True)

        self.identityLayout.addWidget(self.identityIntro)

        self.identityForm = QFormLayout()
        self.identityForm.setObjectName(u"identityForm")
        self.nameLabel = QLabel(self.identityPage)
        self.nameLabel.setObjectName(u"nameLabel")

        self.identityForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(self.identityPage)
        self.nameEdit.setObjectName(u"nameEdit")

        self.identityForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.orgLabel = QLabel(self.identityPage)
        self.orgLabel.setObjectName(u"orgLabel")

        self.identityForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.orgLabel)

        self.orgEdit = QLineEdit(self.identityPage)
        self.orgEdit.setObjectName(u"orgEdit")

        self.identityForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.orgEdit)

        self.countryLabel = QLabel(self.identityPage)
        self.countryLabel.setObjectName(u"countryLabel")

        self.identityForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.countryLabel)

        self.countryEdit = QLineEdit(self.identityPage)
        self.countryEdit.setObjectName(u"countryEdit")
        self.countryEdit.setMaxLength(2)

        self.identityForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.countryEdit)


        self.identityLayout.addLayout(self.identityForm)

        self.identitySpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.identityLayout.addItem(self.identitySpacer)

        FirstRunPages.addWidget(self.identityPage)
        self.summaryPage = QWidget()
        self.summaryPage.setObjectName(u"summaryPage")
        self.summaryLayout = QVBoxLayout(self.summaryPage)
        self.summaryLayout.setObjectName(u"summaryLayout")
        self.summaryText = QLabel(self.summaryPage)
        self.summaryText.setObjectName(u"summaryText")
        self.summaryText.setWordWrap(True)

        self.summaryLayout.addWidget(self.summaryText)

        self.summarySpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.summaryLayout.addItem(self.summarySpacer)

        FirstRunPages.addWidget(self.summaryPage)
#if QT_CONFIG(shortcut)
        self.newPassLabel.setBuddy(self.passphraseEdit)
        self.confirmLabel.setBuddy(self.confirmEdit)
        self.nameLabel.setBuddy(self.nameEdit)
        self.orgLabel.setBuddy(self.orgEdit)
        self.countryLabel.setBuddy(self.countryEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(FirstRunPages)

        QMetaObject.connectSlotsByName(FirstRunPages)
    # setupUi

    def retranslateUi(self, FirstRunPages):
        self.welcomeText.setText(QCoreApplication.translate("FirstRunDialog", u"<h3>Welcome to Registry</h3><p>There is no vault on this computer yet. The next steps create one: an encrypted database that only your passphrase opens, and your identity as an official, which signs what you share.</p><p>Nothing leaves this computer unless you export it.</p>", None))
        self.passphraseIntro.setText("")
        self.newPassLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&Passphrase:", None))
#if QT_CONFIG(accessibility)
        self.passphraseEdit.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"New passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.confirmLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&Again:", None))
#if QT_CONFIG(accessibility)
        self.confirmEdit.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"Passphrase again", None))
#endif // QT_CONFIG(accessibility)
        self.strengthLabel.setText(QCoreApplication.translate("FirstRunDialog", u"Strength:", None))
        self.strengthBar.setFormat("")
#if QT_CONFIG(accessibility)
        self.strengthBar.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"Passphrase strength", None))
#endif // QT_CONFIG(accessibility)
        self.rememberCheck.setText(QCoreApplication.translate("FirstRunDialog", u"&Remember on this computer", None))
#if QT_CONFIG(accessibility)
        self.rememberCheck.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"Remember the vault key in this computer's keychain", None))
#endif // QT_CONFIG(accessibility)
        self.rememberText.setText(QCoreApplication.translate("FirstRunDialog", u"If you tick this, the vault's key is kept in this computer's keychain, so the vault opens without the passphrase while you are logged in to this computer. Anyone who can use your computer account can then open the registry: do not use it on a computer you share or that may be seized. The passphrase always keeps working.", None))
        self.identityIntro.setText(QCoreApplication.translate("FirstRunDialog", u"<h3>Your identity as an official</h3><p>Officials you exchange bundles with see these details on your public card.</p>", None))
        self.nameLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&Name:", None))
#if QT_CONFIG(accessibility)
        self.nameEdit.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"Your name", None))
#endif // QT_CONFIG(accessibility)
        self.orgLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&Organisation:", None))
#if QT_CONFIG(accessibility)
        self.orgEdit.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"Your organisation", None))
#endif // QT_CONFIG(accessibility)
        self.countryLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&Country (two letters):", None))
#if QT_CONFIG(accessibility)
        self.countryEdit.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"Your country, ISO code", None))
#endif // QT_CONFIG(accessibility)
        self.countryEdit.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"SE", None))
        self.summaryText.setText("")
#if QT_CONFIG(accessibility)
        self.summaryText.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"Summary", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

