#pragma once
// Field parsing shared by the source readers: splitting, trimming, numbers, codes, and whole
// JSON files (internal).

#include <gazetteer/index.hpp>
#include <gazetteer/text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace gazetteer::detail::fields {

/// The fields of `s` between separators (a trailing separator gives a last empty field).
inline std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        std::size_t p = s.find(sep, start);
        if (p == std::string_view::npos) {
            out.push_back(s.substr(start));
            return out;
        }
        out.push_back(s.substr(start, p - start));
        start = p + 1;
    }
}

inline std::string_view trim(std::string_view s) noexcept { return trim_space(s); }  // text.hpp

/// A finite number filling the whole (trimmed) field.
inline bool parse_double(std::string_view s, double& v) {
    s = trim(s);
    if (s.empty()) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size() && std::isfinite(v);
}

/// An unsigned integer filling the whole (trimmed) field.
template <class T>
bool parse_uint(std::string_view s, T& v) {
    s = trim(s);
    if (s.empty()) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size();
}

/// One of GeoNames' feature classes (GeoNames export README: A H L P R S T U V).
inline bool valid_feature_class(std::string_view c) {
    return c.size() == 1 && std::strchr("AHLPRSTUV", c[0]) != nullptr;
}

/// Empty or two upper-case letters (the shape of an ISO 3166-1 alpha-2 code).
inline bool valid_country(std::string_view c) {
    return c.empty() || (c.size() == 2 && std::isupper(static_cast<unsigned char>(c[0])) &&
                         std::isupper(static_cast<unsigned char>(c[1])));
}

// Three- or four-letter upper-case tokens in GeoNames' alternate names are mostly airport and
// station codes (VVO, KXK): kept, but as abbreviations so that text matching can distrust them.
inline MatchKind classify_alt(std::string_view n) {
    if (n.size() >= 2 && n.size() <= 4 &&
        std::all_of(n.begin(), n.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return MatchKind::Abbreviation;
    return MatchKind::AltName;
}

/// A whole JSON file; IoError when it cannot be read (the message ends with `hint`), ParseError
/// naming it when it is no JSON.
nlohmann::json read_json_file(const std::string& path, const char* hint = "");

}  // namespace gazetteer::detail::fields
