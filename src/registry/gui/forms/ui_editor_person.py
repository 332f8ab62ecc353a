# generated from ui/editor_person.ui by scripts/compile-forms — do not edit
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'editor_person.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QListWidgetItem, QPlainTextEdit,
    QSizePolicy, QSpacerItem, QTabWidget, QVBoxLayout,
    QWidget)

from registry.gui.editors.badges import SensitivityBadge
from registry.gui.editors.pickers import (CountryPicker, DateEdit, MultiEnumPicker, RegionPicker)

class Ui_PersonEditor(object):
    def setupUi(self, PersonEditor):
        if not PersonEditor.objectName():
            PersonEditor.setObjectName(u"PersonEditor")
        PersonEditor.resize(560, 620)
        self.main_layout = QVBoxLayout(PersonEditor)
        self.main_layout.setObjectName(u"main_layout")
        self.header_layout = QHBoxLayout()
        self.header_layout.setObjectName(u"header_layout")
        self.badge = SensitivityBadge(PersonEditor)
        self.badge.setObjectName(u"badge")

        self.header_layout.addWidget(self.badge)

        self.protected_marker = QLabel(PersonEditor)
        self.protected_marker.setObjectName(u"protected_marker")

        self.header_layout.addWidget(self.protected_marker)

        self.header_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.header_layout.addItem(self.header_spacer)

        self.label_sensitivity = QLabel(PersonEditor)
        self.label_sensitivity.setObjectName(u"label_sensitivity")

        self.header_layout.addWidget(self.label_sensitivity)

        self.sensitivity = QComboBox(PersonEditor)
        self.sensitivity.setObjectName(u"sensitivity")

        self.header_layout.addWidget(self.sensitivity)


        self.main_layout.addLayout(self.header_layout)

        self.error_banner = QLabel(PersonEditor)
        self.error_banner.setObjectName(u"error_banner")
        self.error_banner.setWordWrap(True)
        self.error_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard|Qt.TextInteractionFlag.TextSelectableByMouse)

        self.main_layout.addWidget(self.error_banner)

        self.tabs = QTabWidget(PersonEditor)
        self.tabs.setObjectName(u"tabs")
        self.tab_names = QWidget()
        self.tab_names.setObjectName(u"tab_names")
        self.form_names = QFormLayout(self.tab_names)
        self.form_names.setObjectName(u"form_names")
        self.form_names.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.label_name = QLabel(self.tab_names)
        self.label_name.setObjectName(u"label_name")

        self.form_names.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_name)

        self.name = QLineEdit(self.tab_names)
        self.name.setObjectName(u"name")

        self.form_names.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.label_name_latin = QLabel(self.tab_names)
        self.label_name_latin.setObjectName(u"label_name_latin")

        self.form_names.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_name_latin)

        self.name_latin = QLineEdit(self.tab_names)
        self.name_latin.setObjectName(u"name_latin")

        self.form_names.setWidget(1, QFormLayout.ItemRole.FieldRole, self.name_latin)

        self.label_aliases = QLabel(self.tab_names)
        self.label_aliases.setObjectName(u"label_aliases")

        self.form_names.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_aliases)

        self.aliases = QPlainTextEdit(self.tab_names)
        self.aliases.setObjectName(u"aliases")
        self.aliases.setTabChangesFocus(True)
        self.aliases.setMaximumSize(QSize(16777215, 90))

        self.form_names.setWidget(2, QFormLayout.ItemRole.FieldRole, self.aliases)

        self.names_stretch = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.form_names.setItem(3, QFormLayout.ItemRole.SpanningRole, self.names_stretch)

        self.tabs.addTab(self.tab_names, "")
        self.tab_profile = QWidget()
        self.tab_profile.setObjectName(u"tab_profile")
        self.form_profile = QFormLayout(self.tab_profile)
        self.form_profile.setObjectName(u"form_profile")
        self.form_profile.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.label_gender = QLabel(self.tab_profile)
        self.label_gender.setObjectName(u"label_gender")

        self.form_profile.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_gender)

        self.gender = QComboBox(self.tab_profile)
        self.gender.setObjectName(u"gender")

        self.form_profile.setWidget(0, QFormLayout.ItemRole.FieldRole, self.gender)

        self.label_ethnicity = QLabel(self.tab_profile)
        self.label_ethnicity.setObjectName(u"label_ethnicity")

        self.form_profile.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_ethnicity)

        self.ethnicity = QLineEdit(self.tab_profile)
        self.ethnicity.setObjectName(u"ethnicity")

        self.form_profile.setWidget(1, QFormLayout.ItemRole.FieldRole, self.ethnicity)

        self.label_groups = QLabel(self.tab_profile)
        self.label_groups.setObjectName(u"label_groups")

        self.form_profile.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_groups)

        self.groups = MultiEnumPicker(self.tab_profile)
        self.groups.setObjectName(u"groups")

        self.form_profile.setWidget(2, QFormLayout.ItemRole.FieldRole, self.groups)

        self.label_roles = QLabel(self.tab_profile)
        self.label_roles.setObjectName(u"label_roles")

        self.form_profile.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_roles)

        self.roles = MultiEnumPicker(self.tab_profile)
        self.roles.setObjectName(u"roles")

        self.form_profile.setWidget(3, QFormLayout.ItemRole.FieldRole, self.roles)

        self.label_region = QLabel(self.tab_profile)
        self.label_region.setObjectName(u"label_region")

        self.form_profile.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_region)

        self.region = RegionPicker(self.tab_profile)
        self.region.setObjectName(u"region")

        self.form_profile.setWidget(4, QFormLayout.ItemRole.FieldRole, self.region)

        self.label_country = QLabel(self.tab_profile)
        self.label_country.setObjectName(u"label_country")

        self.form_profile.setWidget(5, QFormLayout.ItemRole.LabelRole, self.label_country)

        self.country = CountryPicker(self.tab_profile)
        self.country.setObjectName(u"country")

        self.form_profile.setWidget(5, QFormLayout.ItemRole.FieldRole, self.country)

        self.label_city = QLabel(self.tab_profile)
        self.label_city.setObjectName(u"label_city")

        self.form_profile.setWidget(6, QFormLayout.ItemRole.LabelRole, self.label_city)

        self.city = QLineEdit(self.tab_profile)
        self.city.setObjectName(u"city")

        self.form_profile.setWidget(6, QFormLayout.ItemRole.FieldRole, self.city)

        self.inside_russia = QCheckBox(self.tab_profile)
        self.inside_russia.setObjectName(u"inside_russia")

        self.form_profile.setWidget(7, QFormLayout.ItemRole.FieldRole, self.inside_russia)

        self.label_languages = QLabel(self.tab_profile)
        self.label_languages.setObjectName(u"label_languages")

        self.form_profile.setWidget(8, QFormLayout.ItemRole.LabelRole, self.label_languages)

        self.languages = QLineEdit(self.tab_profile)
        self.languages.setObjectName(u"languages")

        self.form_profile.setWidget(8, QFormLayout.ItemRole.FieldRole, self.languages)

        self.tabs.addTab(self.tab_profile, "")
        self.tab_contacts = QWidget()
        self.tab_contacts.setObjectName(u"tab_contacts")
        self.form_contacts = QFormLayout(self.tab_contacts)
        self.form_contacts.setObjectName(u"form_contacts")
        self.form_contacts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.label_email = QLabel(self.tab_contacts)
        self.label_email.setObjectName(u"label_email")

        self.form_contacts.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_email)

        self.email = QLineEdit(self.tab_contacts)
        self.email.setObjectName(u"email")

        self.form_contacts.setWidget(0, QFormLayout.ItemRole.FieldRole, self.email)

        self.label_phone = QLabel(self.tab_contacts)
        self.label_phone.setObjectName(u"label_phone")

        self.form_contacts.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_phone)

        self.phone = QLineEdit(self.tab_contacts)
        self.phone.setObjectName(u"phone")

        self.form_contacts.setWidget(1, QFormLayout.ItemRole.FieldRole, self.phone)

        self.label_signal = QLabel(self.tab_contacts)
        self.label_signal.setObjectName(u"label_signal")

        self.form_contacts.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_signal)

        self.signal = QLineEdit(self.tab_contacts)
        self.signal.setObjectName(u"signal")

        self.form_contacts.setWidget(2, QFormLayout.ItemRole.FieldRole, self.signal)

        self.label_telegram = QLabel(self.tab_contacts)
        self.label_telegram.setObjectName(u"label_telegram")

        self.form_contacts.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_telegram)

        self.telegram = QLineEdit(self.tab_contacts)
        self.telegram.setObjectName(u"telegram")

        self.form_contacts.setWidget(3, QFormLayout.ItemRole.FieldRole, self.telegram)

        self.label_other_contact = QLabel(self.tab_contacts)
        self.label_other_contact.setObjectName(u"label_other_contact")

        self.form_contacts.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_other_contact)

        self.other_contact = QLineEdit(self.tab_contacts)
        self.other_contact.setObjectName(u"other_contact")

        self.form_contacts.setWidget(4, QFormLayout.ItemRole.FieldRole, self.other_contact)

        self.tabs.addTab(self.tab_contacts, "")
        self.tab_notes = QWidget()
        self.tab_notes.setObjectName(u"tab_notes")
        self.form_notes = QFormLayout(self.tab_notes)
        self.form_notes.setObjectName(u"form_notes")
        self.form_notes.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.label_notes = QLabel(self.tab_notes)
        self.label_notes.setObjectName(u"label_notes")

        self.form_notes.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_notes)

        self.notes = QPlainTextEdit(self.tab_notes)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)

        self.form_notes.setWidget(0, QFormLayout.ItemRole.FieldRole, self.notes)

        self.label_legal_basis = QLabel(self.tab_notes)
        self.label_legal_basis.setObjectName(u"label_legal_basis")

        self.form_notes.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_legal_basis)

        self.legal_basis = QPlainTextEdit(self.tab_notes)
        self.legal_basis.setObjectName(u"legal_basis")
        self.legal_basis.setTabChangesFocus(True)

        self.form_notes.setWidget(1, QFormLayout.ItemRole.FieldRole, self.legal_basis)

        self.label_review_date = QLabel(self.tab_notes)
        self.label_review_date.setObjectName(u"label_review_date")

        self.form_notes.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_review_date)

        self.review_date = DateEdit(self.tab_notes)
        self.review_date.setObjectName(u"review_date")

        self.form_notes.setWidget(2, QFormLayout.ItemRole.FieldRole, self.review_date)

        self.tabs.addTab(self.tab_notes, "")

        self.main_layout.addWidget(self.tabs)

        self.buttons = QDialogButtonBox(PersonEditor)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.main_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.label_sensitivity.setBuddy(self.sensitivity)
        self.label_name.setBuddy(self.name)
        self.label_name_latin.setBuddy(self.name_latin)
        self.label_aliases.setBuddy(self.aliases)
        self.label_gender.setBuddy(self.gender)
        self.label_ethnicity.setBuddy(self.ethnicity)
        self.label_groups.setBuddy(self.groups)
        self.label_roles.setBuddy(self.roles)
        self.label_region.setBuddy(self.region)
        self.label_country.setBuddy(self.country)
        self.label_city.setBuddy(self.city)
        self.label_languages.setBuddy(self.languages)
        self.label_email.setBuddy(self.email)
        self.label_phone.setBuddy(self.phone)
        self.label_signal.setBuddy(self.signal)
        self.label_telegram.setBuddy(self.telegram)
        self.label_other_contact.setBuddy(self.other_contact)
        self.label_notes.setBuddy(self.notes)
        self.label_legal_basis.setBuddy(self.legal_basis)
        self.label_review_date.setBuddy(self.review_date)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PersonEditor)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(PersonEditor)
    # setupUi

    def retranslateUi(self, PersonEditor):
        PersonEditor.setWindowTitle(QCoreApplication.translate("PersonEditor", u"N&otes", None))
