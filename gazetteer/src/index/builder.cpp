// IndexBuilder: reads the sources into drafts, merges countries and divisions, normalises every
// name into keys, and writes the sections described in index/format.hpp.

#include "index/format.hpp"
#include "io/line_reader.hpp"
#include "sources/csv_reader.hpp"

#include <gazetteer/build.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/normalize.hpp>
#include <gazetteer/rank.hpp>
#include <gazetteer/temp_files.hpp>
#include <gazetteer/version.hpp>

#include <marisa.h>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <unistd.h>

namespace gazetteer {

namespace detail {

std::uint64_t header_checksum(const Header& h, std::span<const SectionEntry> table);
std::uint32_t fuzzy_hash(std::string_view s);

struct DraftName {
    std::string name;
    std::string lang;
    MatchKind kind = MatchKind::AltName;
};

struct Draft {
    std::string id;
    std::string name;
    std::string ascii_name;
    double lat = 0, lon = 0;
    char feature_class = 0;
    std::string feature_code;
    std::string country;
    std::string admin1_code;
    std::uint64_t population = 0;
    Source source = Source::GeoNames;
    std::vector<DraftName> alts;
    bool dropped = false;
};

struct CountryDraft {
    std::string iso2, iso3, ccn3;
    std::string name, official;
    double lat = NAN, lon = NAN;
    double area_km2 = NAN;  // world-countries "area", weights the country in a region's point
    std::vector<DraftName> names;
    std::uint64_t population = 0;
};

// A curated area whose point is computed from its member countries (region_members.csv).
struct RegionMembers {
    std::vector<std::string> members;  // ISO 3166-1 alpha-2
    std::string file;
    std::uint64_t line = 0;
};

struct Boundary {
    std::string iso2;
    std::vector<unsigned char> wkb;
};

struct BuilderState {
    BuildOptions options;
    std::vector<Draft> places;
    std::unordered_map<std::uint64_t, std::size_t> by_geonameid;
    std::map<std::string, CountryDraft> countries;                 // by iso2
    std::map<std::string, std::pair<std::string, std::string>> admin1_names;  // "CC.code" -> (name, ascii)
    std::map<std::string, std::vector<DraftName>> aliases;         // place id -> extra names
    std::map<std::string, RegionMembers> region_members;           // curated place id -> members
    std::vector<Boundary> boundaries;
    std::vector<SourceInfo> sources;
    std::uint64_t skipped = 0;

    void warn(const std::string& file, std::uint64_t line, const std::string& what) {
        if (options.strict) throw ParseError(file, line, what);
        ++skipped;
        if (options.on_warning) options.on_warning(file + ":" + std::to_string(line) + ": " + what);
    }
    void progress(const std::string& stage, std::uint64_t done, std::uint64_t total) {
        if (options.on_progress) options.on_progress(stage, done, total);
    }
    void record_source(SourceInfo info, const std::string& path, const std::string& role, std::uint64_t records) {
        if (info.name.empty()) info.name = std::filesystem::path(path).filename().string();
        if (info.sha256.empty()) info.sha256 = sha256_file(path);
        if (info.role.empty()) info.role = role;
        info.records = records;
        sources.push_back(std::move(info));
    }
};

}  // namespace detail

using detail::BuilderState;
using detail::Draft;
using detail::DraftName;
using detail::RegionMembers;

namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        std::size_t p = s.find(sep, start);
        if (p == std::string_view::npos) {
            out.push_back(s.substr(start));
            return out;
        }
        out.push_back(s.substr(start, p - start));
        start = p + 1;
    }
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool parse_double(std::string_view s, double& v) {
    s = trim(s);
    if (s.empty()) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size() && std::isfinite(v);
}

template <class T>
bool parse_uint(std::string_view s, T& v) {
    s = trim(s);
    if (s.empty()) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size();
}

bool valid_feature_class(std::string_view c) {
    return c.size() == 1 && std::strchr("AHLPRSTUV", c[0]) != nullptr;
}

bool valid_country(std::string_view c) {
    return c.empty() || (c.size() == 2 && std::isupper(static_cast<unsigned char>(c[0])) &&
                         std::isupper(static_cast<unsigned char>(c[1])));
}

