// Language codes, detection, and the ICU-free word keys of the Russian and Korean recognisers:
// word_key() must give exactly normalize_key()'s key (the index's), or names would silently stop
// matching; the comparison runs over every Cyrillic letter and a large random sample of Hangul.

#include <gazetteer/detail/normalize.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/geoparse.hpp>

#include "../../gazetteer/src/geoparse/language.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>

using namespace gazetteer;
using namespace gazetteer::detail;

namespace {
std::string key_of(std::string_view w) {
    std::string k;
    word_key(w, k);
    return k;
}
std::string utf8(char32_t c) {
    std::string s;
    append_utf8(s, c);
    return s;
}
}  // namespace

TEST_CASE("language codes", "[language]") {
    CHECK(canonical_language("ru") == "ru");
    CHECK(canonical_language("RU") == "ru");
    CHECK(canonical_language("ko-KR") == "ko");
    CHECK(canonical_language("kor") == "ko");
    CHECK(canonical_language("en") == "en");
    CHECK(canonical_language("") == "");
    CHECK(canonical_language("auto") == "");
    CHECK_THROWS_WITH(canonical_language("fr"), "unknown language 'fr' (expected en, ru, ko or auto)");
    CHECK_THROWS_AS(canonical_language("xx-YY"), UsageError);
}

TEST_CASE("language detection from the script", "[language]") {
    CHECK(detect_language("The train crossed the Tumen River into Russia.") == Language::English);
    CHECK(detect_language("Поезд пересёк реку Туманную и прибыл в Хасан.") == Language::Russian);
    CHECK(detect_language("열차는 두만강을 건너 러시아 하산역에 도착했다.") == Language::Korean);
    // A few foreign words do not change the language.
    CHECK(detect_language("Reporters in Vladivostok (Владивосток) waited for the train.") == Language::English);
    CHECK(detect_language("Ким прибыл в Heihe и затем в Благовещенск.") == Language::Russian);
    CHECK(detect_language("") == Language::English);
    CHECK(detect_language("12345 !!!") == Language::English);
}

TEST_CASE("word_key equals normalize_key for Cyrillic", "[language]") {
    for (char32_t c = 0x0400; c < 0x0460; ++c) {
        std::string w = "a" + utf8(c) + "b" + utf8(c);
        INFO("U+" << std::hex << static_cast<unsigned>(c));
        CHECK(key_of(w) == normalize_key(w));
    }
    for (const char* w : {"Владивосток", "Комсомольск-на-Амуре", "Объединённые", "Щёлково", "Приморье", "Хабаровска",
                          "Ъ", "СЕВЕРНАЯ", "Улан-Удэ", "Байконур", "Москва2024", "д'Ивуар"})
        CHECK(key_of(w) == normalize_key(w));
}

TEST_CASE("word_key equals normalize_key for Hangul", "[language]") {
    for (const char* w : {"평양", "평양에서", "블라디보스토크", "신의주", "동당역", "안암", "강원도", "조선민주주의인민공화국",
                          "최오어", "담판'의", "서울2", "하노이"})
        CHECK(key_of(w) == normalize_key(w));
    // Every pair of a final consonant and an initial, and every pair of vowels across a join.
    for (int f = 0; f < 28; ++f)
        for (int i = 0; i < 19; ++i) {
            std::string w = utf8(0xAC00 + (11 * 21 + 0) * 28 + f) + utf8(0xAC00 + (i * 21 + 0) * 28);
            REQUIRE(key_of(w) == normalize_key(w));
        }
    for (int v = 0; v < 21; ++v)
        for (int w2 = 0; w2 < 21; ++w2) {
            std::string w = utf8(0xAC00 + (11 * 21 + v) * 28) + utf8(0xAC00 + (11 * 21 + w2) * 28);
            REQUIRE(key_of(w) == normalize_key(w));
        }
    // Random words of two to four syllables, biased to vowel joins where ICU's rules look furthest.
    std::mt19937 rng(16);
    int mismatches = 0;
    for (int t = 0; t < 60000; ++t) {
        std::string w;
        int n = 2 + static_cast<int>(rng() % 3);
        for (int k = 0; k < n; ++k) {
            unsigned s = rng() % 11172;
            if (rng() % 3 == 0) s = (s / 28) * 28;                     // no final
            if (rng() % 4 == 0) s = (11 * 21 + (s / 28) % 21) * 28 + s % 28;  // initial ㅇ
            w += utf8(0xAC00 + s);
        }
        if (key_of(w) != normalize_key(w)) {
            ++mismatches;
            UNSCOPED_INFO(w << ": " << key_of(w) << " vs " << normalize_key(w));
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("romanisations used as fallback keys", "[language]") {
    std::string k;
    cyrillic_bgn_key("Новотроицк", k);
    CHECK(k == "novotroitsk");
    cyrillic_bgn_key("Тюмень", k);
    CHECK(k == "tyumen");
    cyrillic_bgn_key("Приморье", k);
    CHECK(k == "primorye");
    cyrillic_bgn_key("Екатеринбург", k);
    CHECK(k == "yekaterinburg");
    cyrillic_bgn_key("Нижнеленинское", k);
    CHECK(k == "nizhneleninskoye");
    hangul_rr_key("고흥", k);
    CHECK(k == "goheung");
    hangul_rr_key("전남", k);
    CHECK(k == "jeonnam");
    hangul_rr_key("울산", k);
    CHECK(k == "ulsan");
    hangul_rr_key("백두산", k);
    CHECK(k == "baekdusan");
    hangul_rr_key("전라남도", k);
    CHECK(k == "jeollanamdo");
    hangul_mr_key("개성", k);
    CHECK(k == "kaesong");
    hangul_mr_key("평양", k);
    CHECK(k == "pyongyang");
    hangul_mr_key("평안북도", k);
    CHECK(k == "pyonganbukto");
    hangul_mr_key("신의주", k);
    CHECK(k == "sinuiju");
    hangul_mr_key("금강산", k);
    CHECK(k == "kumgangsan");
    // Loanword spelling: ㄹ as l, 어 as o, the 으 added to a lone consonant dropped.
    hangul_loanword_key("랑선", k);
    CHECK(k == "langson");
    hangul_loanword_key("동당", k);
    CHECK(k == "dongdang");
    hangul_loanword_key("루스키", k);
    CHECK(k == "luski");
    hangul_loanword_key("그단스크", k);
    CHECK(k == "gdansk");
}
