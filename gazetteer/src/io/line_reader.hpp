#pragma once
// Reads a text file line by line through GDAL's virtual file system, so that plain files,
// .gz (/vsigzip/) and .zip (/vsizip/) dumps are read alike without unpacking them (internal).

#include <cstdint>
#include <string>

namespace gazetteer::detail {

class LineReader {
public:
    /// Opens `path`. A ".zip" path reads the first .txt member, or the member named after it
    /// ("dump.zip/cities500.txt"). Throws IoError naming the path.
    explicit LineReader(const std::string& path);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    /// Next line without its end of line ("\n" or "\r\n"); false at the end of the file.
    bool next(std::string& line);
    /// 1-based number of the line last returned.
    std::uint64_t line_number() const { return m_line; }
    /// Bytes read so far and total size of the file (0 when unknown), for progress.
    std::uint64_t bytes_read() const { return m_consumed; }
    std::uint64_t total_bytes() const { return m_total; }
    const std::string& path() const { return m_path; }

private:
    bool fill();
    std::string m_path;
    void* m_fp = nullptr;
    std::string m_buf;
    std::size_t m_pos = 0;
    bool m_eof = false;
    std::uint64_t m_line = 0, m_consumed = 0, m_total = 0;
};

/// The GDAL/VSI name of a user path (adds /vsigzip/ or /vsizip/ as needed).
std::string vsi_path(const std::string& path);

/// Hex SHA-256 of a file's bytes (read through VSI). Throws IoError.
std::string sha256_file(const std::string& path);

}  // namespace gazetteer::detail
