// Natural Earth country polygons (world-atlas TopoJSON or any OGR-readable file) as WKB for
// reverse look-ups, keyed by ISO alpha-2 through the countries already read.

#include "sources/readers.hpp"

#include <gazetteer/detail/normalize.hpp>

#include <ogrsf_frmts.h>

#include <map>
#include <memory>

namespace gazetteer::detail {

std::uint64_t read_boundaries(Drafts& st, const std::string& path, SourceInfo info) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(detail::vsi_path(path).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw IoError(path + ": cannot open as a vector dataset (" + std::string(CPLGetLastErrorMsg()) + ")");
    OGRLayer* layer = ds->GetLayerByName("countries");
    if (!layer) layer = ds->GetLayer(0);
    if (!layer) throw ParseError(path, 0, "no layer of country polygons");
    // ISO numeric -> alpha-2 and English names -> alpha-2 from the countries already added.
    std::map<std::string, std::string> by_numeric, by_name;
    for (const auto& [iso2, c] : st.countries) {
        if (!c.ccn3.empty()) by_numeric[c.ccn3] = iso2;
        by_name[normalize_key(c.name)] = iso2;
        by_name[normalize_key(c.official)] = iso2;
    }
    std::uint64_t taken = 0;
    int id_field = layer->GetLayerDefn()->GetFieldIndex("id");
    int iso_field = -1;
    for (const char* n : {"ISO_A2", "iso_a2", "ISO_A2_EH"})
        if (iso_field < 0) iso_field = layer->GetLayerDefn()->GetFieldIndex(n);
    int name_field = layer->GetLayerDefn()->GetFieldIndex("name");
    if (name_field < 0) name_field = layer->GetLayerDefn()->GetFieldIndex("NAME");
    for (auto& feat : *layer) {
        std::string iso2;
        if (iso_field >= 0) iso2 = feat->GetFieldAsString(iso_field);
        if (iso2.size() != 2 && id_field >= 0) {
            std::string num = feat->GetFieldAsString(id_field);
            while (num.size() < 3 && !num.empty()) num = "0" + num;
            if (auto it = by_numeric.find(num); it != by_numeric.end()) iso2 = it->second;
        }
        std::string fname = name_field >= 0 ? feat->GetFieldAsString(name_field) : "";
        if (iso2.size() != 2 && !fname.empty()) {
            if (auto it = by_name.find(normalize_key(fname)); it != by_name.end()) iso2 = it->second;
        }
        const OGRGeometry* g = feat->GetGeometryRef();
        if (iso2.size() != 2 || !g) {
            // Disputed or unrecognised areas (Somaliland, N. Cyprus) are not malformed input:
            // they are told about, not counted as skipped rows, and never fail a --strict build.
            if (st.options.on_warning)
                st.options.on_warning(path + ": boundary '" + fname + "' has no ISO country code: left out of reverse look-ups");
            continue;
        }
        detail::Boundary b;
        b.iso2 = iso2;
        b.wkb.resize(g->WkbSize());
        g->exportToWkb(wkbNDR, b.wkb.data());
        st.boundaries.push_back(std::move(b));
        ++taken;
    }
    st.record_source(std::move(info), path, "boundaries", taken);
    return taken;
}

}  // namespace gazetteer::detail
