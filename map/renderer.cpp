#include "renderer.hpp"

#include "label_layout.hpp"

#include <QFont>
#include <QFontMetricsF>
#include <QPainterPath>
#include <QPolygonF>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gazetteer::map {

namespace {

QFont make_font(double pixel_size, bool bold = false, bool italic = false) {
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setPixelSize(std::max(1, static_cast<int>(std::lround(pixel_size))));
    f.setBold(bold);
    f.setItalic(italic);
    return f;
}

QString qs(const std::string& s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

// Places with weak resolution evidence are drawn faded so the map does not overstate them.
constexpr double kLowConfidence = 0.5;

bool low_confidence(const ScenePlace& p) { return p.confidence >= 0 && p.confidence < kLowConfidence; }

double stop_radius(const ScenePlace& p, double u) { return std::max(marker_radius(p, u), 10.5 * u); }

// Pixel polylines of a leg: each part projected, broken where it jumps across the view (a
// wrap at the projection's back meridian).
std::vector<QPolygonF> leg_polylines(const MapView& view, const SceneLeg& leg) {
    std::vector<QPolygonF> out;
    const double jump = std::max(view.size().width(), view.size().height()) * 0.5;
    for (const GeometryPart& part : leg.parts) {
        std::vector<double> x(part.size()), y(part.size());
        for (std::size_t i = 0; i < part.size(); ++i) {
            x[i] = part[i].lon;
            y[i] = part[i].lat;
        }
        view.projection().forward_many(x.data(), y.data(), x.size());
        QPolygonF poly;
        for (std::size_t i = 0; i < part.size(); ++i) {
            if (!std::isfinite(x[i])) {
                if (poly.size() >= 2) out.push_back(poly);
                poly.clear();
                continue;
            }
            const QPointF p = view.to_pixel(MapXY{x[i], y[i]});
            if (!poly.isEmpty() && std::hypot(p.x() - poly.back().x(), p.y() - poly.back().y()) > jump) {
                if (poly.size() >= 2) out.push_back(poly);
                poly.clear();
            }
            poly << p;
        }
        if (poly.size() >= 2) out.push_back(poly);
    }
    return out;
}

// Point and direction at half the drawn length of the polylines.
std::optional<std::pair<QPointF, QPointF>> midpoint(const std::vector<QPolygonF>& lines) {
    double total = 0;
    for (const auto& l : lines)
        for (int i = 1; i < l.size(); ++i) total += std::hypot(l[i].x() - l[i - 1].x(), l[i].y() - l[i - 1].y());
    if (total <= 0) return std::nullopt;
    double left = total / 2;
    for (const auto& l : lines) {
        for (int i = 1; i < l.size(); ++i) {
            const QPointF d = l[i] - l[i - 1];
            const double len = std::hypot(d.x(), d.y());
            if (len >= left && len > 0) {
                const QPointF dir = d / len;
                return std::make_pair(l[i - 1] + dir * left, dir);
            }
            left -= len;
        }
    }
    return std::nullopt;
}

void draw_arrow(QPainter& p, QPointF at, QPointF dir, double size, const QColor& fill, const QColor& edge) {
    const QPointF n(-dir.y(), dir.x());
    QPolygonF tri;
    tri << at + dir * size << at - dir * size * 0.8 + n * size * 0.75 << at - dir * size * 0.45
        << at - dir * size * 0.8 - n * size * 0.75;
    p.setPen(QPen(edge, std::max(1.0, size * 0.18)));
    p.setBrush(fill);
    p.drawPolygon(tri);
}

void draw_badge(QPainter& p, QPointF c, double r, const QString& text, const QColor& fill, double u, bool outline) {
    p.setPen(outline ? QPen(Qt::white, 2 * u) : Qt::NoPen);
    p.setBrush(fill);
    p.drawEllipse(c, r, r);
    p.setPen(Qt::white);
    p.setFont(make_font(r * 1.15, true));
    p.drawText(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), Qt::AlignCenter, text);
}

void draw_place_marker(QPainter& p, QPointF c, const ScenePlace& place, const RenderStyle& s, double u) {
    const double r = marker_radius(place, u);
    QColor colour = place.is_area() ? s.area : s.place;
    if (low_confidence(place)) colour.setAlphaF(0.55);
    if (place.is_area()) {
        // A country or region: a ring, since the point only stands for the area.
        if (s.marker_outline) {
            p.setPen(QPen(s.halo, 4.5 * u));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(c, r, r);
        }
        p.setPen(QPen(colour, 2.5 * u));
        QColor inner = colour;
        inner.setAlphaF(0.15);
        p.setBrush(inner);
        p.drawEllipse(c, r, r);
        return;
    }
    p.setPen(s.marker_outline ? QPen(s.halo, 1.5 * u) : Qt::NoPen);
    p.setBrush(colour);
    p.drawEllipse(c, r, r);
}

// Text with a halo: the glyph outlines stroked in the halo colour, then the text itself (kept as
// text so SVG exports stay searchable).
void draw_halo_text(QPainter& p, const QRectF& box, const QString& text, const QFont& font, const QColor& colour,
                    const QColor& halo, double u) {
    QFontMetricsF fm(font);
    const QPointF baseline(box.left(), box.top() + fm.ascent());
    QPainterPath path;
    path.addText(baseline, font, text);
    p.setPen(QPen(halo, 3.2 * u, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    p.setPen(colour);
    p.setFont(font);
    p.drawText(baseline, text);
}

// "12 Sep 2023" from "2023-09-12" ("" for anything else): dates on a map are read, not parsed.
QString label_date(const std::string& iso) {
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y = 0, m = 0, d = 0;
    if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12) return {};
    return QStringLiteral("%1 %2 %3").arg(d).arg(QLatin1String(months[m - 1])).arg(y);
}

// A place's label: its name, and a stop's date when known.
QString label_text(const ScenePlace& p) {
    QString text = qs(p.name);
    if (p.stop_seq > 0) {
        const QString date = label_date(p.date);
        if (!date.isEmpty()) text += QStringLiteral(" · ") + date;
    }
    return text;
}

QString nice_distance(double km) {
    if (km >= 1) return QString::number(km, 'f', 0) + QStringLiteral(" km");
    return QString::number(km * 1000, 'f', 0) + QStringLiteral(" m");
}

// 1, 2 or 5 times a power of ten, not above `km`.
double nice_length(double km) {
    const double p = std::pow(10.0, std::floor(std::log10(km)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= km) return m * p;
    return p;
}

struct Decorations {
    QRectF title, legend, scale, attribution;
};

}  // namespace

double marker_radius(const ScenePlace& place, double u) noexcept {
    const double count = static_cast<double>(std::max<std::size_t>(place.mentions, 1));
    // Area grows with the count (radius with its square root), capped so one dominant name
    // does not swallow its neighbours.
    return u * std::min(4.5 + 2.2 * std::sqrt(count - 1), 16.0);
}

double style_unit(const RenderStyle& style, QSize size) noexcept {
    if (style.unit > 0) return style.unit;
    return std::clamp(std::min(size.width(), size.height()) / 800.0, 0.8, 3.0);
}

void render_map(QPainter& p, const MapView& view, const Scene& scene, const ProjectedBasemap* basemap,
                const RenderStyle& s) {
    const double u = style_unit(s, view.size());
    const QRectF frame(QPointF(0, 0), QSizeF(view.size()));
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    p.fillRect(frame, s.sea);

    // Basemap, drawn in projected metres through the view transform; shapes off the view are
    // skipped by their bounds (this also keeps SVG exports small).
    if (basemap && s.basemap) {
        const QTransform t = view.transform();
        const QRectF visible = t.inverted().mapRect(frame).adjusted(-1, -1, 1, 1);
        p.save();
        p.setClipRect(frame);
        p.setTransform(t, true);  // on top of any transform the caller set
        auto draw = [&](const std::vector<BasemapShape>& shapes, const QPen& pen, const QBrush& brush) {
            p.setPen(pen);
            p.setBrush(brush);
            const bool fill = brush.style() != Qt::NoBrush;
            for (const auto& shape : shapes)
                if (shape.bounds.intersects(visible)) p.drawPath(fill ? shape.path : shape.outline);
        };
        QPen none(Qt::NoPen);
        draw(basemap->land, none, s.land);
        QPen border(s.border, 0.9 * u);
        border.setCosmetic(true);
        draw(basemap->countries, border, Qt::NoBrush);
        QPen grat(s.graticule, 0.8 * u);
        grat.setCosmetic(true);
        draw(basemap->graticule, grat, Qt::NoBrush);
        QPen coast(s.coast, 1.0 * u);
        coast.setCosmetic(true);
        draw(basemap->land, coast, Qt::NoBrush);
        p.restore();
    }

    // Decorations are laid out first so that labels keep clear of them.
    Decorations deco;
    const double margin = 14 * u;
    const QString title = s.title_text.isEmpty() ? qs(scene.title) : s.title_text;
    const QFont title_font = make_font(26 * u, true);
    const QFont sub_font = make_font(13 * u);
    const QFont legend_font = make_font(13.5 * u);
    const QFont small_font = make_font(12 * u);
    const QFont label_font = make_font(15 * u);
    const QFont area_font = make_font(14 * u, false, true);

    std::size_t stops = 0, ordered_legs = 0;
    bool any_area = false, any_low = false, any_point = false;
    for (const auto& pl : scene.places) {
        if (pl.stop_seq > 0) ++stops;
        else if (pl.is_area()) any_area = true;
        else any_point = true;
        if (low_confidence(pl)) any_low = true;
    }
    for (const auto& l : scene.legs)
        if (l.seq > 0) ++ordered_legs;
    double route_km = 0;
    for (const auto& l : scene.legs)
        if (l.seq > 0 && l.distance_km > 0) route_km += l.distance_km;

    std::size_t outside = 0;
    for (const auto& pl : scene.places) {
        auto px = view.to_pixel(pl.lon, pl.lat);
        if (!px || !frame.contains(*px)) ++outside;
    }
    QString subtitle = QString::number(scene.places.size()) + (scene.places.size() == 1 ? " place" : " places");
    if (outside > 0) subtitle += QStringLiteral(" (%1 outside this view)").arg(outside);
    if (ordered_legs > 0) {
        subtitle += QStringLiteral(" · route of %1 legs").arg(ordered_legs);
        if (route_km > 0) subtitle += QStringLiteral(", %1 km").arg(route_km, 0, 'f', 0);
    }
    subtitle += QStringLiteral(" · ") + qs(view.projection().description());
    if (s.title && !title.isEmpty()) {
        QFontMetricsF tf(title_font), sf(sub_font);
        const double w = std::max(tf.horizontalAdvance(title), sf.horizontalAdvance(subtitle)) + 2 * 12 * u + 10 * u;
        deco.title = QRectF(margin, margin, std::min(w, frame.width() - 2 * margin), tf.height() + sf.height() + 22 * u);
    }

    struct LegendRow {
        int kind;  // 0 place sizes, 1 area, 2 stop, 3 leg, 4 low confidence
        QString text;
    };
    std::vector<LegendRow> rows;
    if (any_point || scene.places.empty()) rows.push_back({0, QStringLiteral("Place, sized by mentions (1, 5, 20)")});
    if (any_area) rows.push_back({1, QStringLiteral("Country or region")});
    if (stops > 0) rows.push_back({2, QStringLiteral("Itinerary stop, in order of travel")});
    const bool any_flight = std::any_of(scene.legs.begin(), scene.legs.end(), [](const SceneLeg& l) { return l.mode == "plane"; });
    if (ordered_legs > 0) {
        rows.push_back({3, any_flight ? QStringLiteral("Leg: geodesic, arrow shows direction; dashed: flight")
                                      : QStringLiteral("Leg: geodesic, arrow shows direction")});
    }
    else if (!scene.legs.empty()) rows.push_back({3, QStringLiteral("Line")});
    if (any_low) rows.push_back({4, QStringLiteral("Faded: low confidence (below 0.5)")});
    const double row_h = 27 * u;
    if (s.legend && !rows.empty()) {
        QFontMetricsF lf(legend_font);
        double w = 0;
        for (const auto& r : rows) w = std::max(w, lf.horizontalAdvance(r.text));
        w += 70 * u + 24 * u;
        const double h = rows.size() * row_h + 18 * u;
        deco.legend = QRectF(0, 0, w, h);  // placed below, once the other decorations are known
    }
    const QString attribution = QStringLiteral("Natural Earth, GeoNames");
    if (s.attribution) {
        QFontMetricsF af(small_font);
        const double w = af.horizontalAdvance(attribution) + 12 * u;
        deco.attribution = QRectF(frame.width() - w - 4 * u, frame.height() - af.height() - 8 * u, w, af.height() + 6 * u);
    }
    double bar_px = 0, bar_km = 0;
    if (s.scale_bar) {
        const double kmpp = view.km_per_pixel();
        if (std::isfinite(kmpp) && kmpp > 0) {
            bar_km = nice_length(kmpp * 150 * u);
            bar_px = bar_km / kmpp;
            const double h = 34 * u;
            const double right = frame.width() - margin;
            const double bottom = (s.attribution ? deco.attribution.top() : frame.height()) - 6 * u;
            deco.scale = QRectF(right - bar_px - 24 * u, bottom - h, bar_px + 24 * u, h);
        }
    }

    // The legend goes to the corner where it hides the least: stops weigh most, then places,
    // then the route's vertices.
    std::vector<std::vector<QPolygonF>> leg_lines;
    leg_lines.reserve(scene.legs.size());
    for (const auto& leg : scene.legs) leg_lines.push_back(leg_polylines(view, leg));
    if (!deco.legend.isEmpty()) {
        const double w = deco.legend.width(), h = deco.legend.height();
        std::vector<QRectF> corners{QRectF(margin, frame.height() - margin - h, w, h)};
        const QRectF top_right(frame.width() - margin - w, margin, w, h);
        if (!top_right.intersects(deco.title)) corners.push_back(top_right);
        const double above = (deco.scale.isEmpty() ? (deco.attribution.isEmpty() ? frame.height() - margin : deco.attribution.top())
                                                   : deco.scale.top()) - 6 * u;
        corners.emplace_back(frame.width() - margin - w, above - h, w, h);
        double best_cost = -1;
        for (const QRectF& c : corners) {
            if (c.top() < 0 || c.left() < 0) continue;
            double cost = 0;
            for (const auto& pl : scene.places) {
                auto px = view.to_pixel(pl.lon, pl.lat);
                if (px && c.adjusted(-24 * u, -24 * u, 24 * u, 24 * u).contains(*px)) cost += pl.stop_seq > 0 ? 20 : 3;
            }
            for (const auto& lines : leg_lines)
                for (const auto& l : lines)
                    for (const QPointF& v : l)
                        if (c.contains(v)) cost += 0.2;
            if (best_cost < 0 || cost < best_cost) {
                best_cost = cost;
                deco.legend = c;
            }
        }
    }

    // Route legs: a white casing under the route colour keeps them readable over any basemap.
    p.setBrush(Qt::NoBrush);
    for (const auto& lines : leg_lines) {
        p.setPen(QPen(QColor(255, 255, 255, 220), 6.5 * u, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        for (const auto& l : lines) p.drawPolyline(l);
    }
    for (std::size_t i = 0; i < scene.legs.size(); ++i) {
        const SceneLeg& leg = scene.legs[i];
        QPen pen(s.route, 3.2 * u, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        if (leg.mode == "plane") pen.setStyle(Qt::DashLine);
        if (leg.seq == 0) pen.setColor(s.route.darker(130));
        p.setPen(pen);
        for (const auto& l : leg_lines[i]) p.drawPolyline(l);
    }
    std::vector<QRectF> obstacles;
    for (std::size_t i = 0; i < scene.legs.size(); ++i) {
        const SceneLeg& leg = scene.legs[i];
        if (leg.seq <= 0) continue;
        auto mid = midpoint(leg_lines[i]);
        if (!mid) continue;
        draw_arrow(p, mid->first, mid->second, 9 * u, s.route, Qt::white);
        obstacles.emplace_back(mid->first - QPointF(9 * u, 9 * u), QSizeF(18 * u, 18 * u));
        if (stops == 0) {
            // Without stop markers the legs carry the order numbers themselves.
            const QPointF n(-mid->second.y(), mid->second.x());
            const QPointF at = mid->first + n * 16 * u;
            draw_badge(p, at, 9 * u, QString::number(leg.seq), s.route, u, true);
            obstacles.emplace_back(at - QPointF(9 * u, 9 * u), QSizeF(18 * u, 18 * u));
        }
    }

    // Markers: big ones first so small ones stay visible on top; stops last.
    struct Marker {
        std::size_t index;
        QPointF at;
        double r;
    };
    std::vector<Marker> markers;
    for (std::size_t i = 0; i < scene.places.size(); ++i) {
        const ScenePlace& pl = scene.places[i];
        auto px = view.to_pixel(pl.lon, pl.lat);
        if (!px || !frame.adjusted(-50, -50, 50, 50).contains(*px)) continue;
        markers.push_back({i, *px, pl.stop_seq > 0 ? stop_radius(pl, u) : marker_radius(pl, u)});
    }
    std::stable_sort(markers.begin(), markers.end(), [&](const Marker& a, const Marker& b) {
        const bool sa = scene.places[a.index].stop_seq > 0, sb = scene.places[b.index].stop_seq > 0;
        if (sa != sb) return sb;
        if (sa) return scene.places[a.index].stop_seq > scene.places[b.index].stop_seq;
        return a.r > b.r;
    });
    for (const Marker& m : markers) {
        const ScenePlace& pl = scene.places[m.index];
        const int idx = static_cast<int>(m.index);
        if (idx == s.selected_place || idx == s.hovered_place) {
            QColor h = s.highlight;
            h.setAlphaF(idx == s.selected_place ? 0.85 : 0.5);
            p.setPen(Qt::NoPen);
            p.setBrush(h);
            p.drawEllipse(m.at, m.r + 6 * u, m.r + 6 * u);
        }
        if (pl.stop_seq > 0) draw_badge(p, m.at, m.r, QString::number(pl.stop_seq), s.route, u, s.marker_outline);
        else draw_place_marker(p, m.at, pl, s, u);
        const double k = m.r * 0.75;
        obstacles.emplace_back(m.at - QPointF(k, k), QSizeF(2 * k, 2 * k));
    }

    // Labels.
    for (const QRectF* r : {&deco.title, &deco.legend, &deco.scale, &deco.attribution})
        if (!r->isEmpty()) obstacles.push_back(r->adjusted(-4 * u, -4 * u, 4 * u, 4 * u));
    if (s.labels) {
        std::vector<LabelRequest> requests;
        std::vector<std::size_t> owner;
        for (const Marker& m : markers) {
            const ScenePlace& pl = scene.places[m.index];
            if (pl.name.empty()) continue;
            const QFont& f = pl.is_area() && pl.stop_seq == 0 ? area_font : label_font;
            QFontMetricsF fm(f);
            LabelRequest r;
            r.anchor = m.at;
            r.marker_radius = m.r;
            r.size = QSizeF(fm.horizontalAdvance(label_text(pl)) + 2 * u, fm.height());
            r.priority = pl.stop_seq > 0 ? 1e6 - pl.stop_seq
                                         : static_cast<double>(pl.mentions) * 10 + std::max(0.0, pl.confidence) +
                                               (static_cast<int>(m.index) == s.selected_place ? 1e7 : 0);
            requests.push_back(r);
            owner.push_back(m.index);
        }
        const auto placed = place_labels(requests, frame.adjusted(2, 2, -2, -2), obstacles);
        for (std::size_t i = 0; i < placed.size(); ++i) {
            if (!placed[i].placed) continue;
            const ScenePlace& pl = scene.places[owner[i]];
            const bool area = pl.is_area() && pl.stop_seq == 0;
            QColor c = area ? s.area.darker(120) : s.text;
            if (low_confidence(pl)) c.setAlphaF(0.7);
            draw_halo_text(p, placed[i].rect.adjusted(u, 0, 0, 0), label_text(pl), area ? area_font : label_font, c,
                           s.halo, u);
        }
    }

    // Decorations on top.
    auto panel = [&](const QRectF& r) {
        p.setPen(QPen(QColor(0, 0, 0, 40), 1));
        p.setBrush(QColor(255, 255, 255, 225));
        p.drawRoundedRect(r, 6 * u, 6 * u);
    };
    if (!deco.title.isEmpty()) {
        panel(deco.title);
        QFontMetricsF tf(title_font);
        p.setPen(s.text);
        p.setFont(title_font);
        const QRectF inner = deco.title.adjusted(12 * u, 8 * u, -12 * u, -8 * u);
        p.drawText(QRectF(inner.left(), inner.top(), inner.width(), tf.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   tf.elidedText(title, Qt::ElideRight, inner.width()));
        p.setFont(sub_font);
        p.setPen(s.text.lighter(180));
        QFontMetricsF sf(sub_font);
        p.drawText(QRectF(inner.left(), inner.top() + tf.height() + 4 * u, inner.width(), sf.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, sf.elidedText(subtitle, Qt::ElideRight, inner.width()));
    }
    if (!deco.legend.isEmpty()) {
        panel(deco.legend);
        double y = deco.legend.top() + 9 * u + row_h / 2;
        const double sx = deco.legend.left() + 12 * u;
        const double tx = sx + 70 * u;
        for (const auto& row : rows) {
            ScenePlace sample;
            switch (row.kind) {
                case 0:
                    for (auto [count, x] : {std::pair{1, 6.0}, std::pair{5, 22.0}, std::pair{20, 48.0}}) {
                        sample.mentions = static_cast<std::size_t>(count);
                        draw_place_marker(p, QPointF(sx + x * u, y), sample, s, u);
                    }
                    break;
                case 1:
                    sample.feature_class = 'A';
                    sample.mentions = 3;
                    draw_place_marker(p, QPointF(sx + 25 * u, y), sample, s, u);
                    break;
                case 2:
                    draw_badge(p, QPointF(sx + 25 * u, y), 10.5 * u, QStringLiteral("1"), s.route, u, s.marker_outline);
                    break;
                case 3: {
                    p.setPen(QPen(s.route, 3.2 * u, Qt::SolidLine, Qt::RoundCap));
                    p.drawLine(QPointF(sx, y), QPointF(sx + 54 * u, y));
                    if (ordered_legs > 0) draw_arrow(p, QPointF(sx + 27 * u, y), QPointF(1, 0), 9 * u, s.route, Qt::white);
                    break;
                }
                case 4:
                    sample.mentions = 3;
                    sample.confidence = 0.3;
                    draw_place_marker(p, QPointF(sx + 25 * u, y), sample, s, u);
                    break;
            }
            p.setPen(s.text);
            p.setFont(legend_font);
            p.drawText(QRectF(tx, y - row_h / 2, deco.legend.right() - tx, row_h), Qt::AlignLeft | Qt::AlignVCenter, row.text);
            y += row_h;
        }
    }
    if (!deco.scale.isEmpty()) {
        const double x0 = deco.scale.right() - 12 * u - bar_px;
        const double y0 = deco.scale.bottom() - 10 * u;
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(255, 255, 255, 200));
        p.drawRoundedRect(deco.scale, 4 * u, 4 * u);
        p.setPen(QPen(s.text, 1.2 * u));
        p.setBrush(s.text);
        p.drawRect(QRectF(x0, y0 - 5 * u, bar_px / 2, 5 * u));
        p.setBrush(Qt::white);
        p.drawRect(QRectF(x0 + bar_px / 2, y0 - 5 * u, bar_px / 2, 5 * u));
        p.setFont(small_font);
        p.setPen(s.text);
        QFontMetricsF sf(small_font);
        p.drawText(QRectF(x0, y0 - 6 * u - sf.height(), bar_px, sf.height()), Qt::AlignHCenter | Qt::AlignBottom,
                   nice_distance(bar_km));
    }
    if (!deco.attribution.isEmpty()) {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(255, 255, 255, 200));
        p.drawRect(deco.attribution);
        p.setFont(small_font);
        p.setPen(s.text.lighter(150));
        p.drawText(deco.attribution, Qt::AlignCenter, attribution);
    }
    p.restore();
}

std::optional<std::size_t> place_at(const MapView& view, const Scene& scene, const RenderStyle& style, QPointF pixel,
                                    double slop) {
    const double u = style_unit(style, view.size());
    std::optional<std::size_t> best;
    double best_d = 0;
    for (std::size_t i = 0; i < scene.places.size(); ++i) {
        const ScenePlace& pl = scene.places[i];
        auto px = view.to_pixel(pl.lon, pl.lat);
        if (!px) continue;
        const double r = (pl.stop_seq > 0 ? stop_radius(pl, u) : marker_radius(pl, u)) + slop;
        const double d = std::hypot(px->x() - pixel.x(), px->y() - pixel.y());
        if (d <= r && (!best || d < best_d)) {
            best = i;
            best_d = d;
        }
    }
    return best;
}

}  // namespace gazetteer::map
