#pragma once
// What an open Index holds: the mapping and typed views into its sections (internal).

#include "index/format.hpp"

#include <gazetteer/detail/index_keys.hpp>
#include <gazetteer/index.hpp>

#include <marisa.h>
#include <nlohmann/json.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <span>
#include <string>

namespace gazetteer::detail {

class CountryLocator;

struct IndexData {
    std::string path;
    const unsigned char* base = nullptr;
    std::size_t size = 0;
    const Header* header = nullptr;
    std::span<const SectionEntry> table;

    std::span<const PlaceRec> places;
    std::span<const AltRec> alts;
    const char* strings = nullptr;
    std::size_t strings_size = 0;
    marisa::Trie trie;
    std::span<const std::uint32_t> posting_offsets;
    std::span<const std::uint32_t> postings;
    std::span<const FuzzyRec> fuzzy;
    std::span<const std::uint32_t> grid_cells;
    std::span<const std::uint32_t> grid_places;
    std::span<const std::uint32_t> id_order;
    std::span<const unsigned char> boundaries;
    std::span<const std::uint8_t> key_lengths;
    std::span<const std::uint32_t> fuzzy_dir;
    unsigned fuzzy_dir_bits = 0;
    std::span<const CompletionRec> completion_prefixes;
    std::span<const CompletionEntry> completion_entries;
    nlohmann::json meta;

    /// The table entry of each section by id (all present after open()).
    std::array<const SectionEntry*, kLastSection + 1> sections{};
    /// Sections whose checksum has been verified (see check()).
    mutable std::array<std::once_flag, kLastSection + 1> checked;
    /// Set once a section's check succeeded: the fast path of check(). std::call_once of
    /// libstdc++ has none of its own; it sets thread-local state on every call, which in the
    /// Python module (a shared object: every thread-local access calls __tls_get_addr) cost
    /// about a tenth of a look-up.
    mutable std::array<std::atomic<bool>, kLastSection + 1> verified{};

    /// Verifies the checksum of section `id` the first time it is used, so that a damaged file
    /// is refused on use (IndexError naming the section) without hashing the whole file on
    /// open. Throws on every use of a damaged section, not only the first.
    void check(SectionId id) const;

    mutable std::once_flag locator_once;
    mutable std::unique_ptr<CountryLocator> locator;
    mutable std::exception_ptr locator_error;  ///< why the locator could not be made, if it could not

    IndexData() = default;
    IndexData(const IndexData&) = delete;
    IndexData& operator=(const IndexData&) = delete;
    ~IndexData();

    /// A string of the pool; "" for an offset outside it (a damaged file must never crash us).
    std::string_view str(std::uint32_t offset) const {
        check(SectionId::Strings);
        if (offset >= strings_size) return {};
        const char* s = strings + offset;
        const void* nul = std::memchr(s, 0, strings_size - offset);
        return nul ? std::string_view(s, static_cast<const char*>(nul) - s) : std::string_view();
    }
};

/// The one door from an Index to its data, for the key-level reads (detail/index_keys.hpp).
struct IndexAccess {
    static const IndexData& data(const Index& index) noexcept { return *index.m_data; }
};

}  // namespace gazetteer::detail
