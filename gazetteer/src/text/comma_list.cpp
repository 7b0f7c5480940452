// Trimming and comma-separated lists: the one reading of option values such as --modes, --dates
// and "Name@CC" stop names, shared by the engine and the command-line tool (text.hpp).

#include <gazetteer/text.hpp>

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

}  // namespace gazetteer
