#pragma once
// Calendar dates: the engine's one date type, std::chrono::year_month_day (a day of the
// proleptic Gregorian calendar, the calendar of ISO 8601), and its one ISO 8601 parser. Article
// dates, itinerary stops, route legs and the Date fields of the layer writers all go through here.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace gazetteer {

/// The date of a year, month (1-12) and day of month when that day exists and the year is in
/// 1-9999 (the years a four-digit ISO 8601 date can carry, without year 0); empty otherwise.
std::optional<std::chrono::year_month_day> make_date(int year, int month, int day) noexcept;

/// Parses an ISO 8601 calendar date in its extended form, exactly "YYYY-MM-DD" (ten ASCII
/// characters: no sign, no time, no surrounding space), naming a day that exists in a year
/// 0001-9999: "2024-02-29" parses, "2023-02-29", "2023-9-12" and "0000-01-01" do not.
std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view s) noexcept;

/// True when parse_iso_date(s) succeeds.
bool is_iso_date(std::string_view s) noexcept;

/// "YYYY-MM-DD" of a date (year zero-padded to four digits).
std::string iso_date(std::chrono::year_month_day date);

}  // namespace gazetteer
