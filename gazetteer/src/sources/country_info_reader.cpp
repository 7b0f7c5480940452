// GeoNames countryInfo.txt: country codes, names and populations.

#include "sources/readers.hpp"
#include "sources/fields.hpp"

namespace gazetteer::detail {

using namespace fields;

std::uint64_t read_country_info(Drafts& st, const std::string& path, SourceInfo info) {
    detail::LineReader in(path);
    std::string line;
    std::uint64_t taken = 0;
    while (in.next(line)) {
        if (line.empty() || line[0] == '#') continue;
        auto f = split(line, '\t');
        if (f.size() < 17 || f[0].size() != 2) {
            st.warn(path, in.line_number(), "expected the 19 columns of GeoNames countryInfo.txt");
            continue;
        }
        auto& c = st.countries[std::string(f[0])];
        c.iso2 = std::string(f[0]);
        c.iso3 = std::string(f[1]);
        c.ccn3 = std::string(f[2]);
        if (c.name.empty()) c.name = std::string(f[4]);
        else c.names.push_back({std::string(f[4]), "en", MatchKind::AltName});
        std::uint64_t pop = 0;
        if (parse_uint(f[7], pop)) c.population = pop;
        ++taken;
    }
    st.record_source(std::move(info), path, "country_info", taken);
    return taken;
}

}  // namespace gazetteer::detail
