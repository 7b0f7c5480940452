#pragma once
// Point-in-country over the Natural Earth polygons stored in the index (GEOS, internal).

#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace gazetteer::detail {

class CountryLocator {
public:
    /// Parses the Boundaries section (see format.hpp) of the index at `index_path` (named in
    /// errors; "index" when empty). Throws IndexError on a truncated section or malformed WKB.
    explicit CountryLocator(std::span<const unsigned char> section, const std::string& index_path = {});
    ~CountryLocator();
    CountryLocator(const CountryLocator&) = delete;
    CountryLocator& operator=(const CountryLocator&) = delete;

    /// ISO alpha-2 of the polygon containing the point, "" when none does.
    std::string country_at(double lat, double lon) const;

    std::size_t size() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace gazetteer::detail
