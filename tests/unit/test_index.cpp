// The index file: round trip of everything the builder writes, and refusal of damaged files.

#include "test_support.hpp"

#include <gazetteer/detail/index_keys.hpp>
#include <gazetteer/detail/normalize.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/version.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace gazetteer;
using gazetteer::detail::normalize_key;
using gazetteer::test::read_all;
using gazetteer::test::TempDir;
using gazetteer::test::write_all;

namespace fs = std::filesystem;

TEST_CASE("an index round-trips places, names, keys, grid and boundaries", "[index]") {
    TempDir tmp;
    auto path = gazetteer::test::build_fixture_index(tmp.path / "i.gzidx");
    auto idx = Index::open(path);
    auto info = idx.info();
    CHECK(info.format_version == index_format_version);
    CHECK(info.engine_version == std::string(version()));
    CHECK(info.has_boundaries);
    // 17 GeoNames rows + 3 curated + 3 countries + divisions computed from the rows.
    CHECK(idx.size() >= 23);
    CHECK(info.sources.size() == 5);
    CHECK(info.sources[0].role == "geonames");
    CHECK(info.sources[0].records == 17);
    CHECK(info.sources[0].sha256.size() == 64);

    // Postings: an alternate name in Cyrillic reaches Moscow through its transliterated key.
    auto list = detail::postings(idx, normalize_key("Москва"));
    REQUIRE(!list.empty());
    CHECK(idx.place_name(list[0].place) == "Moscow");
    CHECK(list[0].kind == MatchKind::AltName);
    // Lists are in importance order: Moscow (Russia) before Moscow, Idaho before Moscow, Pennsylvania.
    auto moscow = detail::postings(idx, "moscow");
    REQUIRE(moscow.size() >= 3);
    CHECK(idx.place_country(moscow[0].place) == "RU");
    for (std::size_t i = 1; i < moscow.size(); ++i)
        CHECK(idx.place_importance(moscow[i - 1].place) >= idx.place_importance(moscow[i].place));
    CHECK(detail::postings(idx, "no such place").empty());
    CHECK(detail::has_keys_with_prefix(idx, "sea of"));
    CHECK_FALSE(detail::has_keys_with_prefix(idx, "sea of japan"));

    // Countries come from world-countries, with demonyms.
    auto ru = idx.country_place("RU");
    REQUIRE(ru);
    CHECK(idx.place_name(*ru) == "Russia");
    bool demonym = false;
    for (auto p : detail::postings(idx, "russian")) demonym = demonym || (p.place == *ru && p.kind == MatchKind::Demonym);
    CHECK(demonym);

    // Divisions: placed at the centre of their places, named from admin1CodesASCII.
    auto primorye = idx.admin1_place("RU", "59");
    REQUIRE(primorye);
    CHECK(idx.place_name(*primorye) == "Primorye");
    CHECK(idx.place(*idx.find_id("geonames:2013348")).admin1_name == "Primorye");

    // Fuzzy keys and the spatial grid.
    auto fz = detail::fuzzy_keys(idx, "vladivostock", 2);
    REQUIRE(!fz.empty());
    CHECK(fz[0].first == "vladivostok");
    CHECK(fz[0].second == 1);
    auto near = idx.nearby(42.4, 130.6, 50, 5);
    REQUIRE(!near.empty());
    CHECK(idx.place_name(near[0].first) == "Khasan");
    CHECK(near[0].second < 10);

    // Country polygons.
    CHECK(idx.country_at(43.1, 131.9) == "RU");
    CHECK(idx.country_at(39.0, 125.7) == "KP");
    CHECK(idx.country_at(0, -30) == "");

    CHECK_NOTHROW(idx.verify());
    CHECK_THROWS_AS(idx.place(static_cast<std::uint32_t>(idx.size())), std::out_of_range);
}

