// GeoNames alternateNamesV2.txt: extra names with languages, joined to the dump's rows by
// geonameid.

#include "sources/readers.hpp"
#include "sources/fields.hpp"
#include "sources/tsv_reader.hpp"

#include <set>

namespace gazetteer::detail {

using namespace fields;

std::uint64_t read_alternate_names(Drafts& st, const std::string& path, SourceInfo info) {
    static const std::set<std::string_view> skip_langs = {"link", "wkdt", "post", "iata", "icao", "faac",
                                                          "tcid", "unlc", "fr_1793", "phon", "piny"};
    return read_tsv_rows(st, path, std::move(info), "alternate_names", TsvProgress::Periodic,
                         [&](const std::vector<std::string_view>& f, std::uint64_t line) {
        std::uint64_t gid;
        if (f.size() < 4 || !parse_uint(f[1], gid)) {
            st.warn(path, line, "expected 'id<TAB>geonameid<TAB>isolanguage<TAB>name...'");
            return false;
        }
        auto it = st.by_geonameid.find(gid);
        if (it == st.by_geonameid.end() || skip_langs.count(f[2]) || trim(f[3]).empty()) return false;
        bool historic = f.size() > 7 && f[7] == "1";
        if (historic) return false;
        MatchKind kind = f[2] == "abbr" ? MatchKind::Abbreviation : classify_alt(trim(f[3]));
        st.places[it->second].alts.push_back({std::string(trim(f[3])), f[2] == "abbr" ? "" : std::string(f[2]), kind});
        return true;
    });
}

}  // namespace gazetteer::detail