// Three- or four-letter upper-case tokens in GeoNames' alternate names are mostly airport and
// station codes (VVO, KXK): kept, but as abbreviations so that text matching can distrust them.
MatchKind classify_alt(std::string_view n) {
    if (n.size() >= 2 && n.size() <= 4 &&
        std::all_of(n.begin(), n.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return MatchKind::Abbreviation;
    return MatchKind::AltName;
}

// A whole JSON file; IoError when it cannot be read, ParseError naming it when it is no JSON.
nlohmann::json read_json_file(const std::string& path, const char* hint = "") {
    std::ifstream f(path);
    if (!f) throw IoError(path + ": cannot open" + hint);
    try {
        return nlohmann::json::parse(f);
    } catch (const nlohmann::json::exception& e) {
        throw ParseError(path, 0, std::string("not valid JSON: ") + e.what());
    }
}

std::string now_utc() {
    std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

}  // namespace

IndexBuilder::IndexBuilder(BuildOptions options) : m_state(std::make_unique<BuilderState>()) {
    m_state->options = std::move(options);
}
IndexBuilder::~IndexBuilder() = default;

std::uint64_t IndexBuilder::add_geonames(const std::string& path, SourceInfo info) {
    auto& st = *m_state;
    detail::LineReader in(path);
    std::string line;
    std::uint64_t taken = 0;
    std::string stage = "reading " + std::filesystem::path(path).filename().string();
    while (in.next(line)) {
        if ((in.line_number() & 0xFFFF) == 0) st.progress(stage, in.bytes_read(), in.total_bytes());
        if (line.empty() || line[0] == '#') continue;
        auto f = split(line, '\t');
        auto bad = [&](const std::string& what) { st.warn(path, in.line_number(), what); };
        if (f.size() != 19) {
            bad("expected 19 tab-separated columns (GeoNames dump format), found " + std::to_string(f.size()));
            continue;
        }
        std::uint64_t gid;
        if (!parse_uint(f[0], gid) || gid == 0) {
            bad("geonameid '" + std::string(f[0]) + "' is not a positive integer");
            continue;
        }
        if (trim(f[1]).empty()) {
            bad("empty name for geonameid " + std::string(f[0]));
            continue;
        }
        double lat, lon;
        if (!parse_double(f[4], lat) || lat < -90 || lat > 90) {
            bad("latitude '" + std::string(f[4]) + "' is not a number in [-90, 90]");
            continue;
        }
        if (!parse_double(f[5], lon) || lon < -180 || lon > 180) {
            bad("longitude '" + std::string(f[5]) + "' is not a number in [-180, 180]");
            continue;
        }
        if (!f[6].empty() && !valid_feature_class(f[6])) {
            bad("feature class '" + std::string(f[6]) + "' is not one of A H L P R S T U V");
            continue;
        }
        if (!valid_country(f[8])) {
            bad("country code '" + std::string(f[8]) + "' is not two upper-case letters");
            continue;
        }
        std::uint64_t pop = 0;
        if (!trim(f[14]).empty() && !parse_uint(f[14], pop)) {
            bad("population '" + std::string(f[14]) + "' is not a whole number");
            continue;
        }
        if (st.by_geonameid.count(gid)) {
            bad("duplicate geonameid " + std::to_string(gid));
            continue;
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
        ++taken;
    }
    st.progress(stage, in.total_bytes(), in.total_bytes());
    st.record_source(std::move(info), path, "geonames", taken);
    return taken;
}

std::uint64_t IndexBuilder::add_admin1_codes(const std::string& path, SourceInfo info) {
    auto& st = *m_state;
    detail::LineReader in(path);
    std::string line;
    std::uint64_t taken = 0;
    while (in.next(line)) {
        if (line.empty() || line[0] == '#') continue;
        auto f = split(line, '\t');
        if (f.size() < 3 || f[0].find('.') == std::string_view::npos || trim(f[1]).empty()) {
            st.warn(path, in.line_number(), "expected 'CC.code<TAB>name<TAB>asciiname<TAB>geonameid'");
            continue;
        }
        st.admin1_names[std::string(f[0])] = {std::string(trim(f[1])), std::string(trim(f[2]))};
        ++taken;
    }
    st.record_source(std::move(info), path, "admin1_codes", taken);
    return taken;
}

std::uint64_t IndexBuilder::add_admin1_names_json(const std::string& path, SourceInfo info) {
    auto& st = *m_state;
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

std::uint64_t IndexBuilder::add_country_info(const std::string& path, SourceInfo info) {
    auto& st = *m_state;
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

std::uint64_t IndexBuilder::add_alternate_names(const std::string& path, SourceInfo info) {
    auto& st = *m_state;
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

std::uint64_t IndexBuilder::add_world_countries(const std::string& path, SourceInfo info) {
    auto& st = *m_state;
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

std::uint64_t IndexBuilder::add_curated(const std::string& path, SourceInfo info) {
    auto& st = *m_state;
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
        while (csv.next(f)) {
            if (f.size() == 1 && f[0].empty()) continue;
            if (f.size() != alias_header.size()) {
                st.warn(path, csv.line_number(), "expected 5 fields (place_id,name,kind,lang,source), found " + std::to_string(f.size()));
                continue;
            }
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
        while (csv.next(f)) {
            if (f.size() == 1 && f[0].empty()) continue;
            if (f.size() != members_header.size()) {
                st.warn(path, csv.line_number(), "expected 3 fields (place_id,members,source), found " + std::to_string(f.size()));
                continue;
            }
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
    while (csv.next(f)) {
        if (f.size() == 1 && f[0].empty()) continue;
        auto bad = [&](const std::string& what) { st.warn(path, csv.line_number(), what); };
        if (f.size() != places_header.size()) {
            bad("expected 11 fields, found " + std::to_string(f.size()));
            continue;
        }
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

std::uint64_t IndexBuilder::add_boundaries(const std::string& path, SourceInfo info) {
    auto& st = *m_state;
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

void IndexBuilder::add_manifest(const std::string& manifest_path) {
    nlohmann::json j = read_json_file(manifest_path, " (run scripts/fetch-data.sh first)");
    if (!j.contains("sources") || !j["sources"].is_array())
        throw ParseError(manifest_path, 0, "expected an object with a \"sources\" array");
    std::filesystem::path base = std::filesystem::path(manifest_path).parent_path();
    // Order matters: countries before boundaries (they map ISO numeric codes), dumps before names.
    static const std::vector<std::string> order = {"geonames", "admin1_codes", "admin1_names", "countries",
                                                   "country_info", "alternate_names", "curated", "boundaries"};
    for (const auto& role : order) {
        for (const auto& s : j["sources"]) {
            if (s.value("role", "") != role) continue;
            SourceInfo info;
            info.name = s.value("name", "");
            info.version = s.value("version", "");
            info.sha256 = s.value("sha256", "");
            info.license = s.value("license", "");
            info.role = role;
            std::filesystem::path p = s.value("path", "");
            if (p.is_relative()) p = base / p;
            if (!std::filesystem::exists(p))
                throw IoError(manifest_path + ": source file " + p.string() + " is missing (run scripts/fetch-data.sh)");
            std::string ps = p.string();
            if (role == "geonames") add_geonames(ps, info);
            else if (role == "admin1_codes") add_admin1_codes(ps, info);
            else if (role == "admin1_names") add_admin1_names_json(ps, info);
            else if (role == "countries") add_world_countries(ps, info);
            else if (role == "country_info") add_country_info(ps, info);
            else if (role == "alternate_names") add_alternate_names(ps, info);
            else if (role == "curated") add_curated(ps, info);
            else if (role == "boundaries") add_boundaries(ps, info);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

namespace {

struct StringPool {
    std::string bytes{'\0'};
    std::unordered_map<std::string, std::uint32_t> offsets;
    std::uint32_t add(std::string_view s) {
        if (s.empty()) return 0;
        auto it = offsets.find(std::string(s));
        if (it != offsets.end()) return it->second;
        if (bytes.size() + s.size() + 1 > 0xFFFFFFFFull) throw Error("string pool exceeds 4 GiB");
        auto off = static_cast<std::uint32_t>(bytes.size());
        bytes.append(s);
        bytes.push_back('\0');
        offsets.emplace(std::string(s), off);
        return off;
    }
};

struct KeyEntry {
    std::uint32_t key;  // index into the distinct key strings
    std::uint32_t place;
    MatchKind kind;
};

// Mean of unit vectors: the centre of a set of points, correct across the antimeridian.
struct CentreAccumulator {
    double x = 0, y = 0, z = 0;
    std::uint64_t n = 0;
    void add(double lat, double lon) {
        double la = lat * M_PI / 180, lo = lon * M_PI / 180;
        x += std::cos(la) * std::cos(lo);
        y += std::cos(la) * std::sin(lo);
        z += std::sin(la);
        ++n;
    }
    std::pair<double, double> centre() const {
        double h = std::hypot(x, y);
        return {std::atan2(z, h) * 180 / M_PI, std::atan2(y, x) * 180 / M_PI};
    }
};

bool is_country_code(std::string_view fc) {
    return fc == "PCLI" || fc == "PCLD" || fc == "PCLF" || fc == "PCLS" || fc == "PCLIX" || fc == "PCL" || fc == "TERR";
}

using namespace detail;

// Offsets of the first record of each value of the hash's top b bits, b chosen for about four
// records a slot: uint32[2^b + 1], the last entry the record count.
std::vector<std::uint32_t> fuzzy_directory(const std::vector<FuzzyRec>& fuzzy) {
    unsigned bits = 4;
    while (bits < 28 && (std::size_t{1} << (bits + 2)) < fuzzy.size()) ++bits;
    std::vector<std::uint32_t> dir((std::size_t{1} << bits) + 1, 0);
    for (const auto& r : fuzzy) ++dir[(r.hash >> (32 - bits)) + 1];
    for (std::size_t i = 1; i < dir.size(); ++i) dir[i] += dir[i - 1];
    return dir;
}

struct Completions {
    std::vector<CompletionRec> prefixes;
    std::vector<CompletionEntry> entries;
};

// One candidate completion while building: rank, place, key, kind.
struct RankedEntry {
    double rank;
    std::uint32_t place;
    std::uint32_t key_id;
    MatchKind kind;
    bool operator<(const RankedEntry& o) const {  // better first; ties by place, then key
        if (rank != o.rank) return rank > o.rank;
        if (place != o.place) return place < o.place;
        return key_id < o.key_id;
    }
};

// Keeps the best kCompletionCount entries of `a` and `b` (each sorted, place-distinct), one per place.
void merge_top(std::vector<RankedEntry>& a, const std::vector<RankedEntry>& b, std::vector<RankedEntry>& tmp) {
    tmp.clear();
    std::size_t i = 0, j = 0;
    while (tmp.size() < kCompletionCount && (i < a.size() || j < b.size())) {
        const RankedEntry& e = (j >= b.size() || (i < a.size() && a[i] < b[j])) ? a[i++] : b[j++];
        bool seen = false;
        for (const auto& t : tmp) seen = seen || t.place == e.place;
        if (!seen) tmp.push_back(e);
    }
    a.swap(tmp);
}

// The best completions of every prefix shared by more than kCompletionMinKeys keys. One pass over
// the keys in byte order keeps a stack of the open prefixes (one level per byte of the current
// key); closing a prefix hands its best entries up to its parent, so each prefix's list is the
// best of its keys' own entries and its children's lists. Ranks come from completion_rank, which
// does not depend on the prefix's length, so a child's best are valid for its parent.
Completions build_completions(const std::vector<std::string_view>& keys, const std::vector<std::uint32_t>& trie_id,
                              const std::vector<std::uint32_t>& post_offsets, const std::vector<std::uint32_t>& postings,
                              const std::vector<PlaceRec>& recs) {
    Completions out;
    std::vector<std::uint32_t> order(keys.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });

    struct Level {
        std::uint64_t keys = 0;
        std::vector<RankedEntry> top;
    };
    std::vector<Level> level(1);  // level[d]: the prefix of d bytes of the current key; level[0] = ""
    std::vector<RankedEntry> own, tmp;
    std::string_view prev;
    auto close_to = [&](std::size_t depth) {  // closes the levels deeper than `depth`
        for (std::size_t d = level.size() - 1; d > depth; --d) {
            Level& lv = level[d];
            // Only prefixes that end on a character boundary can be typed.
            bool boundary = d == prev.size() || (static_cast<unsigned char>(prev[d]) & 0xC0) != 0x80;
            if (lv.keys > kCompletionMinKeys && boundary) {
                std::string_view p = prev.substr(0, d);
                out.prefixes.push_back({XXH3_64bits(p.data(), p.size()), static_cast<std::uint32_t>(out.entries.size()),
                                        static_cast<std::uint32_t>(lv.top.size())});
                for (const auto& e : lv.top)
                    out.entries.push_back({e.key_id, (e.place << 3) | static_cast<std::uint32_t>(e.kind)});
            }
            Level& parent = level[d - 1];
            parent.keys += lv.keys;
            if (parent.top.empty()) parent.top.swap(lv.top);
            else merge_top(parent.top, lv.top, tmp);
            level.pop_back();
        }
    };
    for (std::uint32_t i : order) {
        std::string_view k = keys[i];
        std::size_t lcp = 0;
        while (lcp < prev.size() && lcp < k.size() && prev[lcp] == k[lcp]) ++lcp;
        close_to(lcp);
        prev = k;
        level.resize(k.size() + 1);
        // The key's own entries: every place it names, ranked, best kCompletionCount kept.
        std::uint32_t id = trie_id[i];
        own.clear();
        for (std::uint32_t j = post_offsets[id]; j < post_offsets[id + 1]; ++j) {
            std::uint32_t place = postings[j] >> 3;
            auto kind = static_cast<MatchKind>(postings[j] & 7u);
            own.push_back({completion_rank(kind, recs[place].importance, k.size()), place, id, kind});
        }
        std::size_t keep = std::min<std::size_t>(own.size(), kCompletionCount);
        std::partial_sort(own.begin(), own.begin() + static_cast<std::ptrdiff_t>(keep), own.end());
        own.resize(keep);
        Level& lv = level[k.size()];
        lv.keys += 1;
        merge_top(lv.top, own, tmp);
    }
    close_to(0);
    std::sort(out.prefixes.begin(), out.prefixes.end(),
              [](const CompletionRec& a, const CompletionRec& b) { return a.hash < b.hash; });
    return out;
}

}  // namespace

BuildReport IndexBuilder::write(const std::string& out_path) {
    using namespace detail;
    auto& st = *m_state;
    auto& places = st.places;

    // 1. Countries: one place "country:XX" each. A GeoNames PCL* row for the same country gives
    //    its coordinates and names and is then dropped, so a country is never listed twice.
    std::map<std::string, std::size_t> country_row;
    for (std::size_t i = 0; i < places.size(); ++i)
        if (places[i].source == Source::GeoNames && places[i].feature_class == 'A' &&
            is_country_code(places[i].feature_code) && !places[i].country.empty() &&
            !country_row.count(places[i].country))
            country_row[places[i].country] = i;
    for (auto& [iso2, c] : st.countries) {
        Draft d;
        d.id = "country:" + iso2;
        d.name = c.name.empty() ? iso2 : c.name;
        d.ascii_name = d.name;
        d.lat = c.lat;
        d.lon = c.lon;
        d.feature_class = 'A';
        d.feature_code = "PCLI";
        d.country = iso2;
        d.population = c.population;
        d.source = Source::Country;
        d.alts = c.names;
        d.alts.push_back({iso2, "", MatchKind::Abbreviation});
        if (auto it = country_row.find(iso2); it != country_row.end()) {
            Draft& g = places[it->second];
            // world-countries' point is the one rule for every country (README "Where areas
            // sit on the map"); a GeoNames country row places only a country it lacks.
            if (std::isnan(d.lat) || std::isnan(d.lon)) {
                d.lat = g.lat;
                d.lon = g.lon;
            }
            d.feature_code = g.feature_code;
            if (g.population) d.population = g.population;
            d.alts.push_back({g.name, "", MatchKind::AltName});
            for (auto& a : g.alts) d.alts.push_back(a);
            g.dropped = true;
        }
        if (std::isnan(d.lat) || std::isnan(d.lon)) continue;  // no coordinates from any source
        places.push_back(std::move(d));
    }

    // 1b. Areas made of countries (continents, "Middle East", "Baltic states"): the mean of the
    //     member countries' world-countries points as unit vectors, each weighted by the
    //     country's area, so a region sits where most of its land is, the same rule for all of
    //     them, and the antimeridian (Oceania) needs no special case.
    for (auto& p : places) {
        if (p.source != Source::Curated || p.dropped) continue;
        auto rm = st.region_members.find(p.id.substr(p.id.find(':') + 1));
        if (rm == st.region_members.end()) continue;
        double x = 0, y = 0, z = 0;
        std::string missing;
        for (const auto& iso2 : rm->second.members) {
            auto c = st.countries.find(iso2);
            if (c == st.countries.end() || std::isnan(c->second.lat) || std::isnan(c->second.area_km2)) {
                missing += (missing.empty() ? "" : " ") + iso2;
                continue;
            }
            const double phi = c->second.lat * M_PI / 180, lam = c->second.lon * M_PI / 180, w = c->second.area_km2;
            x += w * std::cos(phi) * std::cos(lam);
            y += w * std::cos(phi) * std::sin(lam);
            z += w * std::sin(phi);
        }
        if (!missing.empty())
            st.warn(rm->second.file, rm->second.line, "members without a world-countries point or area: " + missing);
        const double norm = std::sqrt(x * x + y * y + z * z);
        if (norm < 1e-9) continue;
        p.lat = std::asin(z / norm) * 180 / M_PI;
        p.lon = std::atan2(y, x) * 180 / M_PI;
    }
    for (auto& p : places) {
        if (p.source == Source::Curated && !p.dropped && (std::isnan(p.lat) || std::isnan(p.lon))) {
            if (st.options.on_warning) st.options.on_warning(p.id + ": no coordinates and no computable member countries: skipped");
            ++st.skipped;
            p.dropped = true;
        }
    }

    // 2. First-level divisions: a GeoNames ADM1 row when the dump has one, else the centre of the
    //    dump's places in that division (nearer the usual reference point than its seat).
    //    A division without a population of its own gets the sum of its populated places', so
    //    that California outranks the towns named after it.
    std::map<std::string, CentreAccumulator> centres;
    std::map<std::string, std::uint64_t> populations;
    std::map<std::string, std::size_t> adm1_row;
    for (std::size_t i = 0; i < places.size(); ++i) {
        const auto& p = places[i];
        if (p.source != Source::GeoNames || p.dropped || p.country.empty() || p.admin1_code.empty() || p.admin1_code == "00") continue;
        std::string code = p.country + "." + p.admin1_code;
        if (p.feature_code == "ADM1") {
            adm1_row.emplace(code, i);
        } else {
            centres[code].add(p.lat, p.lon);
            if (p.feature_class == 'P') populations[code] += p.population;
        }
    }
    std::set<std::string> admin_codes;
    for (auto& [k, v] : centres) admin_codes.insert(k);
    for (auto& [k, v] : adm1_row) admin_codes.insert(k);
    for (const auto& code : admin_codes) {
        auto nm = st.admin1_names.find(code);
        auto row = adm1_row.find(code);
        if (nm == st.admin1_names.end() && row == adm1_row.end()) continue;
        Draft d;
        d.id = "admin1:" + code;
        d.country = code.substr(0, 2);
        d.admin1_code = code.substr(3);
        d.feature_class = 'A';
        d.feature_code = "ADM1";
        d.source = Source::Admin1;
        if (row != adm1_row.end()) {
            Draft& g = places[row->second];
            d.name = g.name;
            d.ascii_name = g.ascii_name;
            d.lat = g.lat;
            d.lon = g.lon;
            d.population = g.population;
            d.alts = g.alts;
            g.dropped = true;
        } else {
            auto [lat, lon] = centres[code].centre();
            d.lat = lat;
            d.lon = lon;
        }
        if (nm != st.admin1_names.end()) {
            if (d.name.empty()) d.name = nm->second.first;
            else if (d.name != nm->second.first) d.alts.push_back({nm->second.first, "", MatchKind::AltName});
            if (!nm->second.second.empty()) d.ascii_name = nm->second.second;
        }
        if (d.ascii_name.empty()) d.ascii_name = d.name;
        if (d.population == 0) d.population = populations[code];
        places.push_back(std::move(d));
    }

    // 3. Aliases from the curated aliases file.
    std::unordered_map<std::string, std::size_t> by_id;
    for (std::size_t i = 0; i < places.size(); ++i)
        if (!places[i].dropped) by_id.emplace(places[i].id, i);
    for (auto& [pid, names] : st.aliases) {
        auto it = by_id.find(pid);
        if (it == by_id.end()) {
            if (st.options.on_warning) st.options.on_warning("alias for unknown place id '" + pid + "': skipped");
            continue;
        }
        for (auto& n : names) places[it->second].alts.push_back(n);
    }

    // 4. Compact: drop merged rows, then lay out records and strings.
    std::vector<Draft> kept;
    kept.reserve(places.size());
    for (auto& p : places)
        if (!p.dropped) kept.push_back(std::move(p));
    places.swap(kept);
    kept.clear();
    if (places.size() >= (1u << 29)) throw Error("too many places for index format 1 (max 2^29)");

    st.progress("normalising names", 0, places.size());
    StringPool pool;
    std::vector<PlaceRec> recs(places.size());
    std::vector<AltRec> alt_recs;
    std::vector<std::uint32_t> id_order(places.size());
    for (std::size_t i = 0; i < places.size(); ++i) {
        auto& p = places[i];
        // Duplicate alternate names (same text and language) are dropped.
        std::set<std::pair<std::string, std::string>> seen;
        std::vector<DraftName> alts;
        for (auto& a : p.alts)
            if (!a.name.empty() && a.name != p.name && seen.insert({a.name, a.lang}).second) alts.push_back(a);
        p.alts.swap(alts);
        auto& r = recs[i];
        r.id = pool.add(p.id);
        r.name = pool.add(p.name);
        r.ascii_name = pool.add(p.ascii_name);
        r.feature_code = pool.add(p.feature_code);
        r.admin1_code = pool.add(p.admin1_code);
        if (!p.country.empty() && !p.admin1_code.empty()) {
            auto nm = st.admin1_names.find(p.country + "." + p.admin1_code);
            if (nm != st.admin1_names.end()) r.admin1_name = pool.add(nm->second.first);
        }
        r.lat_e7 = static_cast<std::int32_t>(std::lround(p.lat * 1e7));
        r.lon_e7 = static_cast<std::int32_t>(std::lround(p.lon * 1e7));
        r.population = p.population;
        r.alt_begin = static_cast<std::uint32_t>(alt_recs.size());
        r.alt_count = static_cast<std::uint32_t>(p.alts.size());
        for (auto& a : p.alts) alt_recs.push_back({pool.add(a.name), pool.add(a.lang)});
        r.importance = place_importance(p.feature_class, p.feature_code, p.population);
        if (p.country.size() == 2) {
            r.country[0] = p.country[0];
            r.country[1] = p.country[1];
        }
        r.feature_class = p.feature_class;
        r.source = static_cast<std::uint8_t>(p.source);
        id_order[i] = static_cast<std::uint32_t>(i);
    }
    std::sort(id_order.begin(), id_order.end(), [&](std::uint32_t a, std::uint32_t b) { return places[a].id < places[b].id; });

    // 5. Keys: every name normalised (in parallel: ICU transliteration dominates the build).
    struct NameRef {
        std::uint32_t place;
        MatchKind kind;
        const std::string* text;
    };
    std::vector<NameRef> names;
    for (std::size_t i = 0; i < places.size(); ++i) {
        auto pi = static_cast<std::uint32_t>(i);
        names.push_back({pi, MatchKind::Name, &places[i].name});
        if (!places[i].ascii_name.empty() && places[i].ascii_name != places[i].name)
            names.push_back({pi, MatchKind::AsciiName, &places[i].ascii_name});
        for (auto& a : places[i].alts) names.push_back({pi, a.kind, &a.name});
    }
    std::vector<std::string> keys_of(names.size());
    unsigned nthreads = st.options.threads ? st.options.threads : std::max(1u, std::thread::hardware_concurrency());
    std::atomic<std::size_t> next{0}, done{0};
    auto worker = [&] {
        for (;;) {
            std::size_t b = next.fetch_add(4096);
            if (b >= names.size()) return;
            std::size_t e = std::min(names.size(), b + 4096);
            for (std::size_t k = b; k < e; ++k) keys_of[k] = normalize_key(*names[k].text);
            done += e - b;
        }
    };
    std::vector<std::thread> pool_threads;
    for (unsigned t = 1; t < nthreads; ++t) pool_threads.emplace_back(worker);
    worker();
    for (auto& t : pool_threads) t.join();
    st.progress("normalising names", names.size(), names.size());

    // Distinct keys, then (key, place, kind) entries keeping the best kind per (key, place).
    std::unordered_map<std::string_view, std::uint32_t> key_ids;
    std::vector<std::string_view> key_strings;
    std::vector<KeyEntry> entries;
    entries.reserve(names.size());
    for (std::size_t k = 0; k < names.size(); ++k) {
        const std::string& key = keys_of[k];
        if (key.empty() || key.size() > 200) continue;
        auto [it, inserted] = key_ids.emplace(key, static_cast<std::uint32_t>(key_strings.size()));
        if (inserted) key_strings.push_back(key);
        entries.push_back({it->second, names[k].place, names[k].kind});
    }
    std::sort(entries.begin(), entries.end(), [&](const KeyEntry& a, const KeyEntry& b) {
        if (a.key != b.key) return a.key < b.key;
        if (a.place != b.place) return a.place < b.place;
        return a.kind < b.kind;
    });
    entries.erase(std::unique(entries.begin(), entries.end(),
                              [](const KeyEntry& a, const KeyEntry& b) { return a.key == b.key && a.place == b.place; }),
                  entries.end());

    st.progress("building key trie", 0, key_strings.size());
    marisa::Keyset keyset;
    for (auto k : key_strings) keyset.push_back(k.data(), k.size());
    marisa::Trie trie;
    trie.build(keyset, static_cast<int>(MARISA_DEFAULT_NUM_TRIES) | static_cast<int>(MARISA_BINARY_TAIL) |
                           static_cast<int>(MARISA_LABEL_ORDER));
    std::vector<std::uint32_t> trie_id(key_strings.size());
    for (std::size_t i = 0; i < keyset.size(); ++i) trie_id[i] = static_cast<std::uint32_t>(keyset[i].id());

    // Postings grouped by trie id, each list in importance order.
    std::vector<std::uint32_t> counts(trie.num_keys() + 1, 0);
    for (auto& e : entries) ++counts[trie_id[e.key] + 1];
    for (std::size_t i = 1; i < counts.size(); ++i) counts[i] += counts[i - 1];
    std::vector<std::uint32_t> post_offsets = counts;
    std::vector<std::uint32_t> postings(entries.size());
    {
        std::vector<std::uint32_t> fill(counts.begin(), counts.end() - 1);
        for (auto& e : entries)
            postings[fill[trie_id[e.key]]++] = (e.place << 3) | static_cast<std::uint32_t>(e.kind);
    }
    for (std::size_t k = 0; k + 1 < post_offsets.size(); ++k) {
        std::sort(postings.begin() + post_offsets[k], postings.begin() + post_offsets[k + 1], [&](std::uint32_t a, std::uint32_t b) {
            float ia = recs[a >> 3].importance, ib = recs[b >> 3].importance;
            if (ia != ib) return ia > ib;
            return a < b;
        });
    }

    // Key lengths by trie id, so that typo matching can rule keys out without restoring them.
    std::vector<std::uint8_t> key_lengths(trie.num_keys(), 0);
    for (std::size_t i = 0; i < key_strings.size(); ++i)
        key_lengths[trie_id[i]] = static_cast<std::uint8_t>(std::min<std::size_t>(255, key_strings[i].size()));

    // Fuzzy: each key (cut to kFuzzySpan bytes) and its single deletions, hashed, sorted by hash,
    // with a directory by the hash's top bits so that a probe costs two memory reads.
    st.progress("building typo index", 0, key_strings.size());
    std::vector<FuzzyRec> fuzzy;
    {
        std::size_t n = 0;
        for (auto k : key_strings)
            if (k.size() >= kFuzzyMinKeyLength) n += std::min<std::size_t>(k.size(), kFuzzySpan) + 1;
        fuzzy.reserve(n);
        std::string v;
        for (std::size_t i = 0; i < key_strings.size(); ++i) {
            std::string_view k = key_strings[i];
            if (k.size() < kFuzzyMinKeyLength) continue;
            std::string_view span = k.substr(0, kFuzzySpan);
            std::uint32_t id = trie_id[i];
            fuzzy.push_back({fuzzy_hash(span), id});
            for (std::size_t d = 0; d < span.size(); ++d) {
                if (d > 0 && span[d] == span[d - 1]) continue;  // same variant as deleting d - 1
                v.assign(span.substr(0, d));
                v.append(span.substr(d + 1));
                fuzzy.push_back({fuzzy_hash(v), id});
            }
        }
    }
    std::sort(fuzzy.begin(), fuzzy.end(), [](const FuzzyRec& a, const FuzzyRec& b) {
        return a.hash != b.hash ? a.hash < b.hash : a.key_id < b.key_id;
    });
    fuzzy.erase(std::unique(fuzzy.begin(), fuzzy.end(), [](const FuzzyRec& a, const FuzzyRec& b) {
                    return a.hash == b.hash && a.key_id == b.key_id;
                }),
                fuzzy.end());
    std::vector<std::uint32_t> fuzzy_dir = fuzzy_directory(fuzzy);

    // Completions of prefixes shared by many keys (see build_completions).
    st.progress("building completions", 0, key_strings.size());
    auto completions = build_completions(key_strings, trie_id, post_offsets, postings, recs);
    // Spatial grid.
    std::vector<std::uint32_t> grid_cells(kGridCells + 1, 0);
    std::vector<std::uint32_t> cell_of(places.size());
    for (std::size_t i = 0; i < places.size(); ++i) {
        cell_of[i] = grid_cell(places[i].lat, places[i].lon);
        ++grid_cells[cell_of[i] + 1];
    }
    for (std::size_t i = 1; i < grid_cells.size(); ++i) grid_cells[i] += grid_cells[i - 1];
    std::vector<std::uint32_t> grid_places(places.size());
    {
        std::vector<std::uint32_t> fill(grid_cells.begin(), grid_cells.end() - 1);
        for (std::size_t i = 0; i < places.size(); ++i) grid_places[fill[cell_of[i]]++] = static_cast<std::uint32_t>(i);
    }

    // Boundaries.
    std::string boundaries;
    {
        auto put32 = [&](std::uint32_t v) { boundaries.append(reinterpret_cast<const char*>(&v), 4); };
        put32(static_cast<std::uint32_t>(st.boundaries.size()));
        for (auto& b : st.boundaries) {
            boundaries.append(b.iso2.data(), 2);
            boundaries.append(2, '\0');
            put32(static_cast<std::uint32_t>(b.wkb.size()));
            boundaries.append(reinterpret_cast<const char*>(b.wkb.data()), b.wkb.size());
            boundaries.append((4 - b.wkb.size() % 4) % 4, '\0');
        }
    }

    // Meta.
    nlohmann::json meta;
    meta["engine_version"] = std::string(version());
    meta["format_version"] = index_format_version;
    meta["built_at"] = now_utc();
    meta["places"] = places.size();
    meta["names"] = names.size();
    meta["keys"] = key_strings.size();
    meta["completion_prefixes"] = completions.prefixes.size();
    meta["skipped_rows"] = st.skipped;
    meta["sources"] = nlohmann::json::array();
    for (auto& s : st.sources)
        meta["sources"].push_back({{"name", s.name}, {"version", s.version}, {"sha256", s.sha256},
                                   {"license", s.license}, {"role", s.role}, {"records", s.records}});
    std::string meta_text = meta.dump();

    std::ostringstream trie_bytes;
    trie_bytes << trie;
    std::string trie_str = trie_bytes.str();

    // 6. Write: header, sections (8-aligned), table; temp file then rename.
    st.progress("writing", 0, 1);
    namespace fs = std::filesystem;
    fs::path out(out_path);
    if (out.has_parent_path()) {
        std::error_code ec;
        fs::create_directories(out.parent_path(), ec);
    }
    TempOutput tmp_guard(temp_path_for(out_path), TempOutput::Kind::File);
    const std::string tmp = tmp_guard.path();
    {
        std::FILE* fp = std::fopen(tmp.c_str(), "wb");
        if (!fp) throw IoError(out_path + ": cannot write (" + std::strerror(errno) + ")");
        std::uint64_t pos = 0;
        bool ok = true;
        auto put = [&](const void* p, std::size_t n) {
            if (n && std::fwrite(p, 1, n, fp) != n) ok = false;
            pos += n;
        };
        auto pad8 = [&] {
            static const char zeros[8] = {};
            put(zeros, (8 - pos % 8) % 8);
        };
        Header h{};
        std::memcpy(h.magic, kMagic, sizeof kMagic);
        h.format_version = index_format_version;
        h.endian_mark = kEndianMark;
        put(&h, sizeof h);
        std::vector<SectionEntry> table;
        auto section = [&](SectionId id, const void* p, std::size_t n) {
            pad8();
            SectionEntry e{};
            e.id = static_cast<std::uint32_t>(id);
            e.offset = pos;
            e.size = n;
            e.checksum = XXH3_64bits(p, n);
            put(p, n);
            table.push_back(e);
        };
        section(SectionId::Meta, meta_text.data(), meta_text.size());
        section(SectionId::Places, recs.data(), recs.size() * sizeof(PlaceRec));
        section(SectionId::AltNames, alt_recs.data(), alt_recs.size() * sizeof(AltRec));
        section(SectionId::Strings, pool.bytes.data(), pool.bytes.size());
        section(SectionId::Keys, trie_str.data(), trie_str.size());
        section(SectionId::PostingOffsets, post_offsets.data(), post_offsets.size() * 4);
        section(SectionId::Postings, postings.data(), postings.size() * 4);
        section(SectionId::Fuzzy, fuzzy.data(), fuzzy.size() * sizeof(FuzzyRec));
        section(SectionId::GridCells, grid_cells.data(), grid_cells.size() * 4);
        section(SectionId::GridPlaces, grid_places.data(), grid_places.size() * 4);
        section(SectionId::IdOrder, id_order.data(), id_order.size() * 4);
        section(SectionId::Boundaries, boundaries.data(), boundaries.size());
        section(SectionId::KeyLengths, key_lengths.data(), key_lengths.size());
        section(SectionId::FuzzyDirectory, fuzzy_dir.data(), fuzzy_dir.size() * 4);
        section(SectionId::Completions, completions.prefixes.data(), completions.prefixes.size() * sizeof(CompletionRec));
        section(SectionId::CompletionEntries, completions.entries.data(), completions.entries.size() * sizeof(CompletionEntry));
        pad8();
        h.section_count = static_cast<std::uint32_t>(table.size());
        h.table_offset = pos;
        put(table.data(), table.size() * sizeof(SectionEntry));
        h.file_size = pos;
        h.header_checksum = header_checksum(h, table);
        if (std::fseek(fp, 0, SEEK_SET) != 0) ok = false;
        if (ok && std::fwrite(&h, 1, sizeof h, fp) != sizeof h) ok = false;
        if (std::fflush(fp) != 0) ok = false;
        if (std::fclose(fp) != 0) ok = false;
        if (!ok) {
            std::remove(tmp.c_str());
            throw IoError(out_path + ": write failed (" + std::strerror(errno) + ")");
        }
    }
    std::error_code ec;
    fs::rename(tmp, out, ec);
    if (ec) {
        std::remove(tmp.c_str());
        throw IoError(out_path + ": cannot move the new index into place (" + ec.message() + ")");
    }
    tmp_guard.release();
    st.progress("writing", 1, 1);

    BuildReport rep;
    rep.places = places.size();
    rep.names = names.size();
    rep.keys = key_strings.size();
    rep.skipped_rows = st.skipped;
    rep.file_size = fs::file_size(out);
    rep.sources = st.sources;
    return rep;
}

}  // namespace gazetteer
