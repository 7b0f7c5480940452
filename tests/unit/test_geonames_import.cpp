// The GeoNames dump importer: good rows, every kind of malformed row, strict mode, zip/gz input.

#include "test_support.hpp"

#include <gazetteer/build.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/lookup.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>

using namespace gazetteer;
using gazetteer::test::TempDir;
using gazetteer::test::write_file;

namespace {
// A well-formed row with the 19 GeoNames columns.
std::string row(const std::string& id, const std::string& name, const std::string& lat, const std::string& lon,
                const std::string& fclass = "P", const std::string& cc = "RU", const std::string& pop = "1000") {
    return id + "\t" + name + "\t" + name + "\t\t" + lat + "\t" + lon + "\t" + fclass + "\tPPL\t" + cc +
           "\t\t59\t\t\t\t" + pop + "\t\t10\tAsia/Vladivostok\t2020-01-01\n";
}
}  // namespace

TEST_CASE("well-formed rows are imported with every field", "[import]") {
    TempDir tmp;
    IndexBuilder b;
    auto n = b.add_geonames((gazetteer::test::data_dir() / "geonames" / "sample.txt").string());
    CHECK(n == 17);
    b.write((tmp.path / "i.gzidx").string());
    auto idx = Index::open((tmp.path / "i.gzidx").string());
    auto id = idx.find_id("geonames:2022586");
    REQUIRE(id);
    auto p = idx.place(*id, true);
    CHECK(p.name == "Khasan");
    CHECK(p.lat == Approx(42.42387));
    CHECK(p.lon == Approx(130.65156));
    CHECK(p.country == "RU");
    CHECK(p.feature_class == 'P');
    CHECK(p.feature_code == "PPL");
    CHECK(p.admin1_code == "59");
    CHECK(p.population == 776);
    CHECK(p.source == Source::GeoNames);
}

TEST_CASE("malformed rows are reported with file and line, and skipped", "[import]") {
    struct Case {
        std::string text;
        std::string message;
    };
    // Each malformed row is line 2, after one good row.
    const std::vector<Case> cases = {
        {"1\tToo\tfew\tcolumns\n", "expected 19 tab-separated columns (GeoNames dump format), found 4"},
        {row("x12", "Bad id", "10", "10"), "geonameid 'x12' is not a positive integer"},
        {row("0", "Zero id", "10", "10"), "geonameid '0' is not a positive integer"},
        {row("12", "", "10", "10"), "empty name for geonameid 12"},
        {row("13", "Bad lat", "95.5", "10"), "latitude '95.5' is not a number in [-90, 90]"},
        {row("14", "Bad lat", "north", "10"), "latitude 'north' is not a number in [-90, 90]"},
        {row("15", "Bad lon", "10", "181"), "longitude '181' is not a number in [-180, 180]"},
        {row("16", "Bad class", "10", "10", "Q"), "feature class 'Q' is not one of A H L P R S T U V"},
        {row("17", "Bad country", "10", "10", "P", "rus"), "country code 'rus' is not two upper-case letters"},
        {row("18", "Bad pop", "10", "10", "P", "RU", "-5"), "population '-5' is not a whole number"},
        {row("1", "Duplicate", "10", "10"), "duplicate geonameid 1"},
    };
    for (const auto& c : cases) {
        TempDir tmp;
        auto file = tmp.path / "dump.txt";
        write_file(file, row("1", "Good", "42.5", "130.5") + c.text + row("2", "Also good", "43", "131"));
        std::vector<std::string> warnings;
        BuildOptions opt;
        opt.on_warning = [&](const std::string& w) { warnings.push_back(w); };
        IndexBuilder b(opt);
        INFO(c.message);
        CHECK(b.add_geonames(file.string()) == 2);
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0] == file.string() + ":2: " + c.message);
        auto rep = b.write((tmp.path / "i.gzidx").string());
        CHECK(rep.skipped_rows == 1);
        CHECK(rep.places == 2);
    }
}

TEST_CASE("strict mode refuses the first malformed row with a ParseError", "[import]") {
    TempDir tmp;
    auto file = tmp.path / "dump.txt";
    write_file(file, row("1", "Good", "42.5", "130.5") + row("2", "Bad", "42.5", "east"));
    BuildOptions opt;
    opt.strict = true;
    IndexBuilder b(opt);
    try {
        b.add_geonames(file.string());
        FAIL("no exception");
    } catch (const ParseError& e) {
        CHECK(e.file() == file.string());
        CHECK(e.line() == 2);
        CHECK(std::string(e.what()) == file.string() + ":2: longitude 'east' is not a number in [-180, 180]");
    }
}

TEST_CASE("blank lines, comments and CRLF line ends are accepted", "[import]") {
    TempDir tmp;
    auto file = tmp.path / "dump.txt";
    std::string r = row("1", "Good", "42.5", "130.5");
    r.insert(r.size() - 1, "\r");
    write_file(file, "# comment\n\n" + r);
    IndexBuilder b;
    CHECK(b.add_geonames(file.string()) == 1);
}

