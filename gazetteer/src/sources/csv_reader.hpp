#pragma once
// RFC 4180 CSV records over a LineReader: quoted fields may hold commas, doubled quotes and line
// breaks (internal).

#include "io/line_reader.hpp"

#include <gazetteer/error.hpp>

#include <string>
#include <vector>

namespace gazetteer::detail {

class CsvReader {
public:
    explicit CsvReader(const std::string& path) : m_lines(path) {}

    /// Next record; false at the end. Throws ParseError for an unterminated quote.
    bool next(std::vector<std::string>& fields) {
        fields.clear();
        std::string line;
        if (!m_lines.next(line)) return false;
        m_first_line = m_lines.line_number();
        std::string field;
        bool quoted = false, in_quotes = false;
        std::size_t i = 0;
        for (;;) {
            if (i >= line.size()) {
                if (in_quotes) {
                    if (!m_lines.next(line))
                        throw ParseError(m_lines.path(), m_first_line, "unterminated quoted field");
                    field.push_back('\n');
                    i = 0;
                    continue;
                }
                fields.push_back(std::move(field));
                return true;
            }
            char c = line[i++];
            if (in_quotes) {
                if (c == '"') {
                    if (i < line.size() && line[i] == '"') {
                        field.push_back('"');
                        ++i;
                    } else {
                        in_quotes = false;
                    }
                } else {
                    field.push_back(c);
                }
            } else if (c == '"' && field.empty() && !quoted) {
                in_quotes = quoted = true;
            } else if (c == ',') {
                fields.push_back(std::move(field));
                field.clear();
                quoted = false;
            } else {
                field.push_back(c);
            }
        }
    }
    /// Line on which the last record started (1-based).
    std::uint64_t line_number() const { return m_first_line; }
    const std::string& path() const { return m_lines.path(); }

private:
    LineReader m_lines;
    std::uint64_t m_first_line = 0;
};

}  // namespace gazetteer::detail
