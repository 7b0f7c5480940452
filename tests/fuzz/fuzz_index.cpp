// libFuzzer target: opening and querying mutated index files. The input is a list of patches
// applied to the small test index: (uint32 offset, uint8 byte) pairs after one mode byte. In mode
// "fix checksums" (odd mode byte) the section and header checksums are recomputed after
// patching, so the damage gets past the checksums and reaches the readers' own value checks,
// as a file written by a faulty builder would. Every outcome must be an answer or an
// IndexError: no crash, no out-of-bounds read, no undefined behaviour.

#include "fuzz_support.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/geoparse.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/lookup.hpp>

#include <xxhash.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

std::string g_pristine;
// The keys section (a marisa-trie) in the pristine file. marisa trusts its bytes, so the trie's
// integrity rests on its checksum, verified on every open: forged keys behind a recomputed
// checksum are outside what the engine can defend and are not generated.
std::size_t g_keys_begin = 0, g_keys_end = 0;

// The on-disk layout (gazetteer/src/index/format.hpp): a 64-byte header whose checksum at byte
// 32 covers the header (checksum zeroed) and the section table; 32-byte table entries
// {id, flags, offset, size, checksum}.
void fix_checksums(std::string& f) {
    auto u32 = [&](std::size_t at) { std::uint32_t v; std::memcpy(&v, f.data() + at, 4); return v; };
    auto u64 = [&](std::size_t at) { std::uint64_t v; std::memcpy(&v, f.data() + at, 8); return v; };
    const std::uint32_t count = u32(12);
    const std::uint64_t table = u64(24);
    if (count == 0 || count > 64 || table > f.size() || f.size() - table < count * 32ull) return;
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::size_t e = table + i * 32ull;
        const std::uint64_t off = u64(e + 8), len = u64(e + 16);
        if (off > f.size() || len > f.size() - off) continue;
        const std::uint64_t sum = XXH3_64bits(f.data() + off, len);
        std::memcpy(f.data() + e + 24, &sum, 8);
    }
    std::string head = f.substr(0, 64);
    std::memset(head.data() + 32, 0, 8);
    XXH3_state_t* st = XXH3_createState();
    XXH3_64bits_reset(st);
    XXH3_64bits_update(st, head.data(), head.size());
    XXH3_64bits_update(st, f.data() + table, count * 32ull);
    const std::uint64_t sum = XXH3_64bits_digest(st);
    XXH3_freeState(st);
    std::memcpy(f.data() + 32, &sum, 8);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    std::ifstream in(gazetteer::fuzz::test_index_path(), std::ios::binary);
    g_pristine.assign(std::istreambuf_iterator<char>(in), {});
    if (g_pristine.size() < 64) std::abort();
    std::uint32_t count;
    std::uint64_t table;
    std::memcpy(&count, g_pristine.data() + 12, 4);
    std::memcpy(&table, g_pristine.data() + 24, 8);
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint32_t id;
        std::uint64_t off, len;
        std::memcpy(&id, g_pristine.data() + table + i * 32ull, 4);
        std::memcpy(&off, g_pristine.data() + table + i * 32ull + 8, 8);
        std::memcpy(&len, g_pristine.data() + table + i * 32ull + 16, 8);
        if (id == 5) g_keys_begin = off, g_keys_end = off + len;
    }
    if (g_keys_end == 0) std::abort();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    static gazetteer::fuzz::ScratchFile file(".gzidx");
    std::string bytes = g_pristine;
    const bool forge = data[0] & 1;
    for (std::size_t i = 1; i + 5 <= size; i += 5) {
        std::uint32_t off;
        std::memcpy(&off, data + i, 4);
        const std::size_t at = off % bytes.size();
        if (forge && at >= g_keys_begin && at < g_keys_end) continue;
        bytes[at] = static_cast<char>(data[i + 4]);
    }
    if (forge) fix_checksums(bytes);
    file.write(bytes);
    try {
        const gazetteer::Index index = gazetteer::Index::open(file.path());
        for (const char* q : {"London", "Pyongyang", "Lodnon", "Sea of Japan", "Korea"}) {
            for (const auto& c : gazetteer::lookup(index, q)) {
                if (!std::isfinite(c.score) || std::fabs(c.place.lat) > 90 || std::fabs(c.place.lon) > 180) std::abort();
            }
            (void)gazetteer::search_prefix(index, std::string(q).substr(0, 3));
        }
        (void)gazetteer::reverse(index, 51.5, -0.12);
        (void)gazetteer::reverse(index, 39.0, 125.7);
        const gazetteer::Geoparser parser(index);
        (void)parser.parse("fuzz", "Officials in London and Pyongyang met near the Sea of Japan.");
        (void)index.info();
    } catch (const gazetteer::IndexError&) {
        // refused: the expected outcome for a damaged file
    }
    return 0;
}
