// Damaged index files are refused where they are used, with the section named: a flipped byte
// in the places or strings section (checksums verified on first use), values no builder writes
// (latitude 156, a NaN score) even when the checksums were made to match, damaged boundaries,
// and files that are not regular files. Offsets come from the on-disk layout documented in
// docs/index-format.md (64-byte header, 32-byte section table entries, 56-byte place records).

#include "test_support.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/lookup.hpp>

#include <catch2/catch.hpp>
#include <xxhash.h>

#include <sys/stat.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>

using namespace gazetteer;
using gazetteer::test::read_all;
using gazetteer::test::TempDir;
using gazetteer::test::write_all;

namespace fs = std::filesystem;

namespace {


template <class T>
T get(const std::string& f, std::size_t at) {
    T v;
    std::memcpy(&v, f.data() + at, sizeof v);
    return v;
}
template <class T>
void put(std::string& f, std::size_t at, T v) {
    std::memcpy(f.data() + at, &v, sizeof v);
}

enum : std::uint32_t { kPlaces = 2, kStrings = 4, kBoundaries = 12 };

struct Section {
    std::size_t entry, offset, size;
};

Section section(const std::string& f, std::uint32_t id) {
    const auto count = get<std::uint32_t>(f, 12);
    const auto table = get<std::uint64_t>(f, 24);
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::size_t e = table + i * 32ull;
        if (get<std::uint32_t>(f, e) == id) return {e, get<std::uint64_t>(f, e + 8), get<std::uint64_t>(f, e + 16)};
    }
    FAIL("section " << id << " not found");
    return {};
}

// What a faulty writer would produce: damage with checksums that match it.
void fix_checksums(std::string& f) {
    const auto count = get<std::uint32_t>(f, 12);
    const auto table = get<std::uint64_t>(f, 24);
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::size_t e = table + i * 32ull;
        put<std::uint64_t>(f, e + 24, XXH3_64bits(f.data() + get<std::uint64_t>(f, e + 8), get<std::uint64_t>(f, e + 16)));
    }
    std::string head = f.substr(0, 64);
    put<std::uint64_t>(head, 32, 0);
    head.append(f, table, count * 32ull);
    put<std::uint64_t>(f, 32, XXH3_64bits(head.data(), head.size()));
}

constexpr std::size_t kPlaceSize = 56, kLatAt = 24, kImportanceAt = 48;

}  // namespace

TEST_CASE("a flipped byte in the places or strings section is refused on use, naming the section", "[index][damage]") {
    TempDir tmp;
    const std::string good = read_all(gazetteer::test::build_fixture_index(tmp.path / "good.gzidx"));
    const auto bad = (tmp.path / "bad.gzidx").string();

    for (auto [id, name] : {std::pair{kPlaces, "places"}, std::pair{kStrings, "strings"}}) {
        INFO("section " << name);
        std::string bytes = good;
        const Section s = section(bytes, id);
        bytes[s.offset + s.size / 2] ^= 0x04;  // one bit, the kind of damage a bad disk does
        write_all(bad, bytes);
        const Index idx = Index::open(bad);  // opening stays cheap: no section is hashed
        for (int attempt = 0; attempt < 2; ++attempt) {  // refused on every use, not only the first
            try {
                (void)lookup(idx, "London");
                FAIL("a damaged index answered");
            } catch (const IndexError& e) {
                CHECK(e.path() == bad);
                CHECK_THAT(e.what(), Catch::Contains(std::string("checksum mismatch in section ") + name));
            }
        }
    }
}

TEST_CASE("values no builder writes are refused even when the checksums match", "[index][damage]") {
    TempDir tmp;
    const std::string good = read_all(gazetteer::test::build_fixture_index(tmp.path / "good.gzidx"));
    const auto bad = (tmp.path / "bad.gzidx").string();
    const Section places = section(good, kPlaces);

    SECTION("a place at latitude 156") {
        std::string bytes = good;
        put<std::int32_t>(bytes, places.offset + kLatAt, 1560000000);
        fix_checksums(bytes);
        write_all(bad, bytes);
        const Index idx = Index::open(bad);
        CHECK_NOTHROW(idx.verify());  // the checksums cannot see this
        CHECK_THROWS_WITH(idx.place(0), Catch::Contains("section places") && Catch::Contains("out of range"));
    }
    SECTION("a score that is not a number") {
        std::string bytes = good;
        for (std::size_t p = places.offset; p < places.offset + places.size; p += kPlaceSize)
            put<float>(bytes, p + kImportanceAt, std::numeric_limits<float>::quiet_NaN());
        fix_checksums(bytes);
        write_all(bad, bytes);
        const Index idx = Index::open(bad);
        CHECK_THROWS_AS(lookup(idx, "London"), IndexError);
        CHECK_THROWS_WITH(lookup(idx, "London"), Catch::Contains("section places"));
    }
}

