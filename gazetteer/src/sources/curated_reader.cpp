// The project's curated CSV (data/curated/README.md): places, aliases of any place, or the member
// countries of regions, told apart by the header row.

#include "sources/readers.hpp"
#include "sources/csv_reader.hpp"
#include "sources/fields.hpp"

#include <unordered_set>

namespace gazetteer::detail {

using namespace fields;

namespace {

// The next record that is not a blank line. A record of other than `size` fields is reported
// ("expected <size> fields<what>, found <n>") and passed over.
bool next_record(Drafts& st, CsvReader& csv, std::vector<std::string>& f, std::size_t size, const char* what) {
    while (csv.next(f)) {
        if (f.size() == 1 && f[0].empty()) continue;
        if (f.size() != size) {
            st.warn(csv.path(), csv.line_number(),
                    "expected " + std::to_string(size) + " fields" + what + ", found " + std::to_string(f.size()));
            continue;
        }
        return true;
    }
    return false;
}

}  // namespace

std::uint64_t read_curated(Drafts& st, const std::string& path, SourceInfo info) {
    detail::CsvReader csv(path);
    std::vector<std::string> f;
    if (!csv.next(f)) throw ParseError(path, 1, "empty file: expected a header row");
    std::uint64_t taken = 0;
    static const std::vector<std::string> places_header = {"id", "name", "alternate_names", "lat", "lon",
                                                          "feature_class", "feature_code", "country",
                                                          "admin1", "population", "source"};
    static const std::vector<std::string> alias_header = {"place_id", "name", "kind", "lang", "source"};
    static const std::vector<std::string> members_header = {"place_id", "members", "source"};
    if (!f.empty() && !f[0].empty() && static_cast<unsigned char>(f[0][0]) == 0xEF && f[0].size() >= 3)
        f[0].erase(0, 3);  // UTF-8 byte order mark
    if (f == alias_header) {
        // Extra names for places of any source: "country:US,America,alt,en,..."
        while (next_record(st, csv, f, alias_header.size(), " (place_id,name,kind,lang,source)")) {
            MatchKind kind;
            // "name": another name the place is commonly called by, as strong as its own
            // ("New York" for New York City, whose GeoNames name is the longer form).
            if (f[2] == "name") kind = MatchKind::Name;
            else if (f[2] == "alt") kind = MatchKind::AltName;
            else if (f[2] == "demonym") kind = MatchKind::Demonym;
            else if (f[2] == "abbreviation") kind = MatchKind::Abbreviation;
            else {
                st.warn(path, csv.line_number(), "kind '" + f[2] + "' is not name, alt, demonym or abbreviation");
                continue;
            }
            if (f[0].empty() || trim(f[1]).empty()) {
                st.warn(path, csv.line_number(), "place_id and name must not be empty");
                continue;
            }
            st.aliases[f[0]].push_back({std::string(trim(f[1])), f[3], kind});
            ++taken;
        }
        st.record_source(std::move(info), path, "curated_aliases", taken);
        return taken;
    }
    if (f == members_header) {
        // Areas whose point is computed from member countries: "curated:middle-east,SA IR ...,..."
        while (next_record(st, csv, f, members_header.size(), " (place_id,members,source)")) {
            RegionMembers rm;
            rm.file = path;
            rm.line = csv.line_number();
            bool ok = true;
            for (auto m : split(f[1], ' ')) {
                m = trim(m);
                if (m.empty()) continue;
                if (m.size() != 2 || !valid_country(m)) {
                    st.warn(path, csv.line_number(), "member '" + std::string(m) + "' is not an ISO 3166-1 alpha-2 code");
                    ok = false;
                    break;
                }
                rm.members.emplace_back(m);
            }
            if (!ok) continue;
            if (rm.members.empty()) {
                st.warn(path, csv.line_number(), "no member countries");
                continue;
            }
            st.region_members[f[0]] = std::move(rm);
            ++taken;
        }
        st.record_source(std::move(info), path, "curated_region_members", taken);
        return taken;
    }
    if (f != places_header)
        throw ParseError(path, 1, "header must be 'id,name,alternate_names,lat,lon,feature_class,feature_code,country,admin1,population,source' (or the aliases header 'place_id,name,kind,lang,source', or the region members header 'place_id,members,source')");
    std::unordered_set<std::string> seen;
    while (next_record(st, csv, f, places_header.size(), "")) {
        auto bad = [&](const std::string& what) { st.warn(path, csv.line_number(), what); };
        if (f[0].empty() || f[0].find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
            bad("id '" + f[0] + "' must be a lower-case slug (a-z, 0-9, -)");
            continue;
        }
        if (!seen.insert(f[0]).second) {
            bad("duplicate id '" + f[0] + "'");
            continue;
        }
        if (trim(f[1]).empty()) {
            bad("empty name");
            continue;
        }
        double lat = NAN, lon = NAN;
        // Both empty: the point is computed from member countries (region_members.csv).
        const bool computed = trim(f[3]).empty() && trim(f[4]).empty();
        if (!computed && (!parse_double(f[3], lat) || lat < -90 || lat > 90)) {
            bad("lat '" + f[3] + "' is not a number in [-90, 90]");
            continue;
        }
        if (!computed && (!parse_double(f[4], lon) || lon < -180 || lon > 180)) {
            bad("lon '" + f[4] + "' is not a number in [-180, 180]");
            continue;
        }
        if (!valid_feature_class(f[5])) {
            bad("feature_class '" + f[5] + "' is not one of A H L P R S T U V");
            continue;
        }
        if (!valid_country(f[7])) {
            bad("country '" + f[7] + "' is not an ISO 3166-1 alpha-2 code");
            continue;
        }
        std::uint64_t pop = 0;
        if (!trim(f[9]).empty() && !parse_uint(f[9], pop)) {
            bad("population '" + f[9] + "' is not a whole number");
            continue;
        }
        Draft d;
        d.id = "curated:" + f[0];
        d.name = std::string(trim(f[1]));
        d.ascii_name = d.name;
        d.lat = lat;
        d.lon = lon;
        d.feature_class = f[5][0];
        d.feature_code = f[6];
        d.country = f[7];
        d.admin1_code = f[8];
        d.population = pop;
        d.source = Source::Curated;
        if (!f[2].empty()) {
            for (auto a : split(f[2], '|')) {
                a = trim(a);
                if (a.empty()) continue;
                std::string lang;
                auto colon = a.find(':');
                if (colon >= 2 && colon <= 3 && colon != std::string_view::npos &&
                    std::all_of(a.begin(), a.begin() + colon, [](char c) { return c >= 'a' && c <= 'z'; })) {
                    lang = std::string(a.substr(0, colon));
                    a = trim(a.substr(colon + 1));
                }
                d.alts.push_back({std::string(a), lang, classify_alt(a)});
            }
        }
        st.places.push_back(std::move(d));
        ++taken;
    }
    st.record_source(std::move(info), path, "curated", taken);
    return taken;
}

}  // namespace gazetteer::detail
