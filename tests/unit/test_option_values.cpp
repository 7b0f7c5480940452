// trim_space, split_comma_list and parse_decimal (text.hpp): the one reading of option values
// (route --modes, --dates and LAT,LON stops, the map's --extent) and of trimmed names ("Name@CC").

#include <gazetteer/text.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using gazetteer::split_comma_list;
using gazetteer::trim_space;
using List = std::vector<std::string>;

TEST_CASE("trim_space drops ASCII white space at both ends only", "[text]") {
    CHECK(trim_space("  Khasan@RU \t") == "Khasan@RU");
    CHECK(trim_space("\r\n\v\fSeoul\n") == "Seoul");
    CHECK(trim_space("New  York") == "New  York");  // inner space kept
    CHECK(trim_space("   ").empty());
    CHECK(trim_space("").empty());
    CHECK(trim_space("\xc2\xa0Seoul") == "\xc2\xa0Seoul");  // a no-break space is not ASCII white space
}

TEST_CASE("split_comma_list keeps blank positions and trims each item", "[text]") {
    CHECK(split_comma_list("").empty());
    CHECK(split_comma_list("train") == List{"train"});
    CHECK(split_comma_list("train,,plane") == List{"train", "", "plane"});
    CHECK(split_comma_list(" train , plane ") == List{"train", "plane"});
    CHECK(split_comma_list(",") == List{"", ""});
    CHECK(split_comma_list("2024-01-02, ,2024-01-04,") == List{"2024-01-02", "", "2024-01-04", ""});
}

TEST_CASE("parse_decimal reads a whole finite number, a leading '+' allowed", "[text]") {
    using gazetteer::parse_decimal;
    CHECK(parse_decimal("43.1") == Approx(43.1));
    CHECK(parse_decimal(" +131.9 ") == Approx(131.9));
    CHECK(parse_decimal("-0.5") == Approx(-0.5));
    CHECK(parse_decimal("1e3") == Approx(1000));
    for (const char* bad : {"", "  ", "+", "north", "1,5", "43.1x", "nan", "inf", "-inf", "1e999", "++1", "+-1", "4 3"}) {
        INFO(bad);
        CHECK_FALSE(parse_decimal(bad).has_value());
    }
}