#if QT_CONFIG(accessibility)
        self.badge.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Sensitivity level", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.protected_marker.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Protection", None))
#endif // QT_CONFIG(accessibility)
        self.label_sensitivity.setText(QCoreApplication.translate("PersonEditor", u"&Sensitivity", None))
#if QT_CONFIG(accessibility)
        self.sensitivity.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Sensitivity", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.error_banner.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Problems", None))
#endif // QT_CONFIG(accessibility)
        self.label_name.setText(QCoreApplication.translate("PersonEditor", u"N&ame (native script)", None))
#if QT_CONFIG(accessibility)
        self.name.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Name (native script)", None))
#endif // QT_CONFIG(accessibility)
        self.label_name_latin.setText(QCoreApplication.translate("PersonEditor", u"Na&me (Latin script)", None))
#if QT_CONFIG(accessibility)
        self.name_latin.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Name (Latin script)", None))
#endif // QT_CONFIG(accessibility)
        self.label_aliases.setText(QCoreApplication.translate("PersonEditor", u"A&liases (one per line)", None))
#if QT_CONFIG(accessibility)
        self.aliases.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Aliases (one per line)", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.tab_names), QCoreApplication.translate("PersonEditor", u"&Names", None))
        self.label_gender.setText(QCoreApplication.translate("PersonEditor", u"&Gender (self-declared)", None))
