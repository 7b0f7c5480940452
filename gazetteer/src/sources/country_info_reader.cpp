// GeoNames countryInfo.txt: country codes, names and populations.

#include "sources/readers.hpp"
#include "sources/fields.hpp"
#include "sources/tsv_reader.hpp"

namespace gazetteer::detail {

using namespace fields;

std::uint64_t read_country_info(Drafts& st, const std::string& path, SourceInfo info) {
    return read_tsv_rows(st, path, std::move(info), "country_info", TsvProgress::Quiet,
                         [&](const std::vector<std::string_view>& f, std::uint64_t line) {
        if (f.size() < 17 || f[0].size() != 2) {
            st.warn(path, line, "expected the 19 columns of GeoNames countryInfo.txt");
            return false;
        }
        auto& c = st.countries[std::string(f[0])];
        c.iso2 = std::string(f[0]);
        c.iso3 = std::string(f[1]);
        c.ccn3 = std::string(f[2]);
        if (c.name.empty()) c.name = std::string(f[4]);
        else c.names.push_back({std::string(f[4]), "en", MatchKind::AltName});
        std::uint64_t pop = 0;
        if (parse_uint(f[7], pop)) c.population = pop;
        return true;
    });
}

}  // namespace gazetteer::detail
