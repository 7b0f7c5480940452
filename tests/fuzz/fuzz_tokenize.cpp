// libFuzzer target: the tokenizer on any byte sequence. Checks the invariants callers slice by:
// token and sentence offsets in bounds, ordered, and code point offsets consistent with bytes.

#include <gazetteer/text.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const gazetteer::TokenizedText t = gazetteer::tokenize(text);
    if (t.sentence_of.size() != t.tokens.size()) std::abort();
    std::uint32_t prev_end = 0;
    for (const auto& tok : t.tokens) {
        if (tok.begin < prev_end || tok.end <= tok.begin || tok.end > size) std::abort();
        if (tok.cp_end <= tok.cp_begin || tok.cp_end > tok.end) std::abort();
        if (gazetteer::code_point_count(text.substr(tok.begin, tok.end - tok.begin)) != tok.cp_end - tok.cp_begin) std::abort();
        prev_end = tok.end;
    }
    for (const auto& s : t.sentences) {
        if (s.first > s.last || s.last > t.tokens.size() || s.begin > s.end || s.end > size) std::abort();
    }
    return 0;
}
