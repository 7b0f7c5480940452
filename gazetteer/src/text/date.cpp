// ISO 8601 calendar dates over std::chrono::year_month_day (see gazetteer/date.hpp).

#include <gazetteer/date.hpp>

#include <cstdio>

namespace gazetteer {

std::optional<std::chrono::year_month_day> make_date(int year, int month, int day) noexcept {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{unsigned(month)},
                                           std::chrono::day{unsigned(day)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view s) noexcept {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int v[3] = {0, 0, 0};
    const std::size_t starts[] = {0, 5, 8}, lengths[] = {4, 2, 2};
    for (int k = 0; k < 3; ++k) {
        for (std::size_t i = starts[k]; i < starts[k] + lengths[k]; ++i) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            v[k] = v[k] * 10 + (s[i] - '0');
        }
    }
    return make_date(v[0], v[1], v[2]);
}

bool is_iso_date(std::string_view s) noexcept { return parse_iso_date(s).has_value(); }

std::string iso_date(std::chrono::year_month_day date) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(date.year()), unsigned(date.month()),
                  unsigned(date.day()));
    return buf;
}

}  // namespace gazetteer
