// trim_space and split_comma_list (text.hpp): the one reading of comma-separated option values
// (route --modes and --dates) and of trimmed names ("Name@CC" stops).

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
