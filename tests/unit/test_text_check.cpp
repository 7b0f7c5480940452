// The article gate shared by every face: UTF-8 repair by maximal subparts (the count of code
// points must match Python's "replace" decoding) and refusal of input that is not text.

#include <gazetteer/error.hpp>
#include <gazetteer/text.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace gazetteer;

namespace {

const std::string kFffd = "\xEF\xBF\xBD";

std::string repaired(std::string s, std::size_t expected_count) {
    CHECK(make_valid_utf8(s) == expected_count);
    CHECK(is_valid_utf8(s));
    return s;
}

}  // namespace

TEST_CASE("well-formed UTF-8 passes untouched", "[text_check]") {
    std::string s = "Москва, Seoul 서울, Zürich, emoji \xF0\x9F\x8C\x8D";
    const std::string before = s;
    CHECK(is_valid_utf8(s));
    CHECK(check_text(s, "a.txt") == 0);
    CHECK(s == before);
    std::string empty;
    CHECK(check_text(empty, "empty.txt") == 0);
}

TEST_CASE("ill-formed sequences become one U+FFFD per maximal subpart", "[text_check]") {
    // Expected counts are those of Python's bytes.decode("utf-8", "replace").
    CHECK(repaired("Paris\xFF", 1) == "Paris" + kFffd);                   // never a lead byte
    CHECK(repaired("a\xC3" "b", 1) == "a" + kFffd + "b");                 // truncated 2-byte
    CHECK(repaired("a\xE2\x82" "b", 1) == "a" + kFffd + "b");             // truncated 3-byte: one
    CHECK(repaired("\xC0\xAF", 2) == kFffd + kFffd);                      // overlong '/'
    CHECK(repaired("\xE0\x80\xAF", 3) == kFffd + kFffd + kFffd);          // overlong 3-byte
    CHECK(repaired("\xED\xA0\x80", 3) == kFffd + kFffd + kFffd);          // UTF-16 surrogate
    CHECK(repaired("\xF4\x90\x80\x80", 4) == kFffd + kFffd + kFffd + kFffd);  // above U+10FFFF
    CHECK(repaired("\xF0\x9F\x8C", 1) == kFffd);                          // truncated 4-byte at end
    CHECK(repaired("\x80\x80", 2) == kFffd + kFffd);                      // lone continuation bytes
}

TEST_CASE("check_text repairs stray bytes and counts them", "[text_check]") {
    std::string s = "Officials in Caf\xE9 Paris said on Monday that the talks in Geneva would resume.";
    CHECK(check_text(s, "latin1.txt") == 1);
    CHECK(s == "Officials in Caf" + kFffd + " Paris said on Monday that the talks in Geneva would resume.");
}

TEST_CASE("a stray byte in a very short text is repaired, not refused", "[text_check]") {
    std::string s = "Z\xFCrich";  // Latin-1, one bad byte of six
    CHECK(check_text(s, "short.txt") == 1);
    CHECK(s == "Z" + kFffd + "rich");
}

TEST_CASE("input that is not text is refused with its name", "[text_check]") {
    SECTION("a NUL byte") {
        std::string s("GIF89a\x01\x00\x01\x00", 10);
        try {
            check_text(s, "photo.txt");
            FAIL("accepted a NUL byte");
        } catch (const ParseError& e) {
            CHECK(e.file() == "photo.txt");
            CHECK(std::string(e.what()).rfind("photo.txt: not text: NUL byte at offset 7", 0) == 0);
        }
    }
    SECTION("UTF-16 text") {
        std::string s("\xFF\xFEM\x00o\x00s\x00", 8);
        CHECK_THROWS_AS(check_text(s, "utf16.txt"), ParseError);
    }
    SECTION("mostly ill-formed bytes") {
        std::string s;
        for (int i = 0; i < 200; ++i) s += static_cast<char>(0x80 + (i * 37) % 128);
        s += "Ak Dhaka";
        try {
            check_text(s, "blob.bin", 4);
            FAIL("accepted binary bytes");
        } catch (const ParseError& e) {
            CHECK(e.line() == 4);
            CHECK(std::string(e.what()).find("blob.bin:4: not UTF-8 text") == 0);
        }
    }
    SECTION("control-character soup") {
        std::string s;
        for (int i = 0; i < 50; ++i) s += "\x01\x02\x1B" "ab";
        CHECK_THROWS_AS(check_text(s, "ctl.txt"), ParseError);
    }
    SECTION("a Windows-1251 Russian text") {
        std::string s = "\xCC\xEE\xF1\xEA\xE2\xE0 \xE8 \xCA\xE8\xE5\xE2";  // "Москва и Киев"
        CHECK_THROWS_AS(check_text(s, "cp1251.txt"), ParseError);
    }
}
