// Tokenisation for the geoparser: words, possessives, hyphens, initials, sentences, and offsets
// in Unicode code points next to bytes.

#include <gazetteer/text.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace gazetteer;

namespace {

std::vector<std::string> words(std::string_view text) {
    auto t = tokenize(text);
    std::vector<std::string> out;
    for (const auto& tok : t.tokens)
        if (tok.is(TokWord)) out.emplace_back(text.substr(tok.begin, tok.end - tok.begin));
    return out;
}

}  // namespace

TEST_CASE("possessives and hyphenated forms split off the name", "[tokenize]") {
    CHECK(words("Russia's army") == std::vector<std::string>{"Russia", "army"});
    CHECK(words("Russia\u2019s army") == std::vector<std::string>{"Russia", "army"});
    CHECK(words("a Seoul-based group") == std::vector<std::string>{"a", "Seoul", "based", "group"});
    // Apostrophes inside names stay: O'Hare, d'Ivoire.
    CHECK(words("O'Hare and Cote d'Ivoire") == std::vector<std::string>{"O'Hare", "and", "Cote", "d'Ivoire"});
    auto t = tokenize("Russia's");
    REQUIRE(t.tokens.size() == 2);
    CHECK(t.tokens[1].is(TokPossessive));
}

TEST_CASE("initials with dots are one token", "[tokenize]") {
    auto t = tokenize("The U.S. and the U.N. met. Then Mr. Smith left.");
    std::vector<std::string> abbr;
    std::string text = "The U.S. and the U.N. met. Then Mr. Smith left.";
    for (const auto& tok : t.tokens)
        if (tok.is(TokDottedAbbrev)) abbr.emplace_back(text.substr(tok.begin, tok.end - tok.begin));
    CHECK(abbr == std::vector<std::string>{"U.S.", "U.N."});
    // "met." ends a sentence, "Mr." does not.
    REQUIRE(t.sentences.size() == 2);
    CHECK(text.substr(t.sentences[1].begin, t.sentences[1].end - t.sentences[1].begin) == "Then Mr. Smith left.");
}

TEST_CASE("offsets count Unicode code points", "[tokenize]") {
    // "Café" has 4 code points and 5 bytes; "Пхеньян" 7 code points and 14 bytes.
    std::string text = "Café in Пхеньян, 😀 Seoul";
    auto t = tokenize(text);
    std::vector<Token> w;
    for (const auto& tok : t.tokens)
        if (tok.is(TokWord)) w.push_back(tok);
    REQUIRE(w.size() == 4);
    CHECK(w[0].cp_begin == 0);
    CHECK(w[0].cp_end == 4);
    CHECK(w[0].end == 5);
    CHECK(w[2].cp_begin == 8);
    CHECK(w[2].cp_end == 15);
    CHECK(w[2].is(TokNonAscii));
    CHECK(w[2].is(TokCapitalised));
    // The emoji is one code point (4 bytes): "Seoul" starts at code point 19.
    CHECK(w[3].cp_begin == 19);
    CHECK(text.substr(w[3].begin, w[3].end - w[3].begin) == "Seoul");
    CHECK(code_point_count(text) == 24);
}

TEST_CASE("capitalisation flags and sentence starts", "[tokenize]") {
    auto t = tokenize("BEIRUT (Reuters) - Turkey said.\nNew line here");
    std::vector<Token> w;
    for (const auto& tok : t.tokens)
        if (tok.is(TokWord)) w.push_back(tok);
    REQUIRE(w.size() == 7);
    CHECK(w[0].is(TokAllCaps));
    CHECK(w[0].is(TokSentenceStart));
    CHECK(w[2].is(TokCapitalised));
    CHECK_FALSE(w[2].is(TokSentenceStart));
    CHECK(w[4].is(TokSentenceStart));  // after a line break
    CHECK(w[4].is(TokNewlineBefore));
    CHECK_FALSE(w[5].is(TokCapitalised));
}

TEST_CASE("invalid UTF-8 and empty input do not break offsets", "[tokenize]") {
    CHECK(tokenize("").tokens.empty());
    std::string bad = "a\xff b";
    auto t = tokenize(bad);
    REQUIRE(t.tokens.size() == 3);
    CHECK(t.tokens[1].is(TokPunct));
    CHECK(t.tokens[2].cp_begin == 3);
}
