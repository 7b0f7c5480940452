// GeoNames alternateNamesV2.txt: extra names with languages, joined to the dump's rows by geonameid.

#include "sources/readers.hpp"
#include "sources/fields.hpp"

#include <filesystem>
#include <set>

namespace gazetteer::detail {

using namespace fields;

std::uint64_t read_alternate_names(Drafts& st, const std::string& path, SourceInfo info) {
    detail::LineReader in(path);
    std::string line;
    std::uint64_t taken = 0;
    static const std::set<std::string_view> skip_langs = {"link", "wkdt", "post", "iata", "icao", "faac",
                                                          "tcid", "unlc", "fr_1793", "phon", "piny"};
    std::string stage = "reading " + std::filesystem::path(path).filename().string();
    while (in.next(line)) {
        if ((in.line_number() & 0xFFFF) == 0) st.progress(stage, in.bytes_read(), in.total_bytes());
        if (line.empty() || line[0] == '#') continue;
        auto f = split(line, '\t');
        std::uint64_t gid;
        if (f.size() < 4 || !parse_uint(f[1], gid)) {
            st.warn(path, in.line_number(), "expected 'id<TAB>geonameid<TAB>isolanguage<TAB>name...'");
            continue;
        }
        auto it = st.by_geonameid.find(gid);
        if (it == st.by_geonameid.end() || skip_langs.count(f[2]) || trim(f[3]).empty()) continue;
        bool historic = f.size() > 7 && f[7] == "1";
        if (historic) continue;
        MatchKind kind = f[2] == "abbr" ? MatchKind::Abbreviation : classify_alt(trim(f[3]));
        st.places[it->second].alts.push_back({std::string(trim(f[3])), f[2] == "abbr" ? "" : std::string(f[2]), kind});
        ++taken;
    }
    st.record_source(std::move(info), path, "alternate_names", taken);
    return taken;
}

}  // namespace gazetteer::detail
