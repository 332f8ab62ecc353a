# generated from ui/editor_organisation.ui by scripts/compile-forms — do not edit
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'editor_organisation.ui'
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
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSizePolicy, QSpacerItem,
    QTabWidget, QVBoxLayout, QWidget)

from registry.gui.editors.badges import SensitivityBadge
from registry.gui.editors.pickers import (CountryListPicker, CountryPicker, DateEdit, RegionListPicker)

class Ui_OrganisationEditor(object):
    def setupUi(self, OrganisationEditor):
        if not OrganisationEditor.objectName():
            OrganisationEditor.setObjectName(u"OrganisationEditor")
        OrganisationEditor.resize(560, 620)
        self.main_layout = QVBoxLayout(OrganisationEditor)
        self.main_layout.setObjectName(u"main_layout")
        self.header_layout = QHBoxLayout()
        self.header_layout.setObjectName(u"header_layout")
        self.badge = SensitivityBadge(OrganisationEditor)
        self.badge.setObjectName(u"badge")

        self.header_layout.addWidget(self.badge)

        self.header_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.header_layout.addItem(self.header_spacer)

        self.label_sensitivity = QLabel(OrganisationEditor)
        self.label_sensitivity.setObjectName(u"label_sensitivity")

        self.header_layout.addWidget(self.label_sensitivity)

        self.sensitivity = QComboBox(OrganisationEditor)
        self.sensitivity.setObjectName(u"sensitivity")

        self.header_layout.addWidget(self.sensitivity)


        self.main_layout.addLayout(self.header_layout)

        self.error_banner = QLabel(OrganisationEditor)
        self.error_banner.setObjectName(u"error_banner")
        self.error_banner.setWordWrap(True)
        self.error_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard|Qt.TextInteractionFlag.TextSelectableByMouse)

        self.main_layout.addWidget(self.error_banner)

        self.tabs = QTabWidget(OrganisationEditor)
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
        self.label_type = QLabel(self.tab_profile)
        self.label_type.setObjectName(u"label_type")

        self.form_profile.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_type)

        self.type = QComboBox(self.tab_profile)
        self.type.setObjectName(u"type")

        self.form_profile.setWidget(0, QFormLayout.ItemRole.FieldRole, self.type)

        self.label_founded = QLabel(self.tab_profile)
        self.label_founded.setObjectName(u"label_founded")

        self.form_profile.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_founded)

        self.founded = QLineEdit(self.tab_profile)
        self.founded.setObjectName(u"founded")

        self.form_profile.setWidget(1, QFormLayout.ItemRole.FieldRole, self.founded)

        self.label_relocated = QLabel(self.tab_profile)
        self.label_relocated.setObjectName(u"label_relocated")

        self.form_profile.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_relocated)

        self.relocated = QLineEdit(self.tab_profile)
        self.relocated.setObjectName(u"relocated")

        self.form_profile.setWidget(2, QFormLayout.ItemRole.FieldRole, self.relocated)

        self.label_country = QLabel(self.tab_profile)
        self.label_country.setObjectName(u"label_country")

        self.form_profile.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_country)

        self.country = CountryPicker(self.tab_profile)
        self.country.setObjectName(u"country")

        self.form_profile.setWidget(3, QFormLayout.ItemRole.FieldRole, self.country)

        self.label_host_countries = QLabel(self.tab_profile)
        self.label_host_countries.setObjectName(u"label_host_countries")

        self.form_profile.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_host_countries)

        self.host_countries = CountryListPicker(self.tab_profile)
        self.host_countries.setObjectName(u"host_countries")

        self.form_profile.setWidget(4, QFormLayout.ItemRole.FieldRole, self.host_countries)

        self.label_city = QLabel(self.tab_profile)
        self.label_city.setObjectName(u"label_city")

        self.form_profile.setWidget(5, QFormLayout.ItemRole.LabelRole, self.label_city)

        self.city = QLineEdit(self.tab_profile)
        self.city.setObjectName(u"city")

        self.form_profile.setWidget(5, QFormLayout.ItemRole.FieldRole, self.city)

        self.label_themes = QLabel(self.tab_profile)
        self.label_themes.setObjectName(u"label_themes")

        self.form_profile.setWidget(6, QFormLayout.ItemRole.LabelRole, self.label_themes)

        self.themes = QLineEdit(self.tab_profile)
        self.themes.setObjectName(u"themes")

        self.form_profile.setWidget(6, QFormLayout.ItemRole.FieldRole, self.themes)

        self.label_regions_covered = QLabel(self.tab_profile)
        self.label_regions_covered.setObjectName(u"label_regions_covered")

        self.form_profile.setWidget(7, QFormLayout.ItemRole.LabelRole, self.label_regions_covered)

        self.regions_covered = RegionListPicker(self.tab_profile)
        self.regions_covered.setObjectName(u"regions_covered")

        self.form_profile.setWidget(7, QFormLayout.ItemRole.FieldRole, self.regions_covered)

        self.label_languages = QLabel(self.tab_profile)
        self.label_languages.setObjectName(u"label_languages")

        self.form_profile.setWidget(8, QFormLayout.ItemRole.LabelRole, self.label_languages)

        self.languages = QLineEdit(self.tab_profile)
        self.languages.setObjectName(u"languages")

        self.form_profile.setWidget(8, QFormLayout.ItemRole.FieldRole, self.languages)

        self.tabs.addTab(self.tab_profile, "")
        self.tab_reach = QWidget()
        self.tab_reach.setObjectName(u"tab_reach")
        self.form_reach = QFormLayout(self.tab_reach)
        self.form_reach.setObjectName(u"form_reach")
        self.form_reach.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.label_reach = QLabel(self.tab_reach)
        self.label_reach.setObjectName(u"label_reach")

        self.form_reach.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_reach)

        self.reach = QLineEdit(self.tab_reach)
        self.reach.setObjectName(u"reach")

        self.form_reach.setWidget(0, QFormLayout.ItemRole.FieldRole, self.reach)

        self.label_reach_metric = QLabel(self.tab_reach)
        self.label_reach_metric.setObjectName(u"label_reach_metric")

        self.form_reach.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_reach_metric)

        self.reach_metric = QLineEdit(self.tab_reach)
        self.reach_metric.setObjectName(u"reach_metric")

        self.form_reach.setWidget(1, QFormLayout.ItemRole.FieldRole, self.reach_metric)

        self.label_reach_as_of = QLabel(self.tab_reach)
        self.label_reach_as_of.setObjectName(u"label_reach_as_of")

        self.form_reach.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_reach_as_of)

        self.reach_as_of = DateEdit(self.tab_reach)
        self.reach_as_of.setObjectName(u"reach_as_of")

        self.form_reach.setWidget(2, QFormLayout.ItemRole.FieldRole, self.reach_as_of)

        self.label_website = QLabel(self.tab_reach)
        self.label_website.setObjectName(u"label_website")

        self.form_reach.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_website)

        self.website = QLineEdit(self.tab_reach)
        self.website.setObjectName(u"website")

        self.form_reach.setWidget(3, QFormLayout.ItemRole.FieldRole, self.website)

        self.tabs.addTab(self.tab_reach, "")
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

        self.tabs.addTab(self.tab_notes, "")

        self.main_layout.addWidget(self.tabs)

        self.buttons = QDialogButtonBox(OrganisationEditor)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.main_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.label_sensitivity.setBuddy(self.sensitivity)
        self.label_name.setBuddy(self.name)
        self.label_name_latin.setBuddy(self.name_latin)
        self.label_aliases.setBuddy(self.aliases)
        self.label_type.setBuddy(self.type)
        self.label_founded.setBuddy(self.founded)
        self.label_relocated.setBuddy(self.relocated)
        self.label_country.setBuddy(self.country)
        self.label_host_countries.setBuddy(self.host_countries)
        self.label_city.setBuddy(self.city)
        self.label_themes.setBuddy(self.themes)
        self.label_regions_covered.setBuddy(self.regions_covered)
        self.label_languages.setBuddy(self.languages)
        self.label_reach.setBuddy(self.reach)
        self.label_reach_metric.setBuddy(self.reach_metric)
        self.label_reach_as_of.setBuddy(self.reach_as_of)
        self.label_website.setBuddy(self.website)
        self.label_notes.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(OrganisationEditor)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(OrganisationEditor)
    # setupUi

    def retranslateUi(self, OrganisationEditor):
        OrganisationEditor.setWindowTitle(QCoreApplication.translate("OrganisationEditor", u"N&otes", None))
