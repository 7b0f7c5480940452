// GeoNames dump rows (the 19 columns of the GeoNames export README) as place drafts.

#include "sources/readers.hpp"
#include "sources/fields.hpp"
#include "sources/tsv_reader.hpp"


namespace gazetteer::detail {

using namespace fields;

std::uint64_t read_geonames(Drafts& st, const std::string& path, SourceInfo info) {
    return read_tsv_rows(st, path, std::move(info), "geonames", TsvProgress::PeriodicAndDone,
                         [&](const std::vector<std::string_view>& f, std::uint64_t line) {
        auto bad = [&](const std::string& what) { st.warn(path, line, what); };
        if (f.size() != 19) {
            bad("expected 19 tab-separated columns (GeoNames dump format), found " + std::to_string(f.size()));
            return false;
        }
        std::uint64_t gid;
        if (!parse_uint(f[0], gid) || gid == 0) {
            bad("geonameid '" + std::string(f[0]) + "' is not a positive integer");
            return false;
        }
        if (trim(f[1]).empty()) {
            bad("empty name for geonameid " + std::string(f[0]));
            return false;
        }
        double lat, lon;
        if (!parse_double(f[4], lat) || lat < -90 || lat > 90) {
            bad("latitude '" + std::string(f[4]) + "' is not a number in [-90, 90]");
            return false;
        }
        if (!parse_double(f[5], lon) || lon < -180 || lon > 180) {
            bad("longitude '" + std::string(f[5]) + "' is not a number in [-180, 180]");
            return false;
        }
        if (!f[6].empty() && !valid_feature_class(f[6])) {
            bad("feature class '" + std::string(f[6]) + "' is not one of A H L P R S T U V");
            return false;
        }
        if (!valid_country(f[8])) {
            bad("country code '" + std::string(f[8]) + "' is not two upper-case letters");
            return false;
        }
        std::uint64_t pop = 0;
        if (!trim(f[14]).empty() && !parse_uint(f[14], pop)) {
            bad("population '" + std::string(f[14]) + "' is not a whole number");
            return false;
        }
        if (st.by_geonameid.count(gid)) {
            bad("duplicate geonameid " + std::to_string(gid));
            return false;
        }
        Draft d;
        d.id = "geonames:" + std::to_string(gid);
        d.name = std::string(trim(f[1]));
        d.ascii_name = std::string(trim(f[2]));
        d.lat = lat;
        d.lon = lon;
        d.feature_class = f[6].empty() ? 0 : f[6][0];
        d.feature_code = std::string(f[7]);
        d.country = std::string(f[8]);
        d.admin1_code = std::string(f[10]);
        d.population = pop;
        d.source = Source::GeoNames;
        if (!f[3].empty()) {
            for (auto a : split(f[3], ',')) {
                a = trim(a);
                if (!a.empty()) d.alts.push_back({std::string(a), "", classify_alt(a)});
            }
        }
        st.by_geonameid.emplace(gid, st.places.size());
        st.places.push_back(std::move(d));
        return true;
    });
}

}  // namespace gazetteer::detail