#if QT_CONFIG(accessibility)
        self.gender.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Gender (self-declared)", None))
#endif // QT_CONFIG(accessibility)
        self.label_ethnicity.setText(QCoreApplication.translate("PersonEditor", u"&Ethnicity or national group", None))
#if QT_CONFIG(accessibility)
        self.ethnicity.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Ethnicity or national group", None))
#endif // QT_CONFIG(accessibility)
        self.label_groups.setText(QCoreApplication.translate("PersonEditor", u"G&roups", None))
#if QT_CONFIG(accessibility)
        self.groups.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Groups", None))
#endif // QT_CONFIG(accessibility)
        self.label_roles.setText(QCoreApplication.translate("PersonEditor", u"Ro&les", None))
#if QT_CONFIG(accessibility)
        self.roles.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Roles", None))
#endif // QT_CONFIG(accessibility)
        self.label_region.setText(QCoreApplication.translate("PersonEditor", u"Reg&ion of origin", None))
#if QT_CONFIG(accessibility)
        self.region.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Region of origin", None))
#endif // QT_CONFIG(accessibility)
        self.label_country.setText(QCoreApplication.translate("PersonEditor", u"Co&untry of residence", None))
#if QT_CONFIG(accessibility)
        self.country.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Country of residence", None))
#endif // QT_CONFIG(accessibility)
        self.label_city.setText(QCoreApplication.translate("PersonEditor", u"Ci&ty of residence", None))
