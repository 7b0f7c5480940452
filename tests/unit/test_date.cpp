// The engine's one date parser: ISO 8601 calendar dates, extended form, real days only. Article
// dates, route leg dates and Date fields of every layer writer go through it.

#include <gazetteer/date.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace gazetteer;
using namespace std::chrono;

TEST_CASE("ISO 8601 dates parse to the day they name", "[date]") {
    const auto d = parse_iso_date("2023-09-12");
    REQUIRE(d);
    CHECK(*d == year{2023} / September / 12);
    CHECK(parse_iso_date("2024-02-29") == std::optional<year_month_day>(year{2024} / February / 29));
    CHECK(parse_iso_date("2000-02-29"));  // divisible by 400: a leap year
    CHECK(parse_iso_date("0001-01-01"));
    CHECK(parse_iso_date("9999-12-31"));
    CHECK(is_iso_date("1970-01-01"));
}

TEST_CASE("anything but a real day in YYYY-MM-DD is refused", "[date]") {
    // clang-format off
    const char* bad[] = {
        "",               // empty
        "2023-9-12",      // one-digit month
        "2023-09-1",      // one-digit day
        "23-09-12",       // two-digit year
        "2023/09/12",     // other separators
        "20230912",       // basic format
        "2023-09-12T10:00",  // a time
        " 2023-09-12",    // space
        "2023-09-12 ",
        "+2023-09-12",    // sign
        "2023-00-10",     // month 0
        "2023-13-01",     // month 13
        "2023-09-00",     // day 0
        "2023-09-31",     // September has 30 days
        "2023-02-29",     // not a leap year
        "1900-02-29",     // divisible by 100, not by 400
        "0000-01-01",     // no year 0
        "2023-0a-12",     // not a digit
        "２０２３-09-12",  // fullwidth digits
    };
    // clang-format on
    for (const char* s : bad) {
        INFO("input: '" << s << "'");
        CHECK_FALSE(parse_iso_date(s));
        CHECK_FALSE(is_iso_date(s));
    }
}

TEST_CASE("dates are made from numbers only when the day exists", "[date]") {
    CHECK(make_date(2023, 9, 12) == std::optional<year_month_day>(year{2023} / 9 / 12));
    CHECK_FALSE(make_date(2023, 2, 29));
    CHECK_FALSE(make_date(2023, 4, 31));
    CHECK_FALSE(make_date(0, 1, 1));
    CHECK_FALSE(make_date(10000, 1, 1));
    CHECK_FALSE(make_date(2023, 0, 1));
    CHECK_FALSE(make_date(2023, -1, 1));
    CHECK_FALSE(make_date(2023, 1, -1));
}

TEST_CASE("dates print as YYYY-MM-DD and read back", "[date]") {
    CHECK(iso_date(year{2023} / 9 / 12) == "2023-09-12");
    CHECK(iso_date(year{987} / 1 / 2) == "0987-01-02");
    for (const char* s : {"1970-01-01", "2024-02-29", "0001-01-01", "9999-12-31"}) {
        CHECK(iso_date(*parse_iso_date(s)) == s);
    }
}