TEST_CASE("gzip and zip dumps are read without unpacking", "[import]") {
    TempDir tmp;
    auto txt = tmp.path / "XX.txt";
    write_file(txt, row("1", "Zipped", "42.5", "130.5") + row("2", "Town", "43", "131"));
    std::string cmd = "cd '" + tmp.path.string() + "' && gzip -k XX.txt && (zip -q XX.zip XX.txt 2>/dev/null || python3 -c \"import zipfile; zipfile.ZipFile('XX.zip','w').write('XX.txt')\")";
    REQUIRE(std::system(cmd.c_str()) == 0);
    IndexBuilder b;
    CHECK(b.add_geonames((tmp.path / "XX.txt.gz").string()) == 2);
    IndexBuilder b2;
    CHECK(b2.add_geonames((tmp.path / "XX.zip").string()) == 2);
}

TEST_CASE("a missing dump is an IoError naming the file", "[import]") {
    IndexBuilder b;
    CHECK_THROWS_AS(b.add_geonames("/nonexistent/cities500.txt"), IoError);
    CHECK_THROWS_WITH(b.add_geonames("/nonexistent/cities500.txt"), Catch::Contains("/nonexistent/cities500.txt"));
}

TEST_CASE("curated CSV rows are validated", "[import]") {
    const std::string header = "id,name,alternate_names,lat,lon,feature_class,feature_code,country,admin1,population,source\n";
    struct Case {
        std::string row, message;
    };
    const std::vector<Case> cases = {
        {"Bad Slug,X,,1,1,L,RGN,,,,n\n", "id 'Bad Slug' must be a lower-case slug (a-z, 0-9, -)"},
        {"a,,,1,1,L,RGN,,,,n\n", "empty name"},
        {"a,X,,91,1,L,RGN,,,,n\n", "lat '91' is not a number in [-90, 90]"},
        {"a,X,,1,west,L,RGN,,,,n\n", "lon 'west' is not a number in [-180, 180]"},
        {"a,X,,1,1,Z,RGN,,,,n\n", "feature_class 'Z' is not one of A H L P R S T U V"},
        {"a,X,,1,1,L,RGN,Russia,,,n\n", "country 'Russia' is not an ISO 3166-1 alpha-2 code"},
        {"a,X,,1,1,L,RGN,,,many,n\n", "population 'many' is not a whole number"},
        {"a,X,1,1\n", "expected 11 fields, found 4"},
        {"good,Good,,1,1,L,RGN,,,,n\n", "duplicate id 'good'"},
    };
    for (const auto& c : cases) {
        TempDir tmp;
        auto file = tmp.path / "places.csv";
        write_file(file, header + "good,Good,,1,1,L,RGN,,,,n\n" + c.row);
        std::vector<std::string> warnings;
        BuildOptions opt;
        opt.on_warning = [&](const std::string& w) { warnings.push_back(w); };
        IndexBuilder b(opt);
        INFO(c.message);
        CHECK(b.add_curated(file.string()) == 1);
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0] == file.string() + ":3: " + c.message);
    }
    TempDir tmp;
    write_file(tmp.path / "bad.csv", "name,lat,lon\n");
    IndexBuilder b;
    CHECK_THROWS_AS(b.add_curated((tmp.path / "bad.csv").string()), ParseError);
    write_file(tmp.path / "quote.csv", header + "a,\"unterminated,,1,1,L,RGN,,,,n\n");
    CHECK_THROWS_WITH(b.add_curated((tmp.path / "quote.csv").string()), Catch::Contains("quote.csv:2: unterminated quoted field"));
}

TEST_CASE("curated places keep quoted fields, languages and the curated id", "[import]") {
    TempDir tmp;
    auto path = gazetteer::test::build_fixture_index(tmp.path / "i.gzidx");
    auto idx = Index::open(path);
    auto id = idx.find_id("curated:vostochny-cosmodrome");
    REQUIRE(id);
    auto p = idx.place(*id, true);
    CHECK(p.name == "Vostochny Cosmodrome");
    CHECK(p.source == Source::Curated);
    CHECK(p.feature_code == "INSM");
    bool has_ru = false;
    for (auto& a : p.alt_names) has_ru = has_ru || (a.lang == "ru" && a.name == "Космодром Восточный");
    CHECK(has_ru);
}

