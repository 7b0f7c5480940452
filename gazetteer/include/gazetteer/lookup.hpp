#pragma once
// Forward, prefix and reverse look-ups over an Index, with ranking that explains itself.

#include <gazetteer/distance.hpp>  // haversine_km, which look-up callers have long reached from here
#include <gazetteer/index.hpp>
#include <gazetteer/place.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazetteer {

/// A geographic box in degrees; west > east means it crosses the antimeridian.
struct BBox {
    double west = -180, south = -90, east = 180, north = 90;
    bool contains(double lat, double lon) const noexcept;
};

/// Options of a look-up. Every filter is optional.
struct LookupOptions {
    std::vector<std::string> countries;   ///< ISO alpha-2 codes to keep (upper case)
    std::optional<BBox> bbox;             ///< keep places inside
    std::string feature_classes;          ///< keep these GeoNames classes, e.g. "PA"; "" = all
    std::optional<std::pair<double, double>> near;  ///< (lat, lon) bias: closer ranks higher
    double near_scale_km = 250;           ///< distance at which the near bias halves
    std::size_t limit = 10;               ///< candidates returned at most
    bool fuzzy = true;                    ///< allow typo matches when exact ones are weak
    unsigned max_edit_distance = 2;       ///< 1 or 2; used for keys of 9+ characters (1 below)
};

/// One ranked candidate: the place, its score in [0,1] and why it scored so.
struct Candidate {
    Place place;
    double score = 0;            ///< higher is better; comparable within one result list
    MatchKind match = MatchKind::Name;
    std::string matched_name;    ///< the key or name that matched
    unsigned edit_distance = 0;  ///< 0 for exact matches
    double distance_km = -1;     ///< to the `near` point when one was given, else -1
    std::vector<std::string> reasons;  ///< human-readable, e.g. "exact name", "capital"
};

/// Resolves a place name. A place whose own (primary or ASCII) name matches ranks above one that
/// matches only through an alternate name (often another language's) unless the latter is far
/// more prominent: more than a third of the importance scale above it (about 300 times the
/// population, or a capital against a town). "Name, Qualifier" (e.g. "Moscow, Idaho", "Khasan, Russia") keeps the
/// candidates whose country or first-level division matches the qualifier. Returns candidates
/// best first; an empty list means no match. Throws UsageError for bad options.
std::vector<Candidate> lookup(const Index& index, std::string_view query,
                              const LookupOptions& options = {});

/// The outcome of resolving a name that must denote one place (a route stop).
struct UniqueResolution {
    /// The chosen place first, then (when ambiguous) its rivals, best first. Empty: no match.
    std::vector<Candidate> candidates;
    bool ambiguous = false;
    /// When ambiguous: rewrites of the text that resolve to candidates[0] unambiguously, each
    /// checked by resolving it ("Name@CC", "Name, Division", "Name, Country"). May be empty: a
    /// position is then the only way to name the place.
    std::vector<std::string> fixes;
    /// The name resolved: the text trimmed, without its country hint ("Khasan" for "Khasan@RU").
    std::string name;
    /// The country hint of "Name@CC" in upper case ("RU"), or "".
    std::string country_hint;
};

/// Resolves "Name", "Name@CC" (ISO 3166-1 alpha-2 country hint) or "Name, Qualifier" to one
/// place. The text is ambiguous when a runner-up scores at least 90% of the best score and lies
/// more than 50 km from it (closer, it is the same stop for a route: a city and its district).
/// A first-level division never rivals a populated place of the same query inside it: the city
/// stands for the division ("Tokyo" the capital, not the prefecture around it), whichever scores
/// higher. Throws UsageError for a malformed country hint.
UniqueResolution resolve_unique(const Index& index, std::string_view text);

/// How a candidate matched, as every face prints it: "fuzzy" for a typo match (edit_distance
/// says how far), else match_kind_name(match): "name", "ascii_name", "alt_name", ...
const char* match_label(const Candidate& candidate) noexcept;

/// A look-up or reverse candidate as the JSON object every face gives for it (the CLI's
/// `lookup`/`search`/`reverse` output, Python's Candidate.to_dict()): place_id, name, ascii_name,
/// lat, lon, feature_class, feature_code, country, admin1_code, admin1_name, population, source,
/// importance, alt_names ([name, lang] pairs, only when loaded), then score, match
/// (match_label()), match_kind, matched_name, edit_distance, distance_km (null without a point)
/// and reasons. `indent` as nlohmann::json::dump (-1: one line).
std::string candidate_json(const Candidate& candidate, int indent = -1);

/// Type-ahead: places whose names start with `prefix`, best first: the look-up score of the
/// completed name, less 1% for each byte still missing (see completion_rank). Without a `near`
/// point the answer is exact: from the completions the index stores for busy prefixes, or by
/// walking every key of the prefix; with `near`, or filters that few of the stored completions
/// pass, the first 20,000 keys of a busy prefix are walked.
std::vector<Candidate> search_prefix(const Index& index, std::string_view prefix,
                                     const LookupOptions& options = {});

/// Result of a reverse look-up.
struct ReverseResult {
    std::string country;               ///< ISO alpha-2 of the containing country, "" if none
    std::optional<Place> country_place;
    std::vector<Candidate> nearest;    ///< distance_km filled, nearest first
};

/// Places nearest to a point (within `radius_km`), and the country that contains it.
ReverseResult reverse(const Index& index, double lat, double lon, std::size_t limit = 5,
                      double radius_km = 100, const std::string& feature_classes = {});

}  // namespace gazetteer
