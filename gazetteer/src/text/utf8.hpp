// UTF-8 decoding shared by the tokenizer and the language recognisers (internal header).
#pragma once

#include <cstddef>
#include <string_view>

namespace gazetteer::detail {

/// Decodes the code point at s[i] and sets `len` to its length in bytes. An invalid or truncated
/// sequence decodes as U+FFFD of length 1, so that code point counts stay aligned with what a
/// lenient decoder (Python's "replace" error handler) produces.
inline char32_t decode_utf8(std::string_view s, std::size_t i, unsigned& len) noexcept {
    auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) { len = 1; return b0; }
    auto cont = [&](std::size_t k) { return k < s.size() && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80; };
    auto bits = [&](std::size_t k) { return char32_t(static_cast<unsigned char>(s[k]) & 0x3F); };
    if ((b0 & 0xE0) == 0xC0 && b0 >= 0xC2 && cont(i + 1)) {
        len = 2;
        return (char32_t(b0 & 0x1F) << 6) | bits(i + 1);
    }
    if ((b0 & 0xF0) == 0xE0 && cont(i + 1) && cont(i + 2)) {
        len = 3;
        return (char32_t(b0 & 0x0F) << 12) | (bits(i + 1) << 6) | bits(i + 2);
    }
    if ((b0 & 0xF8) == 0xF0 && b0 <= 0xF4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
        len = 4;
        return (char32_t(b0 & 0x07) << 18) | (bits(i + 1) << 12) | (bits(i + 2) << 6) | bits(i + 3);
    }
    len = 1;
    return 0xFFFD;
}

}  // namespace gazetteer::detail
