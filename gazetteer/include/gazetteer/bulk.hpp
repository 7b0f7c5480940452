#pragma once
// Bulk geoparsing in independent batches, the engine side of `gazetteer-bulk` (a Dask face in
// Python): reading raw article records with their file and line, geoparsing a batch, and turning
// the results into the rows a spatial database or a GIS file takes. A batch is self-contained so
// that it can run on any worker of a cluster and be retried there.
//
// The batch layers are the same "places" and "mentions" layers the `gazetteer geoparse` command
// writes (GeoparseLayers), plus an "articles" layer with one row per article. Their fields are
// declared once, here and in GeoparseLayers; every writer (GDAL files, PostgreSQL COPY) asks for
// them through bulk_layer_schemas().

#include <gazetteer/geoparse.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/layers.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gazetteer {

/// An article read from a bulk input, with where it came from.
struct BulkArticle {
    std::string id, text;
    ArticleMeta meta;
    std::string file;        ///< input path as given
    std::uint64_t line = 0;  ///< 1-based line of its JSON Lines record; 0 for a whole text file
};

/// An input record that could not be read, and why ("malformed JSON (...)", "no \"text\" string").
struct RecordError {
    std::string file;
    std::uint64_t line = 0;  ///< 0 when the whole file is at fault (binary, not UTF-8)
    std::string reason;
    /// "file:line: reason" (or "file: reason"), as ParseError words it.
    std::string message() const;
};

/// Articles of one batch, in input order, and the records that failed.
struct BulkInput {
    std::vector<BulkArticle> articles;
    std::vector<RecordError> errors;
};

/// Reads the JSON Lines records of `chunk`, a run of whole lines of `file` whose first line is
/// line `first_line` (1-based), into `out`. Records are objects with a "text" string and optional
/// "id" (string or integer; missing or null gives "<file stem>:<line>"), "title", "url", "date"
/// strings, as `gazetteer geoparse` reads them. Blank lines are skipped. A record that is not
/// valid JSON or not UTF-8, lacks the text, has a bad id, or holds a NUL character goes to
/// out.errors with its line; reading goes on. Lines holding raw NUL bytes are binary data: a run
/// of them (a binary file) is one error naming its first and last line.
void read_jsonl_chunk(std::string_view file, std::uint64_t first_line, std::string_view chunk, BulkInput& out);

/// Reads one plain text file's bytes as one article (id = file name without extension). Text that
/// holds NUL bytes (a binary file) or is not UTF-8 goes to out.errors naming the file and the
/// byte offset.
void read_text_article(std::string_view file, std::string_view bytes, BulkInput& out);

/// Provenance of a geoparse: engine version, index file name and checksum. The same text the
/// CLI writes in the gazetteer_version field; bulk runs key their resumption on it.
std::string gazetteer_version_of(const Index& index);

/// What a geoparsed batch counts.
struct BulkCounts {
    std::uint64_t articles = 0;    ///< articles parsed (skipped ones not included)
    std::uint64_t skipped = 0;     ///< articles left out because the caller marked them done
    std::uint64_t duplicates = 0;  ///< articles whose id appeared earlier in the same batch
    std::uint64_t mentions = 0, unresolved = 0, places = 0;
};

/// What geoparse_batch() produces.
enum class BulkOutput : std::uint8_t {
    Layers,     ///< the "articles", "places" and "mentions" layers (for PostGIS and GDAL files)
    JsonLines,  ///< the `gazetteer geoparse` JSON Lines of every article, and no layers
};

/// The result of one batch: the three layers ("articles", "places", "mentions", in that order;
/// empty with BulkOutput::JsonLines) or the JSON Lines text, with counts. Errors found while parsing (duplicate ids) are
/// appended to the input's errors by geoparse_batch().
struct BulkResult {
    std::vector<Layer> layers;
    std::string json_lines;
    BulkCounts counts;
};

/// Empty layers with the fields of a batch's output: "articles" (article_id, title, url, date,
/// source_file, source_line, mentions, resolved, places, focus_place_id, gazetteer_version; point
/// of the most mentioned place, null when none), then GeoparseLayers' "places" and "mentions".
std::vector<Layer> bulk_layer_schemas();

/// Geoparses every article of `input` whose `skip` flag is not set (`skip` is empty or one flag
/// per article) and returns their layers. Runs on the calling thread: a bulk run gets its
/// parallelism from many batches (one per Dask worker thread), not from inside one. An id seen earlier in the batch is reported in
/// input.errors ("duplicate article id") and left out, so every output row is keyed by a unique
/// article id. Never throws for any article text (std::bad_alloc aside).
BulkResult geoparse_batch(const Geoparser& parser, BulkInput& input, const std::vector<bool>& skip = {},
                          BulkOutput output = BulkOutput::Layers);

/// Appends the rows of `layer` to `out` in PostgreSQL's COPY text format (PostgreSQL manual,
/// "COPY", File Formats / Text Format): one line per feature, the field values in layer order,
/// then the geometry as hex EWKB with SRID 4326 (what PostGIS prints and reads for geometry), tab
/// separated, nulls as \N, backslash escapes for backslash, tab, newline and carriage return.
/// `leading` values (text, the same on every row: a run id, a version) come first, so that rows
/// can go straight into a table that has columns of its own before the layer's fields.
/// Throws UsageError for a value that does not fit its field or a string holding a NUL byte
/// (PostgreSQL text cannot hold one).
void append_pg_copy_rows(std::string& out, const Layer& layer, const std::vector<std::string>& leading = {});

}  // namespace gazetteer
