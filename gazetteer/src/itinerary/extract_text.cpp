// extract_itinerary over raw text: geoparse, then extract. Kept apart from extract.cpp so that
// users of the ArticleResult overload (tests with hand-made mentions) do not pull in the parser.

#include <gazetteer/geoparse.hpp>
#include <gazetteer/itinerary.hpp>

namespace gazetteer {

Itinerary extract_itinerary(const Geoparser& parser, std::string_view text, const ItineraryOptions& options) {
    const ArticleResult parsed = parser.parse("", text);
    return extract_itinerary(parsed, text, options);
}

}  // namespace gazetteer
