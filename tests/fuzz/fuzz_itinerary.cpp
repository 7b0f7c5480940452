// libFuzzer target: the itinerary extractor through its public API (geoparse, extract, JSON,
// layers) on any byte sequence, over the small test index.

#include "fuzz_support.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/geoparse.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/itinerary.hpp>

#include <cstdint>
#include <cstdlib>
#include <memory>

namespace {
const gazetteer::Geoparser* g_parser = nullptr;
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    static auto index = std::make_unique<gazetteer::Index>(gazetteer::Index::open(gazetteer::fuzz::test_index_path()));
    static gazetteer::Geoparser parser(*index);
    g_parser = &parser;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const gazetteer::Itinerary it = gazetteer::extract_itinerary(*g_parser, text);
    for (const auto& leg : it.legs)
        if (leg.from >= it.stops.size() || leg.to >= it.stops.size()) std::abort();
    (void)gazetteer::itinerary_json(it);
    if (it.stops.size() >= 2) (void)gazetteer::itinerary_layers(it);
    return 0;
}