TEST_CASE("a section table moved off its 8-byte alignment is refused on open", "[index][damage]") {
    // Found by fuzz_index: the table is read in place, and a misaligned one is undefined behaviour.
    TempDir tmp;
    std::string bytes = read_all(gazetteer::test::build_fixture_index(tmp.path / "good.gzidx"));
    const auto table = get<std::uint64_t>(bytes, 24);
    bytes.insert(table, 4, '\0');
    put<std::uint64_t>(bytes, 24, table + 4);
    put<std::uint64_t>(bytes, 16, bytes.size());
    fix_checksums(bytes);
    const auto bad = (tmp.path / "bad.gzidx").string();
    write_all(bad, bytes);
    CHECK_THROWS_WITH(Index::open(bad), Catch::Contains("bad section table"));
}

TEST_CASE("damaged country boundaries are refused without leaking GEOS objects", "[index][damage]") {
    TempDir tmp;
    const std::string good = read_all(gazetteer::test::build_fixture_index(tmp.path / "good.gzidx"));
    const auto bad = (tmp.path / "bad.gzidx").string();
    const Section b = section(good, kBoundaries);
    REQUIRE(b.size > 16);

    // The first polygon's WKB cut short: the locator throws half way through its constructor.
    std::string bytes = good;
    put<std::uint32_t>(bytes, b.offset + 4 + 4, 9);
    fix_checksums(bytes);
    write_all(bad, bytes);
    {
        const Index idx = Index::open(bad);
        CHECK_THROWS_WITH(idx.country_at(43.1, 131.9), Catch::Contains("country boundaries cannot be read"));
        // An IndexError naming the file and what is wrong, on every use, not only the first.
        for (int use = 0; use < 2; ++use) {
            try {
                (void)idx.country_at(43.1, 131.9);
                FAIL("a damaged polygon was accepted");
            } catch (const gazetteer::IndexError& e) {
                CHECK(e.path() == bad);
                CHECK_THAT(e.what(), Catch::Contains("polygon 0 is not valid WKB"));
            }
        }
    }
    // Without matching checksums the damage is named by its section.
    bytes = good;
    bytes[b.offset + b.size - 3] ^= 0x10;
    write_all(bad, bytes);
    const Index idx = Index::open(bad);
    CHECK_THROWS_WITH(idx.country_at(43.1, 131.9), Catch::Contains("checksum mismatch in section boundaries"));
}

TEST_CASE("an index that is not a regular file is refused at once", "[index][damage]") {
    TempDir tmp;
    const auto fifo = (tmp.path / "index.fifo").string();
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    // Before the fix, open() waited for a writer for ever.
    CHECK_THROWS_WITH(Index::open(fifo), Catch::Contains("not a regular file (a FIFO)"));
    CHECK_THROWS_WITH(Index::open("/dev/null"), Catch::Contains("not a regular file"));
    CHECK_THROWS_WITH(Index::open(tmp.path.string()), Catch::Contains("not a regular file (a folder)"));
}

TEST_CASE("nearby: a NaN or negative radius is a usage error, a huge one is the whole earth", "[index]") {
    TempDir tmp;
    const Index idx = Index::open(gazetteer::test::build_fixture_index(tmp.path / "good.gzidx"));
    CHECK_THROWS_AS(idx.nearby(43.1, 131.9, std::nan(""), 5), UsageError);
    CHECK_THROWS_AS(idx.nearby(43.1, 131.9, -1, 5), UsageError);
    const auto all = idx.nearby(43.1, 131.9, 1e300, 1000);
    CHECK(all.size() == idx.size());
    CHECK(idx.nearby(43.1, 131.9, std::numeric_limits<double>::infinity(), 1000).size() == idx.size());
    CHECK_THROWS_AS(reverse(idx, 43.1, 131.9, 5, std::nan("")), UsageError);
    CHECK_THROWS_AS(reverse(idx, 43.1, 131.9, 5, std::numeric_limits<double>::infinity()), UsageError);
}
