// Bulk batches: article records in, the articles/places/mentions layers out (see bulk.hpp).

#include <gazetteer/articles.hpp>
#include <gazetteer/bulk.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/schemas.hpp>
#include <gazetteer/version.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <unordered_map>

namespace gazetteer {

namespace {

namespace fs = std::filesystem;

// Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629
// section 4: no overlongs, no surrogates, nothing above U+10FFFF), or npos.
std::size_t invalid_utf8_at(std::string_view s) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) { ++i; continue; }
        std::size_t len;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c == 0xE0) { len = 3; lo = 0xA0; }
        else if (c == 0xED) { len = 3; hi = 0x9F; }
        else if (c >= 0xE1 && c <= 0xEF) len = 3;
        else if (c == 0xF0) { len = 4; lo = 0x90; }
        else if (c >= 0xF1 && c <= 0xF3) len = 4;
        else if (c == 0xF4) { len = 4; hi = 0x8F; }
        else return i;
        if (i + len > n) return i;
        auto c1 = static_cast<unsigned char>(s[i + 1]);
        if (c1 < lo || c1 > hi) return i;
        for (std::size_t k = 2; k < len; ++k) {
            auto ck = static_cast<unsigned char>(s[i + k]);
            if (ck < 0x80 || ck > 0xBF) return i;
        }
        i += len;
    }
    return std::string_view::npos;
}

// One JSON Lines record to an article, read as every face reads it (articles.hpp), plus what a
// database needs: a non-empty id and no NUL character in any string.
BulkArticle parse_record(std::string_view file, std::uint64_t line, std::string_view record) {
    Article read = parse_article_record(file, line, record);
    BulkArticle a;
    a.id = std::move(read.id);
    a.text = std::move(read.text);
    a.meta = std::move(read.meta);
    if (a.id.empty()) throw ParseError(std::string(file), line, "\"id\" is empty");
    // JSON may escape a NUL (\u0000); no database text column can hold one.
    for (const std::string* s : {&a.id, &a.text, &a.meta.title, &a.meta.url, &a.meta.date})
        if (s->find('\0') != std::string::npos) throw ParseError(std::string(file), line, "a string holds a NUL character (\\u0000)");
    a.file = std::string(file);
    a.line = line;
    return a;
}

}  // namespace

std::string RecordError::message() const {
    return line ? fmt::format("{}:{}: {}", file, line, reason) : fmt::format("{}: {}", file, reason);
}

void read_jsonl_chunk(std::string_view file, std::uint64_t first_line, std::string_view chunk, BulkInput& out) {
    // A NUL byte cannot appear in JSON text at all (RFC 8259 section 7 forbids raw control
    // characters): such lines are binary data. A run of them (a binary file) is reported once.
    std::uint64_t binary_from = 0, binary_to = 0;
    auto flush_binary = [&] {
        if (!binary_from) return;
        out.errors.push_back({std::string(file), binary_from,
                              binary_from == binary_to
                                  ? std::string("binary data (NUL byte), not JSON")
                                  : fmt::format("binary data (NUL bytes), not JSON Lines: lines {}-{} skipped", binary_from,
                                                binary_to)});
        binary_from = 0;
    };
    std::uint64_t line = first_line;
    std::size_t pos = 0;
    for (; pos < chunk.size(); ++line) {
        std::size_t nl = chunk.find('\n', pos);
        std::size_t end = nl == std::string_view::npos ? chunk.size() : nl;
        std::string_view rec = chunk.substr(pos, end - pos);
        pos = end + 1;
        if (!rec.empty() && rec.back() == '\r') rec.remove_suffix(1);
        if (rec.find('\0') != std::string_view::npos) {
            if (!binary_from) binary_from = line;
            binary_to = line;
            continue;
        }
        if (rec.find_first_not_of(" \t") == std::string_view::npos) continue;
        flush_binary();
        if (auto bad = invalid_utf8_at(rec); bad != std::string_view::npos) {
            // RFC 8259 section 8.1: JSON text exchanged between systems is UTF-8.
            out.errors.push_back({std::string(file), line, fmt::format("not UTF-8 (invalid byte at column {})", bad + 1)});
            continue;
        }
        try {
            out.articles.push_back(parse_record(file, line, rec));
        } catch (const ParseError& e) {
            out.errors.push_back({std::string(file), line, e.reason()});
        }
    }
    flush_binary();
}

