#pragma once
// The engine's exception hierarchy. Expected outcomes ("no match", "ambiguous") are values in
// results, never exceptions; these are for bad input, bad files and misuse.

#include <cstddef>
#include <stdexcept>
#include <string>

namespace gazetteer {

/// Root of every exception the engine throws.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Malformed input text: knows the file (or "<stdin>") and the 1-based line, 0 when unknown.
class ParseError : public Error {
public:
    ParseError(std::string file, std::size_t line, const std::string& what)
        : Error(format(file, line, what)), m_file(std::move(file)), m_line(line), m_reason(what) {}
    const std::string& file() const noexcept { return m_file; }
    std::size_t line() const noexcept { return m_line; }
    /// What is wrong, without the file and line ("no \"text\" string").
    const std::string& reason() const noexcept { return m_reason; }

private:
    static std::string format(const std::string& file, std::size_t line, const std::string& what) {
        return line ? file + ":" + std::to_string(line) + ": " + what : file + ": " + what;
    }
    std::string m_file;
    std::size_t m_line;
    std::string m_reason;
};

/// An index file that cannot be used: missing, truncated, corrupt, foreign or of another version.
class IndexError : public Error {
public:
    IndexError(std::string path, const std::string& what)
        : Error(path + ": " + what), m_path(std::move(path)) {}
    const std::string& path() const noexcept { return m_path; }

private:
    std::string m_path;
};

/// A file that cannot be read or written (I/O, permissions, GDAL driver failures).
class IoError : public Error {
public:
    using Error::Error;
};

/// The caller asked for something impossible (bad option value, unknown format).
class UsageError : public Error {
public:
    using Error::Error;
};

/// Well-formed input that cannot give what was asked: a route stop that no place matches or that
/// several places far apart match, an article with too few stops for GIS layers, a command-line
/// look-up without a match. The message says what to change; the CLI exits 1 (a failed job), as
/// against UsageError's 2 (a request that could never work).
class InputError : public Error {
public:
    using Error::Error;
};

/// The caller stopped a long operation through its progress callback (see Geoparser::parse).
class Cancelled : public Error {
public:
    using Error::Error;
};

}  // namespace gazetteer
