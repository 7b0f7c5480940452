"""Enum and type names that moved between QGIS 3.22 (Qt5) and QGIS 3.30+/4 (Qt6), resolved once,
so the rest of the plugin runs unchanged on both (STYLE.md: only qgis.PyQt imports)."""

from qgis.core import Qgis, QgsProcessing, QgsProcessingParameterField, QgsWkbTypes
from qgis.PyQt.QtCore import QVariant

# Processing source types: Qgis.ProcessingSourceType from 3.36, QgsProcessing.SourceType before.
_source = getattr(Qgis, "ProcessingSourceType", None)
if _source is not None:
    SOURCE_VECTOR_ANY = _source.Vector
    SOURCE_VECTOR_POINT = _source.VectorPoint
    SOURCE_VECTOR_LINE = _source.VectorLine
else:
    SOURCE_VECTOR_ANY = QgsProcessing.SourceType.TypeVector
    SOURCE_VECTOR_POINT = QgsProcessing.SourceType.TypeVectorPoint
    SOURCE_VECTOR_LINE = QgsProcessing.SourceType.TypeVectorLine

# Geometry types: Qgis.WkbType from 3.30, QgsWkbTypes.Type before.
_wkb = getattr(Qgis, "WkbType", None) or QgsWkbTypes.Type
WKB_POINT = _wkb.Point
WKB_MULTILINESTRING = _wkb.MultiLineString

# Field parameter data types: Qgis.ProcessingFieldParameterDataType from 3.36.
_field = getattr(Qgis, "ProcessingFieldParameterDataType", None)
FIELD_PARAMETER_STRING = _field.String if _field is not None else QgsProcessingParameterField.DataType.String

# Attribute types: QMetaType.Type from 3.38 (QVariant.Type is gone in Qt6), QVariant.Type before.
if Qgis.QGIS_VERSION_INT >= 33800:
    from qgis.PyQt.QtCore import QMetaType

    STRING, INTEGER64, DOUBLE, BOOL, DATE = (QMetaType.Type.QString, QMetaType.Type.LongLong,
                                             QMetaType.Type.Double, QMetaType.Type.Bool,
                                             QMetaType.Type.QDate)
else:
    STRING, INTEGER64, DOUBLE, BOOL, DATE = (QVariant.String, QVariant.LongLong, QVariant.Double,
                                             QVariant.Bool, QVariant.Date)
