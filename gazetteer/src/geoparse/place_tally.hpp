// The article's places tallied from its resolved mentions (internal header): one ArticlePlace per
// place in order of first mention, with its count and its maximum and mean confidence.
#pragma once

#include <gazetteer/geoparse.hpp>

#include <cmath>
#include <cstddef>
#include <unordered_map>
#include <vector>

namespace gazetteer::detail {

/// `Key` identifies a place (the index's place number while parsing, the place id when windows
/// are joined).
template <class Key>
class PlaceTally {
public:
    explicit PlaceTally(std::vector<ArticlePlace>& places) : m_places(places) {}

    /// Counts one mention resolved to `place`; `place` is copied on its first mention only.
    void add(const Key& key, const Place& place, std::size_t start, double confidence) {
        auto [it, fresh] = m_slot.emplace(key, m_places.size());
        if (fresh) {
            ArticlePlace ap;
            ap.place = place;
            ap.first_start = start;
            m_places.push_back(std::move(ap));
            m_sum.push_back(0);
        }
        auto& ap = m_places[it->second];
        ++ap.count;
        ap.max_confidence = std::max(ap.max_confidence, confidence);
        m_sum[it->second] += confidence;
    }

    /// Sets the mean confidences, rounded to 3 decimals as every output prints them.
    void finish() {
        for (std::size_t i = 0; i < m_places.size(); ++i)
            m_places[i].mean_confidence = std::round(m_sum[i] / static_cast<double>(m_places[i].count) * 1000) / 1000;
    }

private:
    std::vector<ArticlePlace>& m_places;
    std::unordered_map<Key, std::size_t> m_slot;
    std::vector<double> m_sum;
};

}  // namespace gazetteer::detail