#if QT_CONFIG(accessibility)
        self.badge.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Sensitivity level", None))
#endif // QT_CONFIG(accessibility)
        self.label_sensitivity.setText(QCoreApplication.translate("OrganisationEditor", u"&Sensitivity", None))
#if QT_CONFIG(accessibility)
        self.sensitivity.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Sensitivity", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.error_banner.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Problems", None))
#endif // QT_CONFIG(accessibility)
        self.label_name.setText(QCoreApplication.translate("OrganisationEditor", u"N&ame (native script)", None))
#if QT_CONFIG(accessibility)
        self.name.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Name (native script)", None))
#endif // QT_CONFIG(accessibility)
        self.label_name_latin.setText(QCoreApplication.translate("OrganisationEditor", u"Na&me (Latin script)", None))
#if QT_CONFIG(accessibility)
        self.name_latin.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Name (Latin script)", None))
#endif // QT_CONFIG(accessibility)
        self.label_aliases.setText(QCoreApplication.translate("OrganisationEditor", u"A&liases (one per line)", None))
#if QT_CONFIG(accessibility)
        self.aliases.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Aliases (one per line)", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.tab_names), QCoreApplication.translate("OrganisationEditor", u"&Names", None))
        self.label_type.setText(QCoreApplication.translate("OrganisationEditor", u"&Type", None))
