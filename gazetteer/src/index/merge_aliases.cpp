// Merge stage: the curated aliases (aliases.csv) added to the places they name, whatever their
// source.

#include "index/build_stages.hpp"

#include <unordered_map>

namespace gazetteer::detail {

void attach_aliases(Drafts& st) {
    auto& places = st.places;
    // Aliases from the curated aliases file.
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
}

}  // namespace gazetteer::detail
