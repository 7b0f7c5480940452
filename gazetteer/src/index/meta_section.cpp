// Look-up structures: the Meta section, JSON with versions, build time, counts and sources.

#include "index/build_stages.hpp"

#include <gazetteer/version.hpp>

#include <nlohmann/json.hpp>

#include <ctime>

namespace gazetteer::detail {

namespace {

std::string now_utc() {
    std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

}  // namespace

std::string meta_section(const Drafts& st, std::size_t names, std::size_t keys, std::size_t completion_prefixes) {
    nlohmann::json meta;
    meta["engine_version"] = std::string(version());
    meta["format_version"] = index_format_version;
    meta["built_at"] = now_utc();
    meta["places"] = st.places.size();
    meta["names"] = names;
    meta["keys"] = keys;
    meta["completion_prefixes"] = completion_prefixes;
    meta["skipped_rows"] = st.skipped;
    meta["sources"] = nlohmann::json::array();
    for (auto& s : st.sources)
        meta["sources"].push_back({{"name", s.name}, {"version", s.version}, {"sha256", s.sha256},
                                   {"license", s.license}, {"role", s.role}, {"records", s.records}});
    return meta.dump();
}

}  // namespace gazetteer::detail
