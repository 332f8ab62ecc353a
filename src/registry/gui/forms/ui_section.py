# generated from ui/section.ui by scripts/compile-forms — do not edit
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'section.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSplitter, QTableView, QVBoxLayout, QWidget)

class Ui_SectionView(object):
    def setupUi(self, SectionView):
        if not SectionView.objectName():
            SectionView.setObjectName(u"SectionView")
        self.layout = QVBoxLayout(SectionView)
        self.layout.setObjectName(u"layout")
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.topBar = QHBoxLayout()
        self.topBar.setObjectName(u"topBar")
        self.searchEdit = QLineEdit(SectionView)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.topBar.addWidget(self.searchEdit)

        self.newButton = QPushButton(SectionView)
        self.newButton.setObjectName(u"newButton")

        self.topBar.addWidget(self.newButton)


        self.layout.addLayout(self.topBar)

        self.filterBar = QWidget(SectionView)
        self.filterBar.setObjectName(u"filterBar")
        self.filterLayout = QHBoxLayout(self.filterBar)
        self.filterLayout.setObjectName(u"filterLayout")
        self.filterLayout.setContentsMargins(0, 0, 0, 0)

        self.layout.addWidget(self.filterBar)

        self.splitter = QSplitter(SectionView)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.table = QTableView(self.splitter)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.splitter.addWidget(self.table)
        self.details = QWidget(self.splitter)
        self.details.setObjectName(u"details")
        self.detailsLayout = QVBoxLayout(self.details)
        self.detailsLayout.setObjectName(u"detailsLayout")
        self.detailsLayout.setContentsMargins(0, 0, 0, 0)
        self.splitter.addWidget(self.details)

        self.layout.addWidget(self.splitter)

        self.countLabel = QLabel(SectionView)
        self.countLabel.setObjectName(u"countLabel")

        self.layout.addWidget(self.countLabel)

        self.layout.setStretch(2, 1)
        QWidget.setTabOrder(self.searchEdit, self.table)
        QWidget.setTabOrder(self.table, self.newButton)

        self.retranslateUi(SectionView)

        QMetaObject.connectSlotsByName(SectionView)
    # setupUi

    def retranslateUi(self, SectionView):
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("SectionView", u"Search in Latin or Cyrillic (Ctrl+F)", None))
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleName(QCoreApplication.translate("SectionView", u"Search", None))
#endif // QT_CONFIG(accessibility)
        self.newButton.setText(QCoreApplication.translate("SectionView", u"&New", None))
#if QT_CONFIG(accessibility)
        self.newButton.setAccessibleName(QCoreApplication.translate("SectionView", u"New record", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("SectionView", u"Records", None))
#endif // QT_CONFIG(accessibility)
        self.countLabel.setText("")
#if QT_CONFIG(accessibility)
        self.countLabel.setAccessibleName(QCoreApplication.translate("SectionView", u"Number of records shown", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

