#pragma once
// How well a key names a place, and the weights that mix it with the place's prior (internal).
// Shared by completion_rank (whose ranks the index stores) and the look-up scores, so that the
// stored completions and the live ones are ranked alike.

#include <gazetteer/index.hpp>

namespace gazetteer::detail {

/// Share of a look-up score given to the name match and to the place's prior; they sum to 1.
inline constexpr double kMatchWeight = 0.55, kImportanceWeight = 0.45;

/// What a typo costs: one edit keeps 78% of a match's quality, two 62%.
inline double typo_factor(unsigned edit_distance) {
    return edit_distance == 0 ? 1.0 : edit_distance == 1 ? 0.78 : 0.62;
}

/// Quality of a match in [0,1]: primary and ASCII names 1, alternate names 0.92, abbreviations
/// 0.8, demonyms 0.6, times typo_factor.
inline double match_quality(MatchKind kind, unsigned edit_distance) {
    double q = 1.0;
    switch (kind) {
        case MatchKind::Name:
        case MatchKind::AsciiName: q = 1.0; break;
        case MatchKind::AltName: q = 0.92; break;
        case MatchKind::Abbreviation: q = 0.8; break;
        case MatchKind::Demonym: q = 0.6; break;
    }
    return q * typo_factor(edit_distance);
}

}  // namespace gazetteer::detail
