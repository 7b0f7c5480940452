#pragma once
// A place as the engine hands it out: a small value copied out of the memory-mapped index.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gazetteer {

/// Where a place came from.
enum class Source : std::uint8_t {
    GeoNames = 0,   ///< a GeoNames dump row (id "geonames:<geonameid>")
    Curated = 1,    ///< the project's own data/curated/places.csv (id "curated:<slug>")
    Country = 2,    ///< world-countries (id "country:<ISO 3166-1 alpha-2>")
    Admin1 = 3,     ///< first-level division (id "admin1:<CC>.<code>")
};

/// Short lowercase name of a source ("geonames", "curated", "country", "admin1").
const char* source_name(Source s) noexcept;

/// One alternate name with its ISO 639 language code when the source gives one ("" otherwise).
/// Language "demonym" marks a demonym ("North Korean"), "abbr" an abbreviation or code ("DPRK").
struct AltName {
    std::string name;
    std::string lang;
};

/// A place in the gazetteer. Coordinates are WGS84 degrees (EPSG:4326, lat/lon order here).
struct Place {
    std::uint32_t index = 0;      ///< position in the index (valid only for the index it came from)
    std::string id;               ///< stable id: "geonames:2013348", "curated:vostochny-cosmodrome", ...
    std::string name;             ///< primary name as the source writes it
    std::string ascii_name;       ///< ASCII form of the name
    double lat = 0;               ///< latitude, degrees
    double lon = 0;               ///< longitude, degrees
    char feature_class = 0;       ///< GeoNames feature class (A, H, L, P, R, S, T, U, V)
    std::string feature_code;     ///< GeoNames feature code (PPLC, ADM1, PCLI, SEA, ...)
    std::string country;          ///< ISO 3166-1 alpha-2 code, "" when none
    std::string admin1_code;      ///< GeoNames first-level division code ("59"), "" when none
    std::string admin1_name;      ///< its name ("Primorskiy Krai"), "" when unknown
    std::uint64_t population = 0; ///< 0 when unknown
    Source source = Source::GeoNames;
    float importance = 0;         ///< prior in [0,1] from population and feature type
    std::vector<AltName> alt_names;  ///< filled only when asked for (see Index::place)
};

/// True when a GeoNames feature code (class A) names a country: the engine's one rule for "is
/// this a country", used by ranking priors and reasons, qualifiers ("Georgia, USA"), the
/// geoparser's country level and the itinerary's stops. The rule is the GeoNames "political
/// entity" family, every code starting "PCL" (PCLI independent, PCLD dependent, PCLF freely
/// associated, PCLS semi-independent, PCLIX section of one, PCLH historical, PCL unspecified),
/// and TERR (territory: GeoNames codes some dependencies so, and readers treat them as countries).
/// Country records (Source::Country) are PCLI, so they are countries by this rule as well.
inline bool is_country_feature_code(std::string_view feature_code) noexcept {
    return feature_code.substr(0, 3) == "PCL" || feature_code == "TERR";
}

/// is_country_feature_code() less PCLH (historical political entity): a country that exists
/// today. The index builder merges a GeoNames row into the country record ("country:XX") only
/// when it passes this rule, so that a former state filed under a present-day country code never
/// lends its coordinates and names to that country: it stays a place of its own (and a country
/// by is_country_feature_code(), so it still ranks and qualifies as one).
inline bool is_current_country_feature_code(std::string_view feature_code) noexcept {
    return is_country_feature_code(feature_code) && feature_code != "PCLH";
}

/// is_country_feature_code() of the place's feature code.
inline bool is_country(const Place& place) noexcept { return is_country_feature_code(place.feature_code); }

}  // namespace gazetteer