TEST_CASE("damaged or foreign index files are refused with a clear IndexError", "[index]") {
    TempDir tmp;
    auto path = gazetteer::test::build_fixture_index(tmp.path / "good.gzidx");
    const std::string good = read_all(path);
    auto bad = tmp.path / "bad.gzidx";

    auto refused = [&](const std::string& bytes, const std::string& message) {
        write_all(bad, bytes);
        INFO(message);
        try {
            Index::open(bad.string());
            FAIL("opened");
        } catch (const IndexError& e) {
            CHECK(e.path() == bad.string());
            CHECK_THAT(e.what(), Catch::Contains(message));
        }
    };
    refused("", "file too small");
    refused(std::string(100, 'x'), "bad magic number");
    refused("{\"type\": \"FeatureCollection\", \"features\": []}                                            ", "bad magic number");
    refused(good.substr(0, good.size() / 2), "truncated");
    refused(good + "extra", "truncated or extended");
    std::string v = good;
    v[8] = 99;  // format version
    refused(v, "index format version 99");
    std::string t = good;
    t[t.size() - 20] ^= 0x55;  // inside the section table
    refused(t, "header checksum mismatch");

    CHECK_THROWS_WITH(Index::open((tmp.path / "missing.gzidx").string()), Catch::Contains("cannot open index"));
    CHECK_THROWS_WITH(Index::open(tmp.path.string()), Catch::Contains("not a regular file"));
}

TEST_CASE("a flipped byte inside a section is caught by verify()", "[index]") {
    TempDir tmp;
    auto path = gazetteer::test::build_fixture_index(tmp.path / "good.gzidx");
    std::string bytes = read_all(path);
    // The strings section sits in the middle of the file; flip a byte there.
    bytes[bytes.size() / 2] ^= 0x20;
    auto bad = tmp.path / "flipped.gzidx";
    write_all(bad, bytes);
    // Opening may succeed (that is the point of cheap opening), but the damage never crashes a
    // reader and verify() names it.
    try {
        auto idx = Index::open(bad.string());
        for (std::uint32_t i = 0; i < idx.size(); ++i) (void)idx.place(i, true);
        CHECK_THROWS_WITH(idx.verify(), Catch::Contains("checksum mismatch in section"));
    } catch (const IndexError& e) {
        CHECK_THAT(e.what(), Catch::Contains("corrupt index"));
    }
}

TEST_CASE("writing over an existing index is atomic", "[index]") {
    TempDir tmp;
    auto path = tmp.path / "i.gzidx";
    gazetteer::test::build_fixture_index(path);
    auto before = fs::file_size(path);
    // A build that fails (unreadable source) leaves the old index in place and no temp file.
    IndexBuilder b;
    CHECK_THROWS(b.add_geonames((tmp.path / "missing.txt").string()));
    CHECK(fs::file_size(path) == before);
    std::size_t files = 0;
    for (auto& e : fs::directory_iterator(tmp.path)) files += e.is_regular_file();
    CHECK(files == 1);
    CHECK_NOTHROW(Index::open(path.string()));
}

TEST_CASE("no single flipped byte crashes opening, reading or looking up", "[index]") {
    TempDir tmp;
    auto path = gazetteer::test::build_fixture_index(tmp.path / "good.gzidx");
    const std::string good = read_all(path);
    auto bad = tmp.path / "bad.gzidx";
    // Every 97th byte: headers, tables and every section get hit.
    std::size_t opened = 0, refused = 0;
    for (std::size_t pos = 0; pos < good.size(); pos += 97) {
        std::string bytes = good;
        bytes[pos] ^= 0x5A;
        write_all(bad, bytes);
        try {
            auto idx = Index::open(bad.string());
            ++opened;
            for (std::uint32_t i = 0; i < idx.size(); ++i) (void)idx.place(i, true);
            (void)detail::postings(idx, "moscow");
            (void)detail::fuzzy_keys(idx, "vladivostock", 2);
            (void)detail::keys_with_prefix(idx, "k", 50);
            (void)idx.nearby(42.4, 130.6, 500, 10);
            (void)idx.find_id("geonames:2022586");
            try {
                (void)idx.country_at(43.1, 131.9);
            } catch (const IndexError&) {
            }
        } catch (const IndexError&) {
            ++refused;
        }
    }
    CHECK(opened + refused > 100);
    CHECK(refused > 0);
}
