#include "geo/country_locator.hpp"

#include <geos_c.h>

#include <cstring>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace gazetteer::detail {

namespace {

void geos_message(const char* /*fmt*/, ...) {}

}  // namespace

// GEOS's reentrant C API: one context per locator; prepared geometries make repeated
// point-in-polygon tests cheap. Queries take a mutex because GEOS contexts are not thread safe.
struct CountryLocator::Impl {
    GEOSContextHandle_t ctx = nullptr;
    struct Entry {
        std::string iso2;
        GEOSGeometry* geom = nullptr;
        const GEOSPreparedGeometry* prepared = nullptr;
        double minx, miny, maxx, maxy;
    };
    std::vector<Entry> entries;
    std::mutex mutex;

    ~Impl() {
        for (auto& e : entries) {
            if (e.prepared) GEOSPreparedGeom_destroy_r(ctx, e.prepared);
            if (e.geom) GEOSGeom_destroy_r(ctx, e.geom);
        }
        if (ctx) GEOS_finish_r(ctx);
    }
};

CountryLocator::CountryLocator(std::span<const unsigned char> section) : m_impl(std::make_unique<Impl>()) {
    auto& im = *m_impl;
    im.ctx = GEOS_init_r();
    GEOSContext_setNoticeHandler_r(im.ctx, geos_message);
    GEOSContext_setErrorHandler_r(im.ctx, geos_message);
    if (section.size() < 4) return;
    std::uint32_t count;
    std::memcpy(&count, section.data(), 4);
    std::size_t pos = 4;
    GEOSWKBReader* reader = GEOSWKBReader_create_r(im.ctx);
    for (std::uint32_t i = 0; i < count; ++i) {
        if (pos + 8 > section.size()) throw std::runtime_error("boundaries section is truncated");
        std::string iso2(reinterpret_cast<const char*>(section.data() + pos), 2);
        std::uint32_t wkb_size;
        std::memcpy(&wkb_size, section.data() + pos + 4, 4);
        pos += 8;
        if (pos + wkb_size > section.size()) throw std::runtime_error("boundaries section is truncated");
        GEOSGeometry* g = GEOSWKBReader_read_r(im.ctx, reader, section.data() + pos, wkb_size);
        pos += (wkb_size + 3) & ~3u;
        if (!g) throw std::runtime_error("boundary polygon " + std::to_string(i) + " is not valid WKB");
        Impl::Entry e;
        e.iso2 = iso2;
        e.geom = g;
        e.prepared = GEOSPrepare_r(im.ctx, g);
        GEOSGeom_getXMin_r(im.ctx, g, &e.minx);
        GEOSGeom_getYMin_r(im.ctx, g, &e.miny);
        GEOSGeom_getXMax_r(im.ctx, g, &e.maxx);
        GEOSGeom_getYMax_r(im.ctx, g, &e.maxy);
        im.entries.push_back(std::move(e));
    }
    GEOSWKBReader_destroy_r(im.ctx, reader);
}

CountryLocator::~CountryLocator() = default;

std::size_t CountryLocator::size() const { return m_impl->entries.size(); }

std::string CountryLocator::country_at(double lat, double lon) const {
    auto& im = *m_impl;
    std::lock_guard lock(im.mutex);
    GEOSGeometry* pt = nullptr;
    std::string found;
    for (const auto& e : im.entries) {
        if (lon < e.minx || lon > e.maxx || lat < e.miny || lat > e.maxy) continue;
        if (!pt) pt = GEOSGeom_createPointFromXY_r(im.ctx, lon, lat);
        if (GEOSPreparedIntersects_r(im.ctx, e.prepared, pt) == 1) {
            found = e.iso2;
            break;
        }
    }
    if (pt) GEOSGeom_destroy_r(im.ctx, pt);
    return found;
}

}  // namespace gazetteer::detail
