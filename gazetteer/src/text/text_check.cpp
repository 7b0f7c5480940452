// UTF-8 validation and repair, and the gate that refuses non-text article input. One
// implementation for every face, so that the CLI, the Python module and the QGIS plugin accept
// and refuse the same bytes and count code points the same way.
//
// Well-formed UTF-8 is Table 3-7 of the Unicode Standard (chapter 3.9); ill-formed input is
// replaced by maximal subparts (the "U+FFFD Substitution of Maximal Subparts" practice of the same
// chapter), which is what Python's "replace" error handler and the WHATWG Encoding Standard do.

#include <gazetteer/error.hpp>
#include <gazetteer/text.hpp>

#include <fmt/format.h>

namespace gazetteer {

namespace {

// Length of the well-formed sequence starting at s[i] (1 to 4), or 0 when ill-formed; in that
// case `bad` is the length of the maximal subpart to replace by one U+FFFD (at least 1).
inline unsigned sequence_length(std::string_view s, std::size_t i, unsigned& bad) noexcept {
    auto at = [&](std::size_t k) -> unsigned { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0x100u; };
    const unsigned b0 = at(i);
    if (b0 < 0x80) return 1;
    unsigned need;
    unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) need = 1;
    else if (b0 == 0xE0) { need = 2; lo = 0xA0; }
    else if (b0 >= 0xE1 && b0 <= 0xEC) need = 2;
    else if (b0 == 0xED) { need = 2; hi = 0x9F; }  // no UTF-16 surrogates
    else if (b0 >= 0xEE && b0 <= 0xEF) need = 2;
    else if (b0 == 0xF0) { need = 3; lo = 0x90; }
    else if (b0 >= 0xF1 && b0 <= 0xF3) need = 3;
    else if (b0 == 0xF4) { need = 3; hi = 0x8F; }  // nothing above U+10FFFF
    else { bad = 1; return 0; }                      // 80..C1, F5..FF never start a sequence
    for (unsigned k = 1; k <= need; ++k) {
        const unsigned b = at(i + k);
        const bool ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
        if (!ok) { bad = k; return 0; }
    }
    return need + 1;
}

inline bool is_bad_control(unsigned char c) noexcept {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r') || c == 0x7F;
}

}  // namespace

bool is_valid_utf8(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) { ++i; continue; }
        unsigned bad = 0;
        const unsigned len = sequence_length(s, i, bad);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

std::size_t make_valid_utf8(std::string& s) {
    if (is_valid_utf8(s)) return 0;
    std::string out;
    out.reserve(s.size() + 16);
    std::size_t replaced = 0;
    for (std::size_t i = 0; i < s.size();) {
        unsigned bad = 0;
        const unsigned len = sequence_length(s, i, bad);
        if (len) {
            out.append(s, i, len);
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++replaced;
            i += bad;
        }
    }
    s.swap(out);
    return replaced;
}

std::size_t check_text(std::string& data, const std::string& name, std::size_t line) {
    std::size_t bad_bytes = 0;
    for (std::size_t i = 0; i < data.size();) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c == 0)
            throw ParseError(name, line,
                             fmt::format("not text: NUL byte at offset {} (a binary file, or UTF-16/UTF-32 text: convert it to UTF-8)", i));
        if (c < 0x80) {
            if (is_bad_control(c)) ++bad_bytes;
            ++i;
            continue;
        }
        unsigned bad = 0;
        const unsigned len = sequence_length(data, i, bad);
        if (len) {
            i += len;
        } else {
            bad_bytes += bad;
            i += bad;
        }
    }
    // A few bad bytes in a very short text (a Latin-1 "Z\xFCrich") are a stray encoding, not a
    // binary file: the share counts from kMinBadBytes on.
    if (bad_bytes >= kMinBadBytes && static_cast<double>(bad_bytes) > kMaxBadTextShare * static_cast<double>(data.size()))
        throw ParseError(name, line,
                         fmt::format("not UTF-8 text: {} of its {} bytes are invalid UTF-8 or control characters (a binary "
                                     "file, or text in another encoding: convert it to UTF-8)",
                                     bad_bytes, data.size()));
    return bad_bytes ? make_valid_utf8(data) : 0;
}

}  // namespace gazetteer
