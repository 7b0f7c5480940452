// Date expressions of news text: "Tuesday, Sept. 12, 2023",
// "12 September 2023", "2023-09-12", "Sept. 12", "on Wednesday", "Wednesday's summit",
// "the next day", "two days later", "yesterday". Resolution against anchors happens in
// extract.cpp, which knows the article date and the events.

#include "itinerary/itinerary_detail.hpp"

namespace gazetteer::detail {

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
            if (const auto date = year >= 1000 ? make_date(year, month, day) : std::nullopt) {
                e.kind = DateExpr::Kind::Absolute;
                e.days = day_number(*date);
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
                        if (const auto date = year >= 1000 ? make_date(year, month, day) : std::nullopt) {
                            e.kind = DateExpr::Kind::Absolute;
                            e.days = day_number(*date);
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