#if QT_CONFIG(accessibility)
        self.type.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Type", None))
#endif // QT_CONFIG(accessibility)
        self.label_founded.setText(QCoreApplication.translate("OrganisationEditor", u"&Founded (year)", None))
#if QT_CONFIG(accessibility)
        self.founded.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Founded (year)", None))
#endif // QT_CONFIG(accessibility)
        self.label_relocated.setText(QCoreApplication.translate("OrganisationEditor", u"R&elocated (year)", None))
#if QT_CONFIG(accessibility)
        self.relocated.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Relocated (year)", None))
#endif // QT_CONFIG(accessibility)
        self.label_country.setText(QCoreApplication.translate("OrganisationEditor", u"&Country", None))
#if QT_CONFIG(accessibility)
        self.country.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Country", None))
#endif // QT_CONFIG(accessibility)
        self.label_host_countries.setText(QCoreApplication.translate("OrganisationEditor", u"&Host countries", None))
#if QT_CONFIG(accessibility)
        self.host_countries.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Host countries", None))
#endif // QT_CONFIG(accessibility)
        self.label_city.setText(QCoreApplication.translate("OrganisationEditor", u"C&ity", None))
#if QT_CONFIG(accessibility)
        self.city.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"City", None))
#endif // QT_CONFIG(accessibility)
        self.label_themes.setText(QCoreApplication.translate("OrganisationEditor", u"The&mes (comma-separated)", None))
#if QT_CONFIG(accessibility)
        self.themes.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Themes (comma-separated)", None))
#endif // QT_CONFIG(accessibility)
        self.label_regions_covered.setText(QCoreApplication.translate("OrganisationEditor", u"Re&gions covered", None))
#if QT_CONFIG(accessibility)
        self.regions_covered.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Regions covered", None))
#endif // QT_CONFIG(accessibility)
        self.label_languages.setText(QCoreApplication.translate("OrganisationEditor", u"&Languages (comma-separated)", None))
#if QT_CONFIG(accessibility)
        self.languages.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Languages (comma-separated)", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.tab_profile), QCoreApplication.translate("OrganisationEditor", u"&Profile", None))
        self.label_reach.setText(QCoreApplication.translate("OrganisationEditor", u"&Audience reach", None))
#if QT_CONFIG(accessibility)
        self.reach.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Audience reach", None))
#endif // QT_CONFIG(accessibility)
        self.label_reach_metric.setText(QCoreApplication.translate("OrganisationEditor", u"R&each metric", None))
#if QT_CONFIG(accessibility)
        self.reach_metric.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Reach metric", None))
#endif // QT_CONFIG(accessibility)
        self.label_reach_as_of.setText(QCoreApplication.translate("OrganisationEditor", u"Rea&ch as of", None))
#if QT_CONFIG(accessibility)
        self.reach_as_of.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Reach as of", None))
#endif // QT_CONFIG(accessibility)
        self.label_website.setText(QCoreApplication.translate("OrganisationEditor", u"&Website", None))
#if QT_CONFIG(accessibility)
        self.website.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Website", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.tab_reach), QCoreApplication.translate("OrganisationEditor", u"&Reach", None))
        self.label_notes.setText(QCoreApplication.translate("OrganisationEditor", u"No&tes", None))
#if QT_CONFIG(accessibility)
        self.notes.setAccessibleName(QCoreApplication.translate("OrganisationEditor", u"Notes", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.tab_notes), QCoreApplication.translate("OrganisationEditor", u"N&otes", None))
    # retranslateUi

