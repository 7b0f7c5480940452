// User corrections of a parse (geoparse.hpp apply_overrides): the QGIS panel remembers the place
// a user chose for a mention and sends it with every later parse of the article.

#include <gazetteer/error.hpp>
#include <gazetteer/geoparse.hpp>

#include "place_tally.hpp"

#include <optional>

namespace gazetteer {

void apply_overrides(const Index& index, ArticleResult& result, const ResolutionOverrides& overrides) {
    if (overrides.empty()) return;
    // Every id is looked up first, so that a bad one leaves the result as it was.
    std::map<std::string, Place> chosen;
    for (const auto& [start, id] : overrides) {
        if (id.empty() || chosen.count(id)) continue;
        const std::optional<std::uint32_t> at = index.find_id(id);
        if (!at) throw UsageError("unknown place id in overrides: " + id);
        chosen.emplace(id, index.place(*at));
    }
    bool changed = false;
    for (Mention& m : result.mentions) {
        const auto it = overrides.find(m.start);
        if (it == overrides.end()) continue;
        if (it->second.empty()) {
            m.place.reset();
        } else {
            m.place = chosen.at(it->second);
            m.confidence = 1.0;
            m.reasons.push_back("chosen by the user");
        }
        changed = true;
    }
    if (!changed) return;
    result.places.clear();
    detail::PlaceTally<std::string> tally(result.places);
    for (const Mention& m : result.mentions)
        if (m.place) tally.add(m.place->id, *m.place, m.start, m.confidence);
    tally.finish();
}

}  // namespace gazetteer
