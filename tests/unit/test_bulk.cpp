// Bulk batches: reading JSON Lines chunks and text files with their file and line (a table of
// malformed records with the exact errors), and PostgreSQL COPY rows (escapes, nulls, EWKB).

#include <gazetteer/bulk.hpp>
#include <gazetteer/error.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace gazetteer;

TEST_CASE("JSON Lines chunks keep file and line of every record") {
    BulkInput in;
    read_jsonl_chunk("feeds/day.jsonl", 41,
                     "{\"id\":\"a\",\"text\":\"Kyiv\",\"title\":\"T\",\"url\":\"u\",\"date\":\"2024-01-02\"}\n"
                     "\n"
                     "{\"id\":7,\"text\":\"Paris\"}\r\n"
                     "{\"text\":\"no id\"}",
                     in);
    REQUIRE(in.errors.empty());
    REQUIRE(in.articles.size() == 3);
    CHECK(in.articles[0].id == "a");
    CHECK(in.articles[0].line == 41);
    CHECK(in.articles[0].meta.title == "T");
    CHECK(in.articles[0].meta.date == "2024-01-02");
    CHECK(in.articles[1].id == "7");
    CHECK(in.articles[1].line == 43);
    CHECK(in.articles[2].id == "day:44");  // no id: file stem and line, as `gazetteer geoparse`
    CHECK(in.articles[2].file == "feeds/day.jsonl");
}

TEST_CASE("malformed records are reported with their line and reading goes on") {
    struct Case {
        std::string record, reason;
    };
    const std::vector<Case> cases = {
        {"[1, 2]", "not a JSON object"},
        {"{\"id\":\"x\"}", "no \"text\" string"},
        {"{\"id\":\"x\",\"text\":5}", "no \"text\" string"},
        {"{\"id\":1.5,\"text\":\"t\"}", "\"id\" is neither a string nor an integer"},
        {"{\"id\":\"\",\"text\":\"t\"}", "\"id\" is empty"},
        {"{\"id\":\"x\",\"text\":\"a\\u0000b\"}", "a string holds a NUL character (\\u0000)"},
        {"{\"id\":\"x\",\"text\":\"caf\xe9\"}", "not UTF-8 (invalid byte at column 22)"},
    };
    for (const auto& c : cases) {
        INFO(c.record);
        BulkInput in;
        read_jsonl_chunk("in.jsonl", 10, "{\"id\":\"ok\",\"text\":\"Rome\"}\n" + c.record + "\n{\"text\":\"Oslo\"}\n", in);
        REQUIRE(in.errors.size() == 1);
        CHECK(in.errors[0].line == 11);
        CHECK(in.errors[0].reason == c.reason);
        CHECK(in.errors[0].message() == "in.jsonl:11: " + c.reason);
        CHECK(in.articles.size() == 2);
    }
    BulkInput bad;
    read_jsonl_chunk("in.jsonl", 1, "{\"id\": \"broken\", \"text\": \"Paris\n", bad);
    REQUIRE(bad.errors.size() == 1);
    CHECK(bad.errors[0].reason.rfind("malformed JSON (parse error at line 1", 0) == 0);
}

TEST_CASE("binary input is reported once, not line by line") {
    BulkInput in;
    read_jsonl_chunk("x.jsonl", 5, std::string("{\"text\":\"a\"}\nPK\x03\x04\0\0\n\x01\0\n{\"text\":\"b\"}\n\0", 37), in);
    REQUIRE(in.errors.size() == 2);
    CHECK(in.errors[0].message() == "x.jsonl:6: binary data (NUL bytes), not JSON Lines: lines 6-7 skipped");
    CHECK(in.errors[1].message() == "x.jsonl:9: binary data (NUL byte), not JSON");
    REQUIRE(in.articles.size() == 2);  // the good records around them are kept
    CHECK(in.articles[1].line == 8);

    BulkInput t;
    read_text_article("scans/page.txt", std::string("%PDF\0\1", 6), t);
    read_text_article("old/latin1.txt", "Caf\xe9 in Lyon", t);
    read_text_article("ok/story.txt", "Delegates met in Nairobi.", t);
    REQUIRE(t.errors.size() == 2);
    CHECK(t.errors[0].message() == "scans/page.txt: binary file (NUL byte at offset 4), not text");
    CHECK(t.errors[1].message() == "old/latin1.txt: not UTF-8 text (invalid byte at offset 3)");
    REQUIRE(t.articles.size() == 1);
    CHECK(t.articles[0].id == "story");
    CHECK(t.articles[0].line == 0);
}

TEST_CASE("bulk layers: articles first, then the geoparse layers") {
    auto ls = bulk_layer_schemas();
    REQUIRE(ls.size() == 3);
    CHECK(ls[0].name == "articles");
    CHECK(ls[1].name == "places");
    CHECK(ls[2].name == "mentions");
    CHECK(ls[0].fields.front().name == "article_id");
    CHECK(ls[2].fields[1].name == "start");
}

TEST_CASE("COPY text rows: escapes, nulls, rounding and hex EWKB points") {
    Layer l{"t", GeometryType::Point,
            {{"s", FieldType::String}, {"n", FieldType::Integer}, {"r", FieldType::Real, 3}, {"d", FieldType::Date}},
            {}};
    l.features.push_back({{{{30.5238, 50.45466}}}, {std::string("a\tb\\c\nd\re"), std::int64_t(-7), 0.12345,
                                                      std::string("2024-05-01")}});
    l.features.push_back({{}, {FieldValue{}, FieldValue{}, 2.0}});
    std::string out;
    append_pg_copy_rows(out, l);
    // The point: 0101000020E6100000, then lon and lat as little-endian IEEE doubles.
    CHECK(out ==
          "a\\tb\\\\c\\nd\\re\t-7\t0.123\t2024-05-01\t0101000020E610000012A5BDC117863E405166834C323A4940\n"
          "\\N\t\\N\t2\t\\N\t\\N\n");

    std::string led;
    append_pg_copy_rows(led, l, {"run 1", "v\t2"});
    CHECK(led.rfind("run 1\tv\\t2\ta\\tb", 0) == 0);
    CHECK(led.find("\nrun 1\tv\\t2\t\\N\t") != std::string::npos);

    Layer bad = l;
    bad.features = {{{}, {std::string("nul\0byte", 8)}}};
    CHECK_THROWS_AS(append_pg_copy_rows(out, bad), UsageError);
    bad.features = {{{}, {std::int64_t(1)}}};
    CHECK_THROWS_WITH(append_pg_copy_rows(out, bad), "layer t, field s: value does not fit the field type");
}
