#include "label_layout.hpp"

#include <algorithm>
#include <numeric>

namespace gazetteer::map {

std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& labels, const QRectF& frame,
                                         const std::vector<QRectF>& obstacles) {
    std::vector<std::size_t> order(labels.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return labels[a].priority > labels[b].priority; });

    std::vector<QRectF> taken = obstacles;
    std::vector<LabelPlacement> result(labels.size());
    for (std::size_t i : order) {
        const LabelRequest& l = labels[i];
        const double w = l.size.width(), h = l.size.height();
        for (double ring : {1.0, 2.2}) {
            const double gap = l.marker_radius * ring + 3;
            const double diag = gap * 0.7071;
            const QPointF c = l.anchor;
            const QRectF candidates[] = {
                QRectF(c.x() + gap, c.y() - h / 2, w, h),              // right
                QRectF(c.x() - gap - w, c.y() - h / 2, w, h),          // left
                QRectF(c.x() - w / 2, c.y() - gap - h, w, h),          // above
                QRectF(c.x() - w / 2, c.y() + gap, w, h),              // below
                QRectF(c.x() + diag, c.y() - diag - h, w, h),          // upper right
                QRectF(c.x() + diag, c.y() + diag, w, h),              // lower right
                QRectF(c.x() - diag - w, c.y() - diag - h, w, h),      // upper left
                QRectF(c.x() - diag - w, c.y() + diag, w, h),          // lower left
            };
            for (const QRectF& r : candidates) {
                if (!frame.contains(r)) continue;
                const bool clash = std::any_of(taken.begin(), taken.end(), [&](const QRectF& t) { return t.intersects(r); });
                if (clash) continue;
                result[i] = {true, r};
                taken.push_back(r);
                break;
            }
            if (result[i].placed) break;
        }
    }
    return result;
}

}  // namespace gazetteer::map
