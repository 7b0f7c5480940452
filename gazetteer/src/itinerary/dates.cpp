// Calendar arithmetic and date expressions of news text: "Tuesday, Sept. 12, 2023",
// "12 September 2023", "2023-09-12", "Sept. 12", "on Wednesday", "Wednesday's summit",
// "the next day", "two days later", "yesterday". Resolution against anchors happens in
// extract.cpp, which knows the article date and the events.

#include "itinerary/itinerary_detail.hpp"

#include <gazetteer/itinerary.hpp>

#include <cstdio>

namespace gazetteer::detail {

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil / civil_from_days).
long days_from_civil(int y, int m, int d) noexcept {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = static_cast<long>(y) - era * 400;
    const long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(long z, int& y, int& m, int& d) noexcept {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

int weekday_of(long days) noexcept {
    // 1970-01-01 was a Thursday (4).
    return static_cast<int>(((days % 7) + 11) % 7);
}

namespace {

bool valid_civil(int y, int m, int d) noexcept {
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
    static constexpr int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= len[m - 1] + (m == 2 && leap ? 1 : 0);
}

}  // namespace

std::optional<long> parse_iso_day(std::string_view s) noexcept {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int v[3] = {0, 0, 0};
    const std::size_t starts[] = {0, 5, 8}, lens[] = {4, 2, 2};
    for (int k = 0; k < 3; ++k) {
        for (std::size_t i = starts[k]; i < starts[k] + lens[k]; ++i) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            v[k] = v[k] * 10 + (s[i] - '0');
        }
    }
    if (!valid_civil(v[0], v[1], v[2])) return std::nullopt;
    return days_from_civil(v[0], v[1], v[2]);
}

std::string iso_of_day(long days) {
    int y = 0, m = 0, d = 0;
    civil_from_days(days, y, m, d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

namespace {

// Small cardinal numbers as words ("two days later").
int number_word(std::string_view w) {
    static constexpr std::string_view words[] = {"zero", "one", "two", "three", "four", "five", "six", "seven"};
    for (int i = 0; i < 8; ++i) if (w == words[i]) return i;
    if (w == "a" || w == "an") return 1;
    return -1;
}

// Non-negative integer of an all-digit word, optionally with an ordinal suffix ("12th").
int number_of(std::string_view w) {
    if (w.size() > 2) {
        const std::string_view suf = w.substr(w.size() - 2);
        if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") w.remove_suffix(2);
    }
    if (w.empty() || w.size() > 4) return -1;
    int v = 0;
    for (char c : w) {
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

}  // namespace

std::vector<DateExpr> find_date_exprs(std::string_view text, const TokenizedText& tt) {
    std::vector<DateExpr> out;
    const auto& toks = tt.tokens;
    const std::size_t n = toks.size();
    std::vector<std::string> w(n);
    for (std::size_t i = 0; i < n; ++i) w[i] = lower_word(text, toks[i]);
    auto punct = [&](std::size_t i, char c) { return i < n && toks[i].is(TokPunct) && w[i].size() == 1 && w[i][0] == c; };
    auto word = [&](std::size_t i) { return i < n && toks[i].is(TokWord); };

    // Month Day[,] [Year] starting at token i: returns the token after it, or 0.
    auto month_day = [&](std::size_t i, DateExpr& e) -> std::size_t {
        if (!word(i) || !toks[i].is(TokCapitalised)) return 0;
        const int month = month_index(w[i]);
        if (!month) return 0;
        std::size_t j = i + 1;
        if (punct(j, '.')) ++j;
        if (!word(j)) return 0;
        const int day = number_of(w[j]);
        if (day < 1 || day > 31) return 0;
        ++j;
        e.month = month;
        e.day = day;
        e.kind = DateExpr::Kind::MonthDay;
        std::size_t k = j;
        if (punct(k, ',')) ++k;
        if (word(k) && w[k].size() == 4) {
            const int year = number_of(w[k]);
            if (year >= 1000 && valid_civil(year, month, day)) {
                e.kind = DateExpr::Kind::Absolute;
                e.days = days_from_civil(year, month, day);
                return k + 1;
            }
        }
        return j;
    };

    for (std::size_t i = 0; i < n; ++i) {
        if (!toks[i].is(TokWord)) continue;
        DateExpr e;
        e.first = i;
        // ISO 8601: "2023" "-" "09" "-" "12".
        if (w[i].size() == 4 && punct(i + 1, '-') && word(i + 2) && w[i + 2].size() == 2 && punct(i + 3, '-') &&
            word(i + 4) && w[i + 4].size() == 2) {
            const std::string iso = w[i] + "-" + w[i + 2] + "-" + w[i + 4];
            if (auto d = parse_iso_day(iso)) {
                e.kind = DateExpr::Kind::Absolute;
                e.days = d;
                e.last = i + 5;
                out.push_back(e);
                i = e.last - 1;
                continue;
            }
        }
        // Weekday[, or .] [Month Day[, Year]]
        const int wd = toks[i].is(TokCapitalised) ? weekday_index(w[i]) : -1;
        if (wd >= 0) {
            e.weekday = wd;
            std::size_t j = i + 1;
            if (punct(j, ',') || punct(j, '.')) ++j;
            DateExpr md;
            if (std::size_t end = month_day(j, md)) {
                md.first = i;
                md.last = end;
                md.weekday = wd;
                out.push_back(md);
                i = end - 1;
                continue;
            }
            e.kind = DateExpr::Kind::Weekday;
            e.last = i + 1;
            out.push_back(e);
            continue;
        }
        if (std::size_t end = month_day(i, e)) {
            e.last = end;
            out.push_back(e);
            i = end - 1;
            continue;
        }
        // Day Month [Year]: "12 September 2023".
        {
            const int day = number_of(w[i]);
            if (day >= 1 && day <= 31 && word(i + 1) && toks[i + 1].is(TokCapitalised)) {
                const int month = month_index(w[i + 1]);
                if (month) {
                    e.month = month;
                    e.day = day;
                    e.kind = DateExpr::Kind::MonthDay;
                    e.last = i + 2;
                    if (word(i + 2) && w[i + 2].size() == 4) {
                        const int year = number_of(w[i + 2]);
                        if (year >= 1000 && valid_civil(year, month, day)) {
                            e.kind = DateExpr::Kind::Absolute;
                            e.days = days_from_civil(year, month, day);
                            e.last = i + 3;
                        }
                    }
                    out.push_back(e);
                    i = e.last - 1;
                    continue;
                }
            }
        }
        // Days relative to the article: today, yesterday, tomorrow.
        if (w[i] == "today" || w[i] == "yesterday" || w[i] == "tomorrow" || w[i] == "tonight") {
            e.kind = DateExpr::Kind::ArticleDay;
            e.offset = w[i] == "yesterday" ? -1 : w[i] == "tomorrow" ? 1 : 0;
            e.last = i + 1;
            out.push_back(e);
            continue;
        }
        // Days relative to the previous event: "the next day", "the following day",
        // "a day later", "two days later", "the day after".
        if ((w[i] == "next" || w[i] == "following") && word(i + 1) && (w[i + 1] == "day" || w[i + 1] == "morning")) {
            e.kind = DateExpr::Kind::NextDay;
            e.offset = 1;
            e.last = i + 2;
            out.push_back(e);
            i = e.last - 1;
            continue;
        }
        // "that night", "that evening": the day of the previous event.
        if (w[i] == "that" && word(i + 1) &&
            (w[i + 1] == "night" || w[i + 1] == "evening" || w[i + 1] == "afternoon" || w[i + 1] == "morning" || w[i + 1] == "day")) {
            e.kind = DateExpr::Kind::NextDay;
            e.offset = 0;
            e.last = i + 2;
            out.push_back(e);
            i = e.last - 1;
            continue;
        }
        {
            int count = number_word(w[i]);
            if (count < 0) count = number_of(w[i]);
            if (w[i] == "a") count = 1;  // "a day later", "a day earlier"
            if (count >= 1 && count <= 14 && word(i + 1) && (w[i + 1] == "day" || w[i + 1] == "days") && word(i + 2) &&
                (w[i + 2] == "later" || w[i + 2] == "earlier")) {
                e.kind = DateExpr::Kind::NextDay;
                e.offset = w[i + 2] == "later" ? count : -count;
                e.last = i + 3;
                out.push_back(e);
                i = e.last - 1;
                continue;
            }
        }
    }
    return out;
}

}  // namespace gazetteer::detail

namespace gazetteer {

bool is_iso_date(std::string_view s) noexcept { return detail::parse_iso_day(s).has_value(); }

}  // namespace gazetteer