void read_text_article(std::string_view file, std::string_view bytes, BulkInput& out) {
    if (auto nul = bytes.find('\0'); nul != std::string_view::npos) {
        out.errors.push_back({std::string(file), 0, fmt::format("binary file (NUL byte at offset {}), not text", nul)});
        return;
    }
    if (auto bad = invalid_utf8_at(bytes); bad != std::string_view::npos) {
        out.errors.push_back({std::string(file), 0, fmt::format("not UTF-8 text (invalid byte at offset {})", bad)});
        return;
    }
    BulkArticle a;
    a.id = default_article_id(file);
    a.text = std::string(bytes);
    a.file = std::string(file);
    out.articles.push_back(std::move(a));
}

std::string gazetteer_version_of(const Index& index) {
    return "gazetteer " + std::string(version()) + "; index " + fs::path(index.path()).filename().string() + " " +
           index.info().checksum;
}

std::vector<Layer> bulk_layer_schemas() { return layer_schemas("bulk"); }

BulkResult geoparse_batch(const Geoparser& parser, BulkInput& input, const std::vector<bool>& skip, BulkOutput output) {
    if (!skip.empty() && skip.size() != input.articles.size())
        throw UsageError(fmt::format("skip flags: {} for {} articles", skip.size(), input.articles.size()));
    BulkResult r;
    r.layers = bulk_layer_schemas();
    const std::string version = gazetteer_version_of(parser.index());
    GeoparseLayers acc(version);
    Layer& articles = r.layers[0];
    std::unordered_map<std::string_view, std::size_t> seen;
    for (std::size_t i = 0; i < input.articles.size(); ++i) {
        const BulkArticle& a = input.articles[i];
        if (auto [it, fresh] = seen.try_emplace(a.id, i); !fresh) {
            const BulkArticle& first = input.articles[it->second];
            input.errors.push_back({a.file, a.line, fmt::format("duplicate article id \"{}\" (first at {}{}) skipped", a.id,
                                                                first.file, first.line ? ":" + std::to_string(first.line) : "")});
            ++r.counts.duplicates;
            continue;
        }
        if (!skip.empty() && skip[i]) {
            ++r.counts.skipped;
            continue;
        }
        ArticleResult res = parser.parse(a.id, a.text);
        r.counts.articles += 1;
        r.counts.mentions += res.mentions.size();
        r.counts.unresolved += res.unresolved();
        r.counts.places += res.places.size();
        if (output == BulkOutput::JsonLines) {
            // Only what the file gets: building layer rows too would cost half as much again.
            append_json_line(r.json_lines, res, a.meta);
            r.json_lines.push_back('\n');
            continue;
        }
        // The article's focus: its most mentioned place, the first mentioned among equals.
        const ArticlePlace* focus = nullptr;
        for (const auto& p : res.places)
            if (!focus || p.count > focus->count) focus = &p;
        Feature f;
        if (focus) f.parts.push_back({LonLat{focus->place.lon, focus->place.lat}});
        auto opt = [](const std::string& s) { return s.empty() ? FieldValue{} : FieldValue{s}; };
        const std::size_t unresolved = res.unresolved();
        f.values = {a.id,
                    opt(a.meta.title),
                    opt(a.meta.url),
                    opt(a.meta.date),
                    a.file,
                    a.line ? FieldValue{static_cast<std::int64_t>(a.line)} : FieldValue{},
                    static_cast<std::int64_t>(res.mentions.size()),
                    static_cast<std::int64_t>(res.mentions.size() - unresolved),
                    static_cast<std::int64_t>(res.places.size()),
                    focus ? FieldValue{focus->place.id} : FieldValue{},
                    version};
        articles.features.push_back(std::move(f));
        acc.add(res);
    }
    auto taken = acc.take();
    r.layers[1] = std::move(taken[0]);
    r.layers[2] = std::move(taken[1]);
    return r;
}

}  // namespace gazetteer
