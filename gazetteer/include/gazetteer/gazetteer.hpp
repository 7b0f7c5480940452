#pragma once
// The whole public API of the engine in one include, for programs that use more than one part
// of it. Each header below holds one concern and can be included alone; none exposes a GDAL,
// PROJ, GEOS, ICU or marisa type (those stay in gazetteer/src behind pimpls). The index's
// internals (name keys, posting lists, ranking priors) are in gazetteer/detail/, which only the
// engine, its tests and benchmarks include: the faces never do.
//
// Data flows one way: sources -> index -> look-up / geoparse -> itinerary / route -> layers.

#include <gazetteer/error.hpp>      // Error and its typed subclasses (ParseError, IndexError, ...)
#include <gazetteer/version.hpp>    // library version
#include <gazetteer/date.hpp>       // ISO 8601 dates as std::chrono::year_month_day
#include <gazetteer/place.hpp>      // Place, Source, the country rule
#include <gazetteer/distance.hpp>   // great-circle distance
#include <gazetteer/text.hpp>       // tokenisation, sentence splitting, text checks

#include <gazetteer/build.hpp>      // IndexBuilder: sources to index file
#include <gazetteer/index.hpp>      // Index: the memory-mapped index file
#include <gazetteer/lookup.hpp>     // forward, prefix and reverse look-ups with reasons

#include <gazetteer/geoparse.hpp>   // Geoparser: the places a text mentions
#include <gazetteer/itinerary.hpp>  // who travels where, in which order
#include <gazetteer/route.hpp>      // geodesic legs between stops
#include <gazetteer/bulk.hpp>       // batch geoparsing for gazetteer-bulk

#include <gazetteer/layers.hpp>          // format-neutral GIS layers and their GDAL writer
#include <gazetteer/temp_files.hpp>      // write-to-temporary-then-rename outputs
#include <gazetteer/geo_extent.hpp>      // extents across the antimeridian
#include <gazetteer/map_projection.hpp>  // the projection that suits an extent
