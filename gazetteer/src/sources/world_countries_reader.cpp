// world-countries countries.json: country names in many languages, spellings, demonyms, points and
// areas.

#include "sources/readers.hpp"
#include "sources/fields.hpp"

namespace gazetteer::detail {

using namespace fields;

std::uint64_t read_world_countries(Drafts& st, const std::string& path, SourceInfo info) {
    nlohmann::json j = read_json_file(path);
    if (!j.is_array()) throw ParseError(path, 0, "expected the world-countries array of country objects");
    std::uint64_t taken = 0;
    auto str = [](const nlohmann::json& o, const char* k) -> std::string {
        return o.is_object() && o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
    };
    for (std::size_t i = 0; i < j.size(); ++i) {
        const auto& o = j[i];
        std::string iso2 = str(o, "cca2");
        if (iso2.size() != 2 || !o.contains("name")) {
            st.warn(path, 0, "country " + std::to_string(i) + " lacks cca2 or name");
            continue;
        }
        auto& c = st.countries[iso2];
        c.iso2 = iso2;
        c.iso3 = str(o, "cca3");
        c.ccn3 = str(o, "ccn3");
        const auto& nm = o["name"];
        std::string common = str(nm, "common"), official = str(nm, "official");
        if (!c.name.empty() && c.name != common) c.names.push_back({c.name, "en", MatchKind::AltName});
        c.name = common;
        c.official = official;
        c.names.push_back({official, "en", MatchKind::AltName});
        if (nm.contains("native") && nm["native"].is_object())
            for (auto& [lang, v] : nm["native"].items()) {
                c.names.push_back({str(v, "common"), lang, MatchKind::AltName});
                c.names.push_back({str(v, "official"), lang, MatchKind::AltName});
            }
        if (o.contains("altSpellings") && o["altSpellings"].is_array())
            for (const auto& a : o["altSpellings"])
                if (a.is_string()) {
                    std::string s = a;
                    c.names.push_back({s, "", s.size() <= 4 ? MatchKind::Abbreviation : MatchKind::AltName});
                }
        if (o.contains("translations") && o["translations"].is_object())
            for (auto& [lang, v] : o["translations"].items()) {
                c.names.push_back({str(v, "common"), lang, MatchKind::AltName});
                c.names.push_back({str(v, "official"), lang, MatchKind::AltName});
            }
        if (o.contains("demonyms") && o["demonyms"].is_object())
            for (auto& [lang, v] : o["demonyms"].items()) {
                c.names.push_back({str(v, "m"), lang, MatchKind::Demonym});
                c.names.push_back({str(v, "f"), lang, MatchKind::Demonym});
            }
        // ISO alpha-3 codes are not added as names: prose rarely writes them ("GTM", "CMR") while
        // organisations and tickers often do; the usual ones ("USA") are alternate spellings.
        if (o.contains("latlng") && o["latlng"].is_array() && o["latlng"].size() == 2 &&
            o["latlng"][0].is_number() && o["latlng"][1].is_number()) {
            c.lat = o["latlng"][0].get<double>();
            c.lon = o["latlng"][1].get<double>();
        }
        if (o.contains("area") && o["area"].is_number() && o["area"].get<double>() > 0) c.area_km2 = o["area"].get<double>();
        ++taken;
    }
    st.record_source(std::move(info), path, "countries", taken);
    return taken;
}

}  // namespace gazetteer::detail
