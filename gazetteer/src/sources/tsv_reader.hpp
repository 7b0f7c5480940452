#pragma once
// Rows of GeoNames' tab-separated files (the dumps, alternateNamesV2.txt, admin1CodesASCII.txt,
// countryInfo.txt): blank lines and '#' comments are passed over, the rest split at tabs, as
// the GeoNames export README describes them (internal).

#include "io/line_reader.hpp"
#include "sources/drafts.hpp"
#include "sources/fields.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazetteer::detail {

class TsvReader {
public:
    /// Opens `path` (plain, .gz or .zip: see LineReader). With `progress`, reports
    /// "reading <file name>" to it every 65,536 lines, for the large files.
    explicit TsvReader(const std::string& path, Drafts* progress = nullptr)
        : m_lines(path), m_progress(progress),
          m_stage(progress ? "reading " + std::filesystem::path(path).filename().string() : std::string()) {}

    /// Next row; its fields view a buffer that the next call overwrites. False at the end.
    bool next(std::vector<std::string_view>& fields) {
        while (m_lines.next(m_line)) {
            if (m_progress && (m_lines.line_number() & 0xFFFF) == 0)
                m_progress->progress(m_stage, m_lines.bytes_read(), m_lines.total_bytes());
            if (m_line.empty() || m_line[0] == '#') continue;
            fields = fields::split(m_line, '\t');
            return true;
        }
        return false;
    }
    /// Reports the whole file read (readers made with `progress`).
    void report_done() {
        if (m_progress) m_progress->progress(m_stage, m_lines.total_bytes(), m_lines.total_bytes());
    }
    /// 1-based line of the row last returned.
    std::uint64_t line_number() const { return m_lines.line_number(); }

private:
    LineReader m_lines;
    Drafts* m_progress;
    std::string m_stage;
    std::string m_line;
};

/// How read_tsv_rows reports progress: not at all (small files), every 65,536 lines, or that and
/// once more at the end.
enum class TsvProgress { Quiet, Periodic, PeriodicAndDone };

/// Hands every row of a tab-separated GeoNames file to `take(fields, line)`, which returns
/// whether it took the row (a malformed one it reports through Drafts::warn); then records the
/// source under `role`. Returns the number of rows taken.
template <class Take>
std::uint64_t read_tsv_rows(Drafts& st, const std::string& path, SourceInfo info, const std::string& role,
                            TsvProgress progress, Take take) {
    TsvReader in(path, progress == TsvProgress::Quiet ? nullptr : &st);
    std::vector<std::string_view> fields;
    std::uint64_t taken = 0;
    while (in.next(fields))
        if (take(fields, in.line_number())) ++taken;
    if (progress == TsvProgress::PeriodicAndDone) in.report_done();
    st.record_source(std::move(info), path, role, taken);
    return taken;
}

}  // namespace gazetteer::detail
