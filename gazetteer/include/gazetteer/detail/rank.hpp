#pragma once
// Ranking priors shared by the index builder (which stores them) and the look-ups (which read
// them back): a layer below both, so that building an index never depends on lookup.hpp
// (engine internals: faces see the resulting scores in lookup.hpp's candidates).

#include <gazetteer/index.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gazetteer::detail {

/// The prior of a place alone, in [0,1]: population and feature type (capitals, countries and
/// divisions rank above villages). The builder stores it in each place record; exposed for
/// tests and tools.
float place_importance(char feature_class, std::string_view feature_code, std::uint64_t population);

/// Rank of a type-ahead completion before filters and distance: how well the key names the
/// place and the place's prior, less 1% for each byte of the key, since the shorter of two
/// completions is the likelier. It does not depend on how much of the key was typed, so the best
/// completions of a prefix are the best of its extensions' (the index stores them precomputed,
/// so it must not change without a rebuild).
double completion_rank(MatchKind kind, float importance, std::size_t key_length);

}  // namespace gazetteer::detail
