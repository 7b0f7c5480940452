#include <gazetteer/detail/normalize.hpp>

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <vector>

namespace gazetteer::detail {

namespace {

// ICU transliterators are not safe to share between threads while transliterating, and are slow
// to create (tens of ms), so each thread keeps its own, created on first use.
icu::Transliterator* thread_transliterator() {
    thread_local std::unique_ptr<icu::Transliterator> t;
    thread_local bool tried = false;
    if (!tried) {
        tried = true;
        UErrorCode status = U_ZERO_ERROR;
        // Apostrophe-like letters are removed first: Latin-ASCII would turn some into quotes and
        // leave others (U+02B9 MODIFIER LETTER PRIME from the Russian soft sign) untouched.
        icu::UnicodeString rules(
            "[\\u2018\\u2019\\u02BB\\u02BC\\u02B9\\u02BA\\u00B4\\u0060\\u2032] > ; "
            ":: Any-Latin; :: Latin-ASCII; ");
        UParseError perr;
        t.reset(icu::Transliterator::createFromRules("gazetteer-key", rules, UTRANS_FORWARD, perr, status));
        if (U_FAILURE(status)) {
            status = U_ZERO_ERROR;
            t.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
            if (U_FAILURE(status)) t.reset();
        }
    }
    return t.get();
}

}  // namespace

void fold_ascii_key(std::string_view in, std::string& out) {
    // Written through a raw pointer into a buffer sized for the worst case (one byte per input
    // byte), then trimmed: the geoparser runs this for every word of every article.
    out.resize(in.size());
    char* o = out.data();
    std::size_t n = 0;
    bool pending_space = false;
    for (unsigned char c : in) {
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (pending_space && n) o[n++] = ' ';
            pending_space = false;
            o[n++] = static_cast<char>(c);
        } else if (c == '\'' || c == '`' || c >= 0x80) {
            // dropped: apostrophes join ("Komsomol'sk"), leftover non-ASCII is a modifier letter
        } else {
            pending_space = true;
        }
    }
    out.resize(n);
}

bool is_ascii(std::string_view s) noexcept {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string normalize_key(std::string_view utf8) {
    std::string out;
    if (is_ascii(utf8)) {
        fold_ascii_key(utf8, out);
        return out;
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    if (auto* t = thread_transliterator()) t->transliterate(u);
    std::string latin;
    u.toUTF8String(latin);
    fold_ascii_key(latin, out);
    return out;
}

unsigned edit_distance(std::string_view a, std::string_view b, unsigned max_distance) {
    const std::size_t n = a.size(), m = b.size();
    if ((n > m ? n - m : m - n) > max_distance) return max_distance + 1;
    // Optimal string alignment: insertions, deletions, substitutions and adjacent transpositions.
    thread_local std::vector<unsigned> prev2, prev, cur;
    prev2.assign(m + 1, 0);
    prev.resize(m + 1);
    cur.resize(m + 1);
    for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<unsigned>(j);
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = static_cast<unsigned>(i);
        unsigned row_min = cur[0];
        for (std::size_t j = 1; j <= m; ++j) {
            unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
            unsigned v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, prev2[j - 2] + 1);
            cur[j] = v;
            row_min = std::min(row_min, v);
        }
        if (row_min > max_distance) return max_distance + 1;
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return std::min(prev[m], max_distance + 1);
}

}  // namespace gazetteer::detail
