// Reading option values: trimming, comma-separated lists and decimal numbers, the one reading of
// values such as route --modes and --dates, "LAT,LON" stops, "Name@CC" names and the map's
// --extent, shared by the engine and its faces (text.hpp).

#include <gazetteer/text.hpp>

#include <charconv>
#include <cmath>

namespace gazetteer {

namespace {
// The C locale's isspace(), without its locale look-up.
constexpr bool is_space(char c) noexcept { return c == ' ' || (c >= '\t' && c <= '\r'); }
}  // namespace

std::string_view trim_space(std::string_view s) noexcept {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

std::vector<std::string> split_comma_list(std::string_view list) {
    std::vector<std::string> items;
    if (list.empty()) return items;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = list.find(',', start);
        items.emplace_back(trim_space(list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return items;
}

std::optional<double> parse_decimal(std::string_view s) {
    s = trim_space(s);
    if (s.empty()) return std::nullopt;
    const char* first = s.data();
    const char* last = s.data() + s.size();
    if (*first == '+') {
        ++first;  // from_chars refuses a leading '+', and must not then see a sign ("+-1")
        if (first == last || *first == '-') return std::nullopt;
    }
    double v = 0;
    auto [end, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || end != last || !std::isfinite(v)) return std::nullopt;
    return v;
}

}  // namespace gazetteer
