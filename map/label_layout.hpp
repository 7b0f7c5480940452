#pragma once
// Greedy label placement without overlaps (the point-feature label placement of Imhof's rules as
// simplified by Christensen, Marks and Shieber 1995, "An empirical study of algorithms for
// point-feature label placement"): labels are taken by priority, each tries the positions
// around its marker in the cartographic order of preference (right, left, above, below, then
// the diagonals, then farther out) and takes the first that overlaps neither a label already
// placed, nor a marker, nor a reserved area, and stays inside the frame. A label that fits
// nowhere is left out rather than drawn over another.

#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <vector>

namespace gazetteer::map {

/// A label to place: beside a marker of radius `marker_radius` px centred on `anchor`.
struct LabelRequest {
    QPointF anchor;
    double marker_radius = 0;
    QSizeF size;        ///< text box, pixels
    double priority = 0;  ///< higher is placed first
};

/// Where a label went; `placed` is false when it fits nowhere.
struct LabelPlacement {
    bool placed = false;
    QRectF rect;
};

/// Places `labels` inside `frame` (pixels), avoiding `obstacles` (markers, legend, title).
/// Results are in the order of `labels`.
std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& labels, const QRectF& frame,
                                         const std::vector<QRectF>& obstacles);

}  // namespace gazetteer::map
