// Rank stage: the place records, each with its ranking prior (detail/rank.hpp), their alternate names
// and strings, and the order of their stable ids.

#include "index/build_stages.hpp"

#include <gazetteer/detail/rank.hpp>
#include <gazetteer/error.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

namespace gazetteer::detail {

std::uint32_t StringPool::add(std::string_view s) {
    if (s.empty()) return 0;
    auto it = offsets.find(std::string(s));
    if (it != offsets.end()) return it->second;
    if (bytes.size() + s.size() + 1 > 0xFFFFFFFFull) throw IndexError(path, "the string pool would exceed 4 GiB");
    auto off = static_cast<std::uint32_t>(bytes.size());
    bytes.append(s);
    bytes.push_back('\0');
    offsets.emplace(std::string(s), off);
    return off;
}

PlaceRecords lay_out_places(Drafts& st, const std::string& out_path) {
    auto& places = st.places;
    // Compact: drop merged rows, then lay out records and strings.
    std::vector<Draft> kept;
    kept.reserve(places.size());
    for (auto& p : places)
        if (!p.dropped) kept.push_back(std::move(p));
    places.swap(kept);
    kept.clear();
    if (places.size() >= (1u << 29)) throw IndexError(out_path, "too many places for the index format (at most 2^29)");

    st.progress("normalising names", 0, places.size());
    PlaceRecords out;
    out.pool.path = out_path;
    auto& pool = out.pool;
    auto& recs = out.recs;
    auto& alt_recs = out.alt_recs;
    auto& id_order = out.id_order;
    recs.resize(places.size());
    id_order.resize(places.size());
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
    return out;
}

}  // namespace gazetteer::detail
