#pragma once
// Forward, prefix and reverse look-ups over an Index, with ranking that explains itself.

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

/// Resolves a place name. "Name, Qualifier" (e.g. "Moscow, Idaho", "Khasan, Russia") keeps the
/// candidates whose country or first-level division matches the qualifier. Returns candidates
/// best first; an empty list means no match. Throws UsageError for bad options.
std::vector<Candidate> lookup(const Index& index, std::string_view query,
                              const LookupOptions& options = {});

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

/// The prior of a place alone, in [0,1]: population and feature type (capitals, countries and
/// divisions rank above villages). Used by the builder and exposed for tests and tools.
float place_importance(char feature_class, std::string_view feature_code, std::uint64_t population);

/// Rank of a type-ahead completion before filters and distance: how well the key names the
/// place and the place's prior, less 1% for each byte of the key, since the shorter of two
/// completions is the likelier. It does not depend on how much of the key was typed, so the best
/// completions of a prefix are the best of its extensions' (the index stores them precomputed).
double completion_rank(MatchKind kind, float importance, std::size_t key_length);

/// Great-circle distance in km on a 6371 km sphere (for ranking; routes use the ellipsoid).
double haversine_km(double lat1, double lon1, double lat2, double lon2) noexcept;

}  // namespace gazetteer
