// Reading articles (articles.hpp): the one reader of text files, JSON objects and JSON Lines
// records behind every face.

#include <gazetteer/articles.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/itinerary.hpp>
#include <gazetteer/text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace gazetteer {

namespace {

namespace fs = std::filesystem;

bool is_stdin(std::string_view source) { return source.empty() || source == "-"; }

std::string lower_extension(std::string_view source) {
    std::string ext = fs::path(std::string(source)).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

bool blank(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

}  // namespace

std::string source_display_name(std::string_view source) {
    return is_stdin(source) ? std::string("<stdin>") : std::string(source);
}

std::string read_source_bytes(const std::string& source, std::string_view what) {
    if (is_stdin(source)) return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    std::ifstream in(source, std::ios::binary);
    std::ostringstream ss;
    if (in) ss << in.rdbuf();
    if (!in || in.bad()) throw IoError(source + ": cannot read " + std::string(what));
    return ss.str();
}

std::string default_article_id(std::string_view source, std::uint64_t line) {
    std::string stem = is_stdin(source) ? std::string("stdin") : fs::path(std::string(source)).stem().string();
    return line ? stem + ":" + std::to_string(line) : stem;
}

Article parse_article_record(std::string_view source, std::uint64_t line, std::string_view record) {
    const std::string name = source_display_name(source);
    try {
        const auto j = nlohmann::json::parse(record.begin(), record.end());
        if (!j.is_object()) throw ParseError(name, line, "not a JSON object");
        const auto text = j.find("text");
        if (text == j.end() || !text->is_string()) throw ParseError(name, line, "no \"text\" string");
        Article a;
        a.line = line;
        a.text = text->get<std::string>();
        const auto id = j.find("id");
        if (id == j.end() || id->is_null()) a.id = default_article_id(source, line);
        else if (id->is_string()) a.id = id->get<std::string>();
        else if (id->is_number_integer()) a.id = std::to_string(id->get<long long>());
        else throw ParseError(name, line, "\"id\" is neither a string nor an integer");
        auto str = [&](const char* k) {
            const auto f = j.find(k);
            return f != j.end() && f->is_string() ? f->get<std::string>() : std::string();
        };
        a.meta.title = str("title");
        a.meta.url = str("url");
        a.meta.date = str("date");
        // Checked here so that a bad code names its line.
        try {
            a.meta.lang = canonical_language(str("lang"));
        } catch (const UsageError& e) {
            throw ParseError(name, line, e.what());
        }
        return a;
    } catch (const nlohmann::json::exception& e) {
        std::string why = e.what();
        if (auto p = why.find("parse error"); p != std::string::npos) why = "malformed JSON (" + why.substr(p) + ")";
        throw ParseError(name, line, why);
    }
}

Article read_article_record(std::string_view source, std::uint64_t line, std::string record, std::uint64_t& replacements) {
    // Repair before parsing: the JSON parser refuses ill-formed UTF-8, and every output stays valid.
    replacements += make_valid_utf8(record);
    Article a = parse_article_record(source, line, record);
    check_text(a.text, source_display_name(source), line);  // NUL escapes or control-character soup
    return a;
}

ArticleFormat article_format(std::string_view source, std::string_view bytes, ArticleFormat format) {
    if (format != ArticleFormat::Auto) return format;
    if (!is_stdin(source)) {
        const std::string ext = lower_extension(source);
        if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return ArticleFormat::JsonLines;
        if (ext == ".txt" || ext == ".text") return ArticleFormat::Text;
    }
    const auto first = std::find_if(bytes.begin(), bytes.end(), [](unsigned char c) { return std::isspace(c) == 0; });
    return first != bytes.end() && *first == '{' ? ArticleFormat::JsonLines : ArticleFormat::Text;
}

ArticleFile read_article_file(std::string_view source, std::string bytes, ArticleFormat format, std::size_t limit) {
    const std::string name = source_display_name(source);
    ArticleFile out;
    if (article_format(source, bytes, format) == ArticleFormat::Text) {
        // Refuses binary input by name; repairs stray invalid bytes so every output stays valid.
        out.replacements += check_text(bytes, name);
        if (blank(bytes)) throw ParseError(name, 0, "the article is empty");
        Article a;
        a.id = default_article_id(source);
        a.text = std::move(bytes);
        out.articles.push_back(std::move(a));
        return out;
    }
    // A pretty-printed JSON object spans lines: one record, read whole.
    const std::size_t first_newline = bytes.find('\n');
    if (first_newline != std::string::npos && first_newline + 1 < bytes.size() && !blank(std::string_view(bytes).substr(first_newline))) {
        std::string whole = bytes;
        make_valid_utf8(whole);
        if (const auto j = nlohmann::json::parse(whole, nullptr, false); !j.is_discarded() && j.is_object()) {
            out.articles.push_back(read_article_record(source, 1, std::move(bytes), out.replacements));
            return out;
        }
    }
    std::uint64_t line = 0;
    std::size_t pos = 0;
    while (pos < bytes.size() && (limit == 0 || out.articles.size() < limit)) {
        ++line;
        std::size_t end = bytes.find('\n', pos);
        if (end == std::string::npos) end = bytes.size();
        std::string_view rec(bytes.data() + pos, end - pos);
        pos = end + 1;
        if (!rec.empty() && rec.back() == '\r') rec.remove_suffix(1);
        if (rec.find_first_not_of(" \t") == std::string_view::npos) continue;
        out.articles.push_back(read_article_record(source, line, std::string(rec), out.replacements));
    }
    if (out.articles.empty()) throw ParseError(name, 0, "no articles (JSON Lines with a \"text\" field expected)");
    return out;
}

std::vector<std::string> article_files(const std::string& folder) {
    std::vector<std::string> found;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        const std::string ext = it->path().extension().string();
        if (std::any_of(std::begin(kArticleExtensions), std::end(kArticleExtensions), [&](const char* e) { return ext == e; }))
            found.push_back(it->path().string());
    }
    if (ec) throw IoError(folder + ": cannot list (" + ec.message() + ")");
    std::sort(found.begin(), found.end());
    return found;
}

std::string publication_day(std::string_view date) {
    if (date.empty()) return {};
    std::string day(date.substr(0, 10));
    // Publication timestamps ("2023-09-13T08:12:00Z") anchor by their day.
    if (!is_iso_date(day)) throw UsageError("'" + std::string(date) + "' is not YYYY-MM-DD");
    return day;
}

}  // namespace gazetteer
