// libFuzzer target: the geoparser (recognition, resolution, JSON Lines output) on any byte
// sequence, over the small test index. Mention offsets must lie inside the text.

#include "fuzz_support.hpp"

#include <gazetteer/geoparse.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/text.hpp>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

namespace {
const gazetteer::Index* g_index = nullptr;
const gazetteer::Geoparser* g_parser = nullptr;
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    static auto index = std::make_unique<gazetteer::Index>(gazetteer::Index::open(gazetteer::fuzz::test_index_path()));
    static gazetteer::Geoparser parser(*index);
    g_index = index.get();
    g_parser = &parser;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto result = g_parser->parse("fuzz", text);
    const std::size_t cps = gazetteer::code_point_count(text);
    for (const auto& m : result.mentions)
        if (m.start > m.end || m.end > cps) std::abort();
    std::string line;
    gazetteer::append_json_line(line, result);
    return 0;
}
