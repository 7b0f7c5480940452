#pragma once
// Reading articles: plain text files, JSON objects and JSON Lines records, with one rule for the
// id of an article that does not name one. The `gazetteer geoparse` and `gazetteer itinerary`
// commands, the bulk reader and the QGIS plugin (through the Python module's read_articles) all
// read articles here, so that the same file gives the same ids and the same errors in every face.
//
// Record fields: "text" (string, required), "id" (string or integer; missing or null: the default
// id), "title", "url", "date", "lang" (strings, optional; other types are ignored).

#include <gazetteer/geoparse.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gazetteer {

/// One article to read: its id, its text and the optional fields carried to the outputs.
struct Article {
    std::string id;
    std::string text;
    ArticleMeta meta;
    std::uint64_t line = 0;  ///< 1-based line of its JSON Lines record; 0 for a whole file
};

/// The name of `source` in messages: "<stdin>" for "-" or "", else `source` itself.
std::string source_display_name(std::string_view source);

/// The whole content of `source`, bytes as they are: the file, or standard input for "-" or "".
/// Throws IoError "SOURCE: cannot read WHAT" when it cannot be opened or read.
std::string read_source_bytes(const std::string& source, std::string_view what = "the input");

/// The id of an article that names none, the one rule of every face:
///  - a text file: its file name without folder and extension ("news/a1.txt" -> "a1");
///  - a JSON Lines record: that stem, a colon and the record's 1-based line ("feed.jsonl", line
///    3 -> "feed:3");
///  - standard input ("-" or ""): "stdin", and "stdin:3" for its records.
std::string default_article_id(std::string_view source, std::uint64_t line = 0);

/// The article of one JSON record (a JSON Lines line, or a whole JSON file) of `source` at
/// `line` (1-based). Reads the fields only: the text is not checked (see read_article_record).
/// Throws ParseError naming the source and line: "malformed JSON (...)", "not a JSON object",
/// "no \"text\" string", "\"id\" is neither a string nor an integer", or an unknown "lang".
Article parse_article_record(std::string_view source, std::uint64_t line, std::string_view record);

/// As parse_article_record(), for a record that may hold ill-formed UTF-8: repairs it first (a
/// stray byte must not cost the record), then passes the text through check_text(). Adds the
/// number of U+FFFD replacements to `replacements`. Throws ParseError as both do.
Article read_article_record(std::string_view source, std::uint64_t line, std::string record,
                            std::uint64_t& replacements);

/// How a whole input is read by read_article_file().
enum class ArticleFormat {
    Auto,       ///< by extension: .jsonl, .ndjson, .json are JSON, .txt and .text text; otherwise
                ///< (stdin, other names) JSON when the first non-blank character is '{'
    Text,       ///< one article: the whole input
    JsonLines,  ///< one JSON object a line; a whole input that is one JSON object is one record
};

/// The format read_article_file() uses for `source` and its `bytes` under `format`.
ArticleFormat article_format(std::string_view source, std::string_view bytes, ArticleFormat format = ArticleFormat::Auto);

/// The articles of one whole input and what reading them repaired.
struct ArticleFile {
    std::vector<Article> articles;
    std::uint64_t replacements = 0;  ///< ill-formed UTF-8 sequences replaced with U+FFFD
};

/// Reads the articles of `bytes`, the whole content of `source` ("-" for stdin). A text gets
/// default_article_id(source); a text that is blank is refused. JSON Lines skip blank lines; at
/// most `limit` articles are read (0 = all), so a caller wanting the first record does not read
/// the rest. Throws ParseError naming the source (and line): input that is not text
/// (check_text()), a bad record, an empty article, or JSON input holding no article.
ArticleFile read_article_file(std::string_view source, std::string bytes, ArticleFormat format = ArticleFormat::Auto,
                              std::size_t limit = 0);

/// File name extensions of articles in a folder: ".txt", ".text" (text), ".jsonl", ".ndjson"
/// (JSON Lines). Matched as written (".TXT" is not an article file).
inline constexpr const char* kArticleExtensions[] = {".txt", ".text", ".jsonl", ".ndjson"};

/// The article files below `folder`, recursively, in name order (byte order of the paths).
/// Throws IoError naming the folder when it cannot be listed.
std::vector<std::string> article_files(const std::string& folder);

/// The day of a publication date: "2023-09-13" for "2023-09-13" and for a timestamp such as
/// "2023-09-13T08:12:00Z"; "" for "". Throws UsageError quoting the date when it does not start
/// with a valid YYYY-MM-DD.
std::string publication_day(std::string_view date);

}  // namespace gazetteer
