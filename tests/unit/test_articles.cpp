// Reading articles (articles.hpp): the one default-id rule, the formats, and a table of malformed
// records with the exact error every face reports for them.

#include <gazetteer/articles.hpp>
#include <gazetteer/error.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace gazetteer;

TEST_CASE("one default id rule") {
    CHECK(default_article_id("news/a1.txt") == "a1");
    CHECK(default_article_id("feeds/day.jsonl", 3) == "day:3");
    CHECK(default_article_id("-") == "stdin");
    CHECK(default_article_id("-", 2) == "stdin:2");
    CHECK(default_article_id("") == "stdin");
    CHECK(source_display_name("-") == "<stdin>");
    CHECK(source_display_name("a.txt") == "a.txt");
}

TEST_CASE("records give their fields and the default id") {
    Article a = parse_article_record("feed.jsonl", 4, R"({"id":"x","text":"In Kyiv.","title":"T","url":"u","date":"2024-01-02","lang":"RU"})");
    CHECK(a.id == "x");
    CHECK(a.text == "In Kyiv.");
    CHECK(a.meta.title == "T");
    CHECK(a.meta.url == "u");
    CHECK(a.meta.date == "2024-01-02");
    CHECK(a.meta.lang == "ru");
    CHECK(a.line == 4);
    CHECK(parse_article_record("feed.jsonl", 4, R"({"id":7,"text":"t"})").id == "7");
    CHECK(parse_article_record("feed.jsonl", 4, R"({"id":null,"text":"t"})").id == "feed:4");
    CHECK(parse_article_record("feed.jsonl", 5, R"({"text":"t","title":5})").meta.title.empty());
}

TEST_CASE("malformed records name their source, line and fault") {
    struct Case {
        std::string record, error;
    };
    const std::vector<Case> cases{
        {R"([1,2])", "feed.jsonl:2: not a JSON object"},
        {R"({"id":"x"})", "feed.jsonl:2: no \"text\" string"},
        {R"({"text":5})", "feed.jsonl:2: no \"text\" string"},
        {R"({"id":1.5,"text":"t"})", "feed.jsonl:2: \"id\" is neither a string nor an integer"},
        {R"({"id":["a"],"text":"t"})", "feed.jsonl:2: \"id\" is neither a string nor an integer"},
        {R"({"text":"t","lang":"xx"})", "feed.jsonl:2: unknown language 'xx'"},
    };
    for (const auto& c : cases) {
        INFO(c.record);
        try {
            parse_article_record("feed.jsonl", 2, c.record);
            FAIL("no error");
        } catch (const ParseError& e) {
            CHECK(std::string(e.what()).rfind(c.error, 0) == 0);
            CHECK(e.line() == 2);
        }
    }
    try {
        parse_article_record("-", 1, R"({"text": )");
        FAIL("no error");
    } catch (const ParseError& e) {
        CHECK(std::string(e.what()).rfind("<stdin>:1: malformed JSON (parse error", 0) == 0);
        CHECK(e.reason().rfind("malformed JSON (parse error", 0) == 0);
    }
}

TEST_CASE("whole inputs: text, JSON Lines, one pretty-printed object") {
    ArticleFile text = read_article_file("dir/story.txt", "Officials in Kyiv said.");
    REQUIRE(text.articles.size() == 1);
    CHECK(text.articles[0].id == "story");
    CHECK(text.articles[0].line == 0);

    // A .txt is text even when it starts with a brace; stdin is sniffed.
    CHECK(read_article_file("brace.txt", "{not json}").articles[0].text == "{not json}");
    CHECK(read_article_file("-", "  {\"text\":\"t\"}\n").articles[0].id == "stdin:1");
    CHECK(read_article_file("-", "plain words").articles[0].id == "stdin");

    ArticleFile lines = read_article_file("feed.ndjson", "{\"text\":\"a\"}\n\n{\"id\":\"b\",\"text\":\"b\"}\r\n");
    REQUIRE(lines.articles.size() == 2);
    CHECK(lines.articles[0].id == "feed:1");
    CHECK(lines.articles[1].id == "b");
    CHECK(lines.articles[1].line == 3);
    CHECK(read_article_file("feed.jsonl", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n{bad", ArticleFormat::Auto, 2).articles.size() == 2);

    ArticleFile pretty = read_article_file("one.json", "{\n  \"id\": \"p\",\n  \"text\": \"In Kyiv.\"\n}\n");
    REQUIRE(pretty.articles.size() == 1);
    CHECK(pretty.articles[0].id == "p");

    // Stray bytes are repaired and counted; binary input and empty input are refused by name.
    ArticleFile repaired = read_article_file("latin.txt", std::string("Caf\xe9 in Kyiv"));
    CHECK(repaired.replacements == 1);
    CHECK_THROWS_WITH(read_article_file("blank.txt", "  \n "), "blank.txt: the article is empty");
    CHECK_THROWS_AS(read_article_file("bin.txt", std::string("a\0b", 3)), ParseError);
    CHECK_THROWS_WITH(read_article_file("none.jsonl", "\n\n"), "none.jsonl: no articles (JSON Lines with a \"text\" field expected)");
    CHECK_THROWS_WITH(read_article_file("feed.jsonl", "{\"text\":\"a\"}\n{\"id\":1.5,\"text\":\"b\"}\n"),
                      "feed.jsonl:2: \"id\" is neither a string nor an integer");
}

TEST_CASE("publication days") {
    CHECK(publication_day("") == "");
    CHECK(publication_day("2023-09-13") == "2023-09-13");
    CHECK(publication_day("2023-09-13T08:12:00Z") == "2023-09-13");
    CHECK_THROWS_WITH(publication_day("Sept 13"), "'Sept 13' is not YYYY-MM-DD");
    CHECK_THROWS_AS(publication_day("2023-02-30"), UsageError);
}

TEST_CASE("article files of a folder: recursive, by extension, in name order") {
    namespace fs = std::filesystem;
    const fs::path root = fs::temp_directory_path() / ("gz-articles-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "b" / "deep");
    for (const char* f : {"b/deep/z.ndjson", "a.txt", "b/c.jsonl", "b/notes.md", "d.TXT", "e.text"}) std::ofstream(root / f) << "x";
    const std::vector<std::string> found = article_files(root.string());
    CHECK(found == std::vector<std::string>{(root / "a.txt").string(), (root / "b/c.jsonl").string(),
                                            (root / "b/deep/z.ndjson").string(), (root / "e.text").string()});
    fs::remove_all(root);
    CHECK_THROWS_AS(article_files((root / "missing").string()), IoError);
}

TEST_CASE("read_source_bytes gives a file's bytes as they are, or an IoError naming it") {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                      ("gz_read_source_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "a.txt").string();
    const std::string bytes("Caf\xe9\0 in Kazan\r\n", 17);  // stray byte, NUL, CRLF: untouched
    std::ofstream(path, std::ios::binary) << bytes;
    CHECK(read_source_bytes(path) == bytes);

    const std::string missing = (dir / "missing.txt").string();
    CHECK_THROWS_MATCHES(read_source_bytes(missing, "the article"), IoError,
                         Catch::Message(missing + ": cannot read the article"));
    CHECK_THROWS_MATCHES(read_source_bytes(missing), IoError, Catch::Message(missing + ": cannot read the input"));
    std::filesystem::remove_all(dir);
}