#if QT_CONFIG(accessibility)
        self.city.setAccessibleName(QCoreApplication.translate("PersonEditor", u"City of residence", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.inside_russia.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Lives inside Russia (protected)", None))
#endif // QT_CONFIG(accessibility)
        self.inside_russia.setText(QCoreApplication.translate("PersonEditor", u"Li&ves inside Russia (protected)", None))
        self.label_languages.setText(QCoreApplication.translate("PersonEditor", u"L&anguages (comma-separated)", None))
#if QT_CONFIG(accessibility)
        self.languages.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Languages (comma-separated)", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.tab_profile), QCoreApplication.translate("PersonEditor", u"&Profile", None))
        self.label_email.setText(QCoreApplication.translate("PersonEditor", u"&E-mail", None))
#if QT_CONFIG(accessibility)
        self.email.setAccessibleName(QCoreApplication.translate("PersonEditor", u"E-mail", None))
#endif // QT_CONFIG(accessibility)
        self.label_phone.setText(QCoreApplication.translate("PersonEditor", u"P&hone", None))
#if QT_CONFIG(accessibility)
        self.phone.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Phone", None))
#endif // QT_CONFIG(accessibility)
        self.label_signal.setText(QCoreApplication.translate("PersonEditor", u"S&ignal", None))
#if QT_CONFIG(accessibility)
        self.signal.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Signal", None))
#endif // QT_CONFIG(accessibility)
        self.label_telegram.setText(QCoreApplication.translate("PersonEditor", u"&Telegram", None))
#if QT_CONFIG(accessibility)
        self.telegram.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Telegram", None))
#endif // QT_CONFIG(accessibility)
        self.label_other_contact.setText(QCoreApplication.translate("PersonEditor", u"Othe&r contact", None))
#if QT_CONFIG(accessibility)
        self.other_contact.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Other contact", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.tab_contacts), QCoreApplication.translate("PersonEditor", u"&Contacts", None))
        self.label_notes.setText(QCoreApplication.translate("PersonEditor", u"No&tes", None))
#if QT_CONFIG(accessibility)
        self.notes.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Notes", None))
#endif // QT_CONFIG(accessibility)
        self.label_legal_basis.setText(QCoreApplication.translate("PersonEditor", u"&Legal basis / consent", None))
#if QT_CONFIG(accessibility)
        self.legal_basis.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Legal basis / consent", None))
#endif // QT_CONFIG(accessibility)
        self.label_review_date.setText(QCoreApplication.translate("PersonEditor", u"&Review date", None))
#if QT_CONFIG(accessibility)
        self.review_date.setAccessibleName(QCoreApplication.translate("PersonEditor", u"Review date", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.tab_notes), QCoreApplication.translate("PersonEditor", u"N&otes", None))
    # retranslateUi

