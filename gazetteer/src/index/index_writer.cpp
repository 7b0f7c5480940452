// Write stage: the index file, header and sections and table, to a temporary file renamed into
// place.

#include "index/build_stages.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/temp_files.hpp>
#include <gazetteer/version.hpp>

#include <xxhash.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace gazetteer::detail {

std::uint64_t header_checksum(const Header& h, std::span<const SectionEntry> table);

void write_index_file(const std::string& out_path, std::span<const SectionBytes> sections) {
    namespace fs = std::filesystem;
    fs::path out(out_path);
    if (out.has_parent_path()) {
        std::error_code ec;
        fs::create_directories(out.parent_path(), ec);
    }
    TempOutput tmp_guard(temp_path_for(out_path), TempOutput::Kind::File);
    const std::string tmp = tmp_guard.path();
    {
        std::FILE* fp = std::fopen(tmp.c_str(), "wb");
        if (!fp) throw IoError(out_path + ": cannot write (" + std::strerror(errno) + ")");
        std::uint64_t pos = 0;
        bool ok = true;
        auto put = [&](const void* p, std::size_t n) {
            if (n && std::fwrite(p, 1, n, fp) != n) ok = false;
            pos += n;
        };
        auto pad8 = [&] {
            static const char zeros[8] = {};
            put(zeros, (8 - pos % 8) % 8);
        };
        Header h{};
        std::memcpy(h.magic, kMagic, sizeof kMagic);
        h.format_version = index_format_version;
        h.endian_mark = kEndianMark;
        put(&h, sizeof h);
        std::vector<SectionEntry> table;
        auto section = [&](SectionId id, const void* p, std::size_t n) {
            pad8();
            SectionEntry e{};
            e.id = static_cast<std::uint32_t>(id);
            e.offset = pos;
            e.size = n;
            e.checksum = XXH3_64bits(p, n);
            put(p, n);
            table.push_back(e);
        };
        for (const auto& sec : sections) section(sec.id, sec.data, sec.size);
        pad8();
        h.section_count = static_cast<std::uint32_t>(table.size());
        h.table_offset = pos;
        put(table.data(), table.size() * sizeof(SectionEntry));
        h.file_size = pos;
        h.header_checksum = header_checksum(h, table);
        if (std::fseek(fp, 0, SEEK_SET) != 0) ok = false;
        if (ok && std::fwrite(&h, 1, sizeof h, fp) != sizeof h) ok = false;
        if (std::fflush(fp) != 0) ok = false;
        if (std::fclose(fp) != 0) ok = false;
        if (!ok) {
            std::remove(tmp.c_str());
            throw IoError(out_path + ": write failed (" + std::strerror(errno) + ")");
        }
    }
    std::error_code ec;
    fs::rename(tmp, out, ec);
    if (ec) {
        std::remove(tmp.c_str());
        throw IoError(out_path + ": cannot move the new index into place (" + ec.message() + ")");
    }
    tmp_guard.release();
}

}  // namespace gazetteer::detail
