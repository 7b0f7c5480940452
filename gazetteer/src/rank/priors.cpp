// The priors the index stores with each place and with each busy prefix's completions (detail/rank.hpp).

#include "rank/match_quality.hpp"

#include <gazetteer/place.hpp>
#include <gazetteer/detail/rank.hpp>

#include <algorithm>
#include <cmath>

namespace gazetteer::detail {

float place_importance(char fclass, std::string_view fcode, std::uint64_t population) {
    // Population on a log scale: 1 person -> 0, 30 million -> 1.
    double pop = population ? std::min(1.0, std::log10(static_cast<double>(population) + 1) / 7.5) : 0.0;
    double base = 0.0, bonus = 0.0;
    if (fclass == 'A') {
        if (is_country_feature_code(fcode)) return 1.0f;
        // A division's population may lift it, but never to the level of its capital city.
        if (fcode == "ADM1") return static_cast<float>(std::clamp(std::max(0.6, 0.9 * pop), 0.0, 0.9));
        else if (fcode == "ADMD" || fcode == "ADM2" || fcode == "ZN") base = 0.4;
        else base = 0.3;
    } else if (fclass == 'P') {
        if (fcode == "PPLC") bonus = 0.35;
        else if (fcode == "PPLG") bonus = 0.25;
        else if (fcode == "PPLA") bonus = 0.2;
        else if (fcode == "PPLA2") bonus = 0.1;
        else if (fcode == "PPLX" || fcode == "PPLH") bonus = -0.1;
        base = 0.05;
    } else if (fclass == 'L') {
        if (fcode == "CONT") base = 0.95;
        else if (fcode == "RGN" || fcode == "AREA") base = 0.55;
        else base = 0.45;
    } else if (fclass == 'H') {
        if (fcode == "OCN") base = 0.85;
        else if (fcode == "SEA" || fcode == "GULF" || fcode == "STRT" || fcode == "BAY") base = 0.6;
        else if (fcode == "STM" || fcode == "LK") base = 0.5;
        else base = 0.35;
    } else if (fclass == 'T') {
        if (fcode == "MTS" || fcode == "DSRT" || fcode == "PEN" || fcode == "ISLS") base = 0.5;
        else base = 0.4;
    } else if (fclass == 'S') {
        base = 0.45;
    } else {
        base = 0.3;
    }
    return static_cast<float>(std::clamp(std::max(base, pop + bonus), 0.0, 1.0));
}

double completion_rank(MatchKind kind, float importance, std::size_t key_length) {
    return (detail::kMatchWeight * detail::match_quality(kind, 0) + detail::kImportanceWeight * importance) *
           std::pow(0.99, static_cast<double>(key_length));
}

}  // namespace gazetteer::detail