TEST_CASE("alternateNamesV2 and countryInfo join the dump by geonameid", "[import]") {
    TempDir tmp;
    auto dump = tmp.path / "XX.txt";
    // A country row (PCLI) and a town, as in allCountries.txt.
    write_file(dump, row("1", "Testland", "45", "10", "A", "TL", "0").replace(row("1", "Testland", "45", "10", "A", "TL", "0").find("PPL"), 3, "PCLI") +
                         row("2", "Testville", "45.5", "10.5", "P", "TL", "5000"));
    // alternateNamesV2: id, geonameid, isolanguage, name, preferred, short, colloquial, historic, from, to
    write_file(tmp.path / "alternateNamesV2.txt",
               "100\t2\tde\tTestdorf\t\t\t\t\t\t\n"
               "101\t2\tlink\thttps://example.org/Testville\t\t\t\t\t\t\n"
               "102\t2\ten\tOld Testville\t\t\t\t1\t\t\n"
               "103\t999\ten\tNowhere\t\t\t\t\t\t\n"
               "104\t2\tabbr\tTV\t\t\t\t\t\t\n"
               "bad line\n");
    // countryInfo.txt: ISO, ISO3, ISO-Numeric, fips, Country, Capital, Area, Population, ...
    write_file(tmp.path / "countryInfo.txt",
               "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\tPopulation\tContinent\ttld\t"
               "CurrencyCode\tCurrencyName\tPhone\tPostal Code Format\tPostal Code Regex\tLanguages\tgeonameid\tneighbours\tEquivalentFipsCode\n"
               "TL\tTLD\t999\tTL\tTestland\tTestville\t1000\t123456\tEU\t.tl\tEUR\tEuro\t999\t\t\ttl\t1\t\t\n");
    std::vector<std::string> warnings;
    BuildOptions opt;
    opt.on_warning = [&](const std::string& w) { warnings.push_back(w); };
    IndexBuilder b(opt);
    CHECK(b.add_geonames(dump.string()) == 2);
    CHECK(b.add_alternate_names((tmp.path / "alternateNamesV2.txt").string()) == 2);  // de + abbr; link, historic, unknown id dropped
    CHECK(b.add_country_info((tmp.path / "countryInfo.txt").string()) == 1);
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::Contains("alternateNamesV2.txt:6:"));
    b.write((tmp.path / "i.gzidx").string());
    auto idx = Index::open((tmp.path / "i.gzidx").string());
    auto town = lookup(idx, "Testdorf");
    REQUIRE(!town.empty());
    CHECK(town[0].place.id == "geonames:2");
    CHECK(lookup(idx, "Old Testville").empty());
    // The PCLI row became the country place "country:TL" with its population from countryInfo.
    auto c = idx.country_place("TL");
    REQUIRE(c);
    auto p = idx.place(*c);
    CHECK(p.name == "Testland");
    CHECK(p.lat == Approx(45));
    CHECK(p.population == 123456);
    CHECK_FALSE(idx.find_id("geonames:1"));
}

TEST_CASE("areas made of countries sit at the area-weighted mean of their members", "[import]") {
    TempDir tmp;
    // Two countries on the equator, one three times the area of the other, and a third across
    // the antimeridian from it: the weighted mean is a quarter of the way, the other averages
    // across 180 degrees without wrapping through Greenwich.
    write_file(tmp.path / "countries.json",
               R"([{"name": {"common": "Westland"}, "cca2": "WL", "latlng": [0, 0], "area": 3000},
                   {"name": {"common": "Eastland"}, "cca2": "EL", "latlng": [0, 40], "area": 1000},
                   {"name": {"common": "Farland"}, "cca2": "FL", "latlng": [0, 170], "area": 500},
                   {"name": {"common": "Dateland"}, "cca2": "DL", "latlng": [0, -170], "area": 500}])");
    write_file(tmp.path / "places.csv",
               "id,name,alternate_names,lat,lon,feature_class,feature_code,country,admin1,population,source\n"
               "both-lands,Bothland,,,,L,RGN,,,,computed\n"
               "date-line,Dateline Region,,,,L,RGN,,,,computed\n"
               "no-members,Nowhereland,,,,L,RGN,,,,computed\n");
    write_file(tmp.path / "members.csv",
               "place_id,members,source\n"
               "both-lands,WL EL,test\n"
               "date-line,FL DL,test\n"
               "bad-member,WL Westland,test\n");
    std::vector<std::string> warnings;
    BuildOptions opt;
    opt.on_warning = [&](const std::string& w) { warnings.push_back(w); };
    IndexBuilder b(opt);
    b.add_world_countries((tmp.path / "countries.json").string());
    CHECK(b.add_curated((tmp.path / "places.csv").string()) == 3);
    CHECK(b.add_curated((tmp.path / "members.csv").string()) == 2);
    const auto out = (tmp.path / "i.gzidx").string();
    b.write(out);
    auto idx = Index::open(out);
    auto both = idx.place(*idx.find_id("curated:both-lands"));
    CHECK(both.lat == Approx(0).margin(1e-6));
    CHECK(both.lon == Approx(std::atan2(std::sin(40 * M_PI / 180), 3 + std::cos(40 * M_PI / 180)) * 180 / M_PI));
    auto dl = idx.place(*idx.find_id("curated:date-line"));
    CHECK(std::abs(dl.lon) == Approx(180).margin(1e-6));
    CHECK_FALSE(idx.find_id("curated:no-members"));
    REQUIRE(warnings.size() == 2);
    CHECK(warnings[0] == (tmp.path / "members.csv").string() + ":4: member 'Westland' is not an ISO 3166-1 alpha-2 code");
    CHECK(warnings[1] == "curated:no-members: no coordinates and no computable member countries: skipped");
}
