#include "geo/country_locator.hpp"

#include <gazetteer/error.hpp>

#include <geos_c.h>

#include <cstring>
#include <memory>
#include <mutex>
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
        double minx = 0, miny = 0, maxx = 0, maxy = 0;
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

CountryLocator::CountryLocator(std::span<const unsigned char> section, const std::string& index_path)
    : m_impl(std::make_unique<Impl>()) {
    const std::string path = index_path.empty() ? "index" : index_path;
    auto& im = *m_impl;
    im.ctx = GEOS_init_r();
    GEOSContext_setNoticeHandler_r(im.ctx, geos_message);
    GEOSContext_setErrorHandler_r(im.ctx, geos_message);
    if (section.size() < 4) return;
    std::uint32_t count;
    std::memcpy(&count, section.data(), 4);
    std::size_t pos = 4;
    // Owned for the whole loop, whichever way it ends: a damaged section throws half way.
    auto destroy_reader = [ctx = im.ctx](GEOSWKBReader* r) { GEOSWKBReader_destroy_r(ctx, r); };
    std::unique_ptr<GEOSWKBReader, decltype(destroy_reader)> reader(GEOSWKBReader_create_r(im.ctx), destroy_reader);
    if (!reader) throw IndexError(path, "cannot create a GEOS WKB reader for the country boundaries");
    for (std::uint32_t i = 0; i < count; ++i) {
        if (pos + 8 > section.size()) throw IndexError(path, "corrupt index: the boundaries section is truncated");
        std::string iso2(reinterpret_cast<const char*>(section.data() + pos), 2);
        std::uint32_t wkb_size;
        std::memcpy(&wkb_size, section.data() + pos + 4, 4);
        pos += 8;
        if (wkb_size > section.size() - pos) throw IndexError(path, "corrupt index: the boundaries section is truncated");
        // The entry owns the geometry from the moment it exists (Impl's destructor frees it).
        im.entries.emplace_back();
        Impl::Entry& e = im.entries.back();
        e.iso2 = iso2;
        e.geom = GEOSWKBReader_read_r(im.ctx, reader.get(), section.data() + pos, wkb_size);
        pos += (std::size_t{wkb_size} + 3) & ~std::size_t{3};
        if (!e.geom) throw IndexError(path, "corrupt index: boundary polygon " + std::to_string(i) + " is not valid WKB");
        e.prepared = GEOSPrepare_r(im.ctx, e.geom);
        if (!e.prepared) throw IndexError(path, "corrupt index: boundary polygon " + std::to_string(i) + " cannot be prepared");
        GEOSGeom_getXMin_r(im.ctx, e.geom, &e.minx);
        GEOSGeom_getYMin_r(im.ctx, e.geom, &e.miny);
        GEOSGeom_getXMax_r(im.ctx, e.geom, &e.maxx);
        GEOSGeom_getYMax_r(im.ctx, e.geom, &e.maxy);
    }
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
