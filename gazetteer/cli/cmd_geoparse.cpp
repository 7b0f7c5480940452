// gazetteer geoparse [FILES...|-]: place mentions of news texts as JSON Lines or GIS layers.
//
// Inputs: text files, directories (their .txt, .text and .jsonl/.ndjson files, recursively, in
// name order) and JSON Lines files with "text" and optional "id", "title", "url", "date", "lang";
// "-" or no argument reads stdin (JSON Lines when its first character is '{', else one text).
// Records and default ids are read by the engine (articles.hpp): "a1" for a1.txt, "feed:3" for
// line 3 of feed.jsonl without an id, "stdin" and "stdin:3" for standard input.
//
// Bad input: a malformed JSON Lines record stops the run with "file:line: reason" (exit 1), so
// that no article is silently lost; --skip-bad reports it on stderr, counts it in the summary and
// goes on.
//
// Streaming: articles are read in batches of a few hundred per worker, parsed in parallel by
// --jobs threads sharing one Geoparser, and written in input order, so memory does not grow with
// the input for JSON Lines. Layer formats keep the features (not the texts) until the end.

#include "commands.hpp"
#include "output.hpp"
#include "progress.hpp"

#include <gazetteer/articles.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/temp_files.hpp>
#include <gazetteer/geoparse.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/layers.hpp>
#include <gazetteer/text.hpp>
#include <gazetteer/version.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace gazetteer::cli {

namespace {

namespace fs = std::filesystem;

struct GeoparseArgs {
    std::vector<std::string> inputs;
    std::string format = "jsonl";
    std::string output;
    unsigned jobs = 1;
    bool skip_bad = false;
    bool resolved_only = false;
    double abstain_below = GeoparseOptions{}.abstain_below;
    std::string kinds;
    bool resume = false;
    std::string lang;
};


// A fixed set of worker threads running one indexed job at a time; the calling thread works too.
// Threads persist across batches so that their thread-local scratch (token buffers, ICU
// transliterator) is built once.
class WorkerPool {
public:
    explicit WorkerPool(unsigned threads) {
        for (unsigned t = 1; t < threads; ++t) m_threads.emplace_back([this] { loop(); });
    }
    ~WorkerPool() {
        {
            std::lock_guard lk(m_mu);
            m_stop = true;
        }
        m_cv.notify_all();
        for (auto& t : m_threads) t.join();
    }
    // Runs fn(i) for i in [0, n); returns when all are done. Rethrows the first exception.
    void run(std::size_t n, const std::function<void(std::size_t)>& fn) {
        {
            std::lock_guard lk(m_mu);
            m_fn = &fn;
            m_n = n;
            m_next = 0;
            m_busy = m_threads.size();
            m_error = nullptr;
            ++m_generation;
        }
        m_cv.notify_all();
        work();
        std::unique_lock lk(m_mu);
        m_done_cv.wait(lk, [&] { return m_busy == 0; });
        m_fn = nullptr;
        if (m_error) std::rethrow_exception(m_error);
    }

private:
    void work() {
        for (;;) {
            std::size_t i = m_next.fetch_add(1);
            if (i >= m_n) break;
            try {
                (*m_fn)(i);
            } catch (...) {
                std::lock_guard lk(m_mu);
                if (!m_error) m_error = std::current_exception();
            }
        }
    }
    void loop() {
        std::uint64_t seen = 0;
        for (;;) {
            {
                std::unique_lock lk(m_mu);
                m_cv.wait(lk, [&] { return m_stop || m_generation != seen; });
                if (m_stop) return;
                seen = m_generation;
            }
            work();
            std::lock_guard lk(m_mu);
            if (--m_busy == 0) m_done_cv.notify_all();
        }
    }
    std::vector<std::thread> m_threads;
    std::mutex m_mu;
    std::condition_variable m_cv, m_done_cv;
    const std::function<void(std::size_t)>* m_fn = nullptr;
    std::size_t m_n = 0;
    std::atomic<std::size_t> m_next{0};
    std::size_t m_busy = 0;
    std::uint64_t m_generation = 0;
    bool m_stop = false;
    std::exception_ptr m_error;
};

// Reads articles from the inputs one at a time.
class ArticleSource {
public:
    ArticleSource(std::vector<std::string> inputs, bool skip_bad) : m_skip_bad(skip_bad) {
        if (inputs.empty()) inputs.push_back("-");
        for (const auto& in : inputs) {
            if (in == "-") { m_files.push_back("-"); continue; }
            std::error_code ec;
            if (fs::is_directory(in, ec)) {
                const std::vector<std::string> found = article_files(in);
                m_files.insert(m_files.end(), found.begin(), found.end());
            } else if (fs::exists(in, ec)) {
                m_files.push_back(in);
            } else {
                throw IoError(in + ": no such file or directory");
            }
        }
        for (const auto& f : m_files) {
            std::error_code ec;
            if (f != "-") m_total_bytes += fs::file_size(f, ec);
        }
    }

    /// Next article, false at the end. Throws ParseError for a malformed line unless skipping.
    bool next(Article& a) {
        for (;;) {
            if (m_in) {
                if (read_jsonl(a)) return true;
                m_in = nullptr;
                m_file_stream.close();
            }
            if (m_pos >= m_files.size()) return false;
            const std::string& f = m_files[m_pos++];
            m_source = f;
            m_name = source_display_name(f);
            m_line = 0;
            std::istream* in;
            if (f == "-") {
                in = &std::cin;
            } else {
                m_file_stream.open(f, std::ios::binary);
                if (!m_file_stream) throw IoError(f + ": cannot read (" + std::strerror(errno) + ")");
                in = &m_file_stream;
            }
            auto ext = fs::path(f).extension().string();
            bool jsonl = ext == ".jsonl" || ext == ".ndjson";
            if (f == "-") {
                int c = std::cin.peek();
                while (c == ' ' || c == '\n' || c == '\r' || c == '\t') { std::cin.get(); c = std::cin.peek(); }
                jsonl = c == '{';
            }
            if (jsonl) {
                m_in = in;
                continue;
            }
            a = Article{};
            a.id = default_article_id(f);
            try {
                std::error_code ec;
                const auto size = f == "-" ? 0 : fs::file_size(f, ec);
                if (!ec && size > kMaxArticleBytes) {
                    m_file_stream.close();
                    m_bytes += size;
                    throw ParseError(m_name, 0, too_long(size));
                }
                if (size) a.text.reserve(size);
                a.text.assign(std::istreambuf_iterator<char>(*in), std::istreambuf_iterator<char>());
                m_bytes += a.text.size();
                m_file_stream.close();
                if (a.text.size() > kMaxArticleBytes) throw ParseError(m_name, 0, too_long(a.text.size()));
                // A binary file (or UTF-16) is refused by name: it would yield confident nonsense.
                m_replacements += check_text(a.text, m_name);
            } catch (const ParseError& e) {
                if (!m_skip_bad) throw;
                std::cerr << "gazetteer: warning: " << e.what() << " (skipped)\n";
                ++m_skipped;
                continue;
            }
            return true;
        }
    }

    std::uint64_t bytes_read() const { return m_bytes; }
    std::uint64_t total_bytes() const { return m_total_bytes; }
    std::uint64_t skipped() const { return m_skipped; }
    /// Ill-formed UTF-8 sequences replaced with U+FFFD in the input read so far.
    std::uint64_t replacements() const { return m_replacements; }

private:
    static std::string too_long(std::uint64_t bytes) {
        return fmt::format("the article is {} bytes, more than the maximum of {} bytes (256 MiB): split it", bytes,
                           kMaxArticleBytes);
    }

    bool read_jsonl(Article& a) {
        while (std::getline(*m_in, m_buf)) {
            ++m_line;
            m_bytes += m_buf.size() + 1;
            if (!m_buf.empty() && m_buf.back() == '\r') m_buf.pop_back();
            if (m_buf.find_first_not_of(" \t") == std::string::npos) continue;
            try {
                if (m_buf.size() > kMaxArticleBytes + (std::size_t{1} << 20)) throw ParseError(m_name, m_line, too_long(m_buf.size()));
                a = read_article_record(m_source, m_line, std::move(m_buf), m_replacements);
                m_buf.clear();
                return true;
            } catch (const ParseError& e) {
                if (!m_skip_bad) throw;
                std::cerr << "gazetteer: warning: " << e.what() << " (skipped)\n";
                ++m_skipped;
            }
        }
        return false;
    }

    std::vector<std::string> m_files;
    std::size_t m_pos = 0;
    std::ifstream m_file_stream;
    std::istream* m_in = nullptr;
    std::string m_source, m_name, m_buf;  // the input as given ("-" for stdin), its name in messages
    std::uint64_t m_line = 0, m_bytes = 0, m_total_bytes = 0, m_skipped = 0, m_replacements = 0;
    bool m_skip_bad;
};

// JSON Lines to stdout, or to a temporary file renamed into place at the end.
class JsonlSink {
public:
    explicit JsonlSink(const std::string& path) : m_path(path) {
        if (path.empty() || path == "-") {
            m_fp = stdout;
            return;
        }
        m_tmp = temp_path_for(path);
        m_guard = std::make_unique<TempOutput>(m_tmp, TempOutput::Kind::File);
        m_fp = std::fopen(m_tmp.c_str(), "wb");
        if (!m_fp) throw IoError(path + ": cannot write (" + std::strerror(errno) + ")");
    }
    ~JsonlSink() {
        if (!m_tmp.empty() && m_fp) {
            std::fclose(m_fp);
            std::remove(m_tmp.c_str());
        }
    }
    void write(const std::string& s) {
        if (std::fwrite(s.data(), 1, s.size(), m_fp) != s.size()) throw IoError(name() + ": write failed (" + std::strerror(errno) + ")");
    }
    void commit() {
        if (m_tmp.empty()) {
            std::fflush(m_fp);
            return;
        }
        bool ok = std::fclose(m_fp) == 0;
        m_fp = nullptr;
        std::error_code ec;
        if (ok) fs::rename(m_tmp, m_path, ec);
        if (!ok || ec) {
            std::remove(m_tmp.c_str());
            throw IoError(m_path + ": cannot write (" + (ec ? ec.message() : std::string(std::strerror(errno))) + ")");
        }
        m_guard->release();
        m_tmp.clear();
    }

private:
    std::string name() const { return m_tmp.empty() ? "<stdout>" : m_path; }
    std::string m_path, m_tmp;
    std::unique_ptr<TempOutput> m_guard;  // removes the temporary on a signal
    std::FILE* m_fp = nullptr;
};

// The JSON Lines output of a resumable run (--resume): built in OUT.partial, which is flushed
// after every batch and survives a killed run (SIGKILL, SIGTERM, a crash, a reboot), then
// renamed to OUT when the run completes. OUT itself thus only ever appears complete, as with
// the temporary file of a plain run; the difference is that the partial file has a stable name
// and is kept, so that the next --resume run can find it.
//
// On start, the records already in OUT.partial (or, when there is none, in a finished OUT, which
// is copied) are counted by article id; a last line cut short by the kill is dropped. Input
// articles whose id is there are skipped (each record consumes one occurrence of its id, so
// repeated ids are handled), the others are parsed and appended.
class ResumeSink {
public:
    explicit ResumeSink(const std::string& path) : m_path(path), m_partial(path + ".partial") {
        std::error_code ec;
        if (fs::exists(m_partial, ec)) {
            m_from = m_partial;
        } else if (fs::exists(m_path, ec)) {
            fs::copy_file(m_path, m_partial, fs::copy_options::overwrite_existing, ec);
            if (ec) throw IoError(m_partial + ": cannot write (" + ec.message() + ")");
            m_from = m_path;
        }
        const std::uint64_t good = m_from.empty() ? 0 : scan();
        if (!m_from.empty()) {
            fs::resize_file(m_partial, good, ec);  // drop a record cut short by the kill
            if (ec) throw IoError(m_partial + ": cannot truncate (" + ec.message() + ")");
        }
        m_fp = std::fopen(m_partial.c_str(), "ab");
        if (!m_fp) throw IoError(m_partial + ": cannot write (" + std::strerror(errno) + ")");
    }
    ~ResumeSink() {
        if (m_fp) std::fclose(m_fp);  // kept on purpose: the next --resume continues from it
    }
    /// True (and the occurrence consumed) when the output already holds article `id`.
    bool done(const std::string& id) {
        auto it = m_done.find(id);
        if (it == m_done.end() || it->second == 0) return false;
        --it->second;
        return true;
    }
    std::uint64_t resumed() const { return m_resumed; }
    const std::string& resumed_from() const { return m_from; }
    void write(const std::string& s) {
        if (std::fwrite(s.data(), 1, s.size(), m_fp) != s.size()) throw IoError(m_partial + ": write failed (" + std::strerror(errno) + ")");
    }
    /// End of a batch: the records so far reach the file, so a kill loses at most one batch.
    void checkpoint() {
        if (std::fflush(m_fp) != 0) throw IoError(m_partial + ": write failed (" + std::strerror(errno) + ")");
    }
    void commit() {
        bool ok = std::fflush(m_fp) == 0 && ::fsync(::fileno(m_fp)) == 0;
        ok = std::fclose(m_fp) == 0 && ok;
        m_fp = nullptr;
        std::error_code ec;
        if (ok) fs::rename(m_partial, m_path, ec);
        if (!ok || ec) throw IoError(m_path + ": cannot write (" + (ec ? ec.message() : std::string(std::strerror(errno))) + ")");
    }

private:
    // Reads the ids of the complete records of m_partial; returns the byte length they span.
    std::uint64_t scan() {
        std::ifstream in(m_partial, std::ios::binary);
        if (!in) throw IoError(m_partial + ": cannot read (" + std::strerror(errno) + ")");
        std::string line;
        std::uint64_t good = 0, n = 0;
        while (std::getline(in, line)) {
            ++n;
            if (in.eof()) break;  // no newline: a record cut short
            // Records start {"id":"..." (append_json_open); only the id is decoded.
            std::string id;
            bool ok = line.rfind("{\"id\":\"", 0) == 0 && line.back() == '}';
            if (ok) {
                std::size_t i = 7;
                while (i < line.size() && line[i] != '"') i += line[i] == '\\' ? 2 : 1;
                auto j = nlohmann::json::parse(line.substr(6, i - 5), nullptr, false);
                ok = j.is_string();
                if (ok) id = j.get<std::string>();
            }
            if (!ok) {
                // Not a record this tool wrote: the last one may be cut short, any other is damage.
                if (in.peek() == std::char_traits<char>::eof()) break;
                throw ParseError(m_partial, n, "not a geoparse record: remove the file to start over");
            }
            ++m_done[id];
            ++m_resumed;
            good += line.size() + 1;
        }
        return good;
    }
    std::string m_path, m_partial, m_from;
    std::unordered_map<std::string, std::uint64_t> m_done;
    std::uint64_t m_resumed = 0;
    std::FILE* m_fp = nullptr;
};

void run_geoparse(const GeoparseArgs& a, Common& common) {
    const bool layers = a.format != "jsonl";
    if (a.resume && (layers || a.output.empty() || a.output == "-"))
        throw UsageError("--resume needs JSON Lines written to a file (-o FILE.jsonl)");
    if (layers && a.format != "geojson" && a.output.empty())
        throw UsageError("--format " + a.format + " needs -o FILE (stdout takes jsonl or geojson)");
    const auto t0 = std::chrono::steady_clock::now();
    const Index& index = common.index();
    GeoparseOptions opt;
    opt.abstain_below = a.abstain_below;
    if (!a.kinds.empty()) opt.kinds = MentionKinds::parse(a.kinds);
    opt.language = a.lang;
    const Geoparser parser(index, opt);
    ArticleSource source(a.inputs, a.skip_bad);

    // Engine version and the index checksum: enough to tell which gazetteer placed a point.
    std::string provenance = "gazetteer " + std::string(version()) + "; index " + fs::path(index.path()).filename().string() +
                             " " + index.info().checksum;
    GeoparseLayers layer_acc(provenance);
    std::unique_ptr<JsonlSink> sink;
    std::unique_ptr<ResumeSink> resume;
    if (a.resume) resume = std::make_unique<ResumeSink>(a.output);
    else if (!layers) sink = std::make_unique<JsonlSink>(a.output);
    if (!a.resume && !a.output.empty() && a.output != "-") {
        std::error_code ec;
        if (fs::exists(a.output + ".partial", ec))
            std::cerr << "gazetteer: warning: " << a.output << ".partial holds an interrupted --resume run; it is left "
                      << "alone (add --resume to continue it, or remove it)\n";
    }
    std::uint64_t n_skipped_done = 0;

    const unsigned jobs = std::max(1u, a.jobs);
    WorkerPool pool(jobs);
    const std::size_t batch_size = 256 * jobs;
    std::vector<Article> batch(batch_size);
    std::vector<ArticleResult> results(batch_size);
    std::vector<std::string> lines(batch_size);
    std::vector<std::pair<std::size_t, std::size_t>> counts(batch_size);  // mentions, unresolved
    Progress progress(!common.quiet && stderr_is_tty());
    std::uint64_t n_articles = 0, n_mentions = 0, n_places = 0, n_unresolved = 0;
    for (;;) {
        // A batch holds up to batch_size articles and about kBatchBytes of text, so that a run
        // of long articles does not hold hundreds of them at once.
        constexpr std::size_t kBatchBytes = std::size_t{64} << 20;
        std::size_t n = 0, batch_bytes = 0;
        bool more = true;
        while (n < batch_size && batch_bytes < kBatchBytes) {
            if (!source.next(batch[n])) {
                more = false;
                break;
            }
            if (resume && resume->done(batch[n].id)) {
                ++n_skipped_done;
                continue;
            }
            batch_bytes += batch[n++].text.size();
        }
        if (n == 0) break;
        std::function<void(std::size_t)> job = [&](std::size_t i) {
            if (layers) {
                results[i] = parser.parse(batch[i].id, batch[i].text, batch[i].meta.lang);
                counts[i] = {results[i].mentions.size(), results[i].unresolved()};
                return;
            }
            // JSON Lines: mentions go to the line window by window and are not kept, so memory
            // is the text, its JSON and one window whatever the article's length.
            std::string& line = lines[i];
            line.clear();
            counts[i] = {0, 0};
            append_json_open(line, batch[i].id, batch[i].meta);
            bool first = true;
            results[i] = parser.parse_streaming(batch[i].id, batch[i].text, [&](std::vector<Mention>& ms) {
                std::size_t unresolved = 0;
                for (const auto& m : ms) unresolved += m.place ? 0 : 1;
                if (a.resolved_only) {
                    ms.erase(std::remove_if(ms.begin(), ms.end(), [](const Mention& m) { return !m.place; }), ms.end());
                    unresolved = 0;
                }
                counts[i].first += ms.size();
                counts[i].second += unresolved;
                append_json_mentions(line, ms, first);
            }, batch[i].meta.lang);
            append_json_close(line, results[i].places);
            line.push_back('\n');
            std::string().swap(batch[i].text);  // the text is no longer needed
        };
        pool.run(n, job);
        for (std::size_t i = 0; i < n; ++i) {
            n_mentions += counts[i].first;
            n_unresolved += counts[i].second;
            n_places += results[i].places.size();
            if (layers) layer_acc.add(results[i]);
            else if (sink) sink->write(lines[i]);
            else if (resume) resume->write(lines[i]);
            std::string().swap(lines[i]);
            results[i] = ArticleResult{};
        }
        n_articles += n;
        progress.update("geoparse", source.total_bytes() ? source.bytes_read() : n_articles, source.total_bytes());
        if (resume) resume->checkpoint();
        if (!more) break;
    }
    progress.finish();
    std::vector<std::string> written;
    if (sink) {
        sink->commit();
        if (!a.output.empty() && a.output != "-") written.push_back(a.output);
    } else if (resume) {
        resume->commit();
        written.push_back(a.output);
    } else {
        auto ls = layer_acc.take();
        if (a.output.empty() || a.output == "-") {
            std::cout << write_geojson_string(ls, 6) << "\n";
        } else {
            WriteOptions wo;
            wo.format = a.format;
            wo.coordinate_precision = 6;
            written = write_layers(a.output, ls, wo);
        }
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!common.quiet) {
        std::cerr << fmt::format("geoparse: {} articles, {} mentions ({} unresolved), {} places", n_articles, n_mentions,
                                 n_unresolved, n_places);
        if (source.skipped()) std::cerr << fmt::format(", {} bad inputs skipped", source.skipped());
        if (resume && !resume->resumed_from().empty())
            std::cerr << fmt::format(", {} articles already in {} (resumed)", n_skipped_done, resume->resumed_from());
        if (source.replacements())
            std::cerr << fmt::format(", {} invalid UTF-8 sequences replaced with U+FFFD", source.replacements());
        std::cerr << fmt::format(" in {:.2f} s ({:.0f} articles/s)", secs, secs > 0 ? static_cast<double>(n_articles) / secs : 0.0);
        for (const auto& w : written) std::cerr << "; wrote " << w;
        std::cerr << "\n";
    }
}

void add_geoparse_command(CLI::App& app, Common& common) {
    auto a = std::make_shared<GeoparseArgs>();
    auto* cmd = app.add_subcommand("geoparse", "Find and resolve the places news texts mention (JSON Lines or GIS layers)");
    cmd->add_option("inputs", a->inputs,
                    "Text files (id = file name), directories, or JSON Lines with id, text [, title, url, date]; '-' = stdin");
    cmd->add_option("--format", a->format, "jsonl (default), geojson, gpkg or csv")
        ->check(CLI::IsMember({"jsonl", "geojson", "gpkg", "csv"}));
    cmd->add_option("-o,--output", a->output,
                    "Output file, written atomically (default stdout; gpkg and csv need it; csv writes the mentions "
                    "layer beside it as STEM.mentions.csv)");
    cmd->add_option("-j,--jobs", a->jobs, "Worker threads (output keeps input order)")->check(CLI::Range(1u, 256u));
    cmd->add_flag("--skip-bad", a->skip_bad,
                  "Skip malformed JSON Lines records and files that are not text with a warning instead of stopping");
    cmd->add_flag("--resolved-only", a->resolved_only, "Leave out mentions the parser abstained on (JSON Lines)");
    cmd->add_option("--kinds", a->kinds,
                    "Mention kinds to report, comma-separated: literal, metonymy, demonym (default all; "
                    "several corpora do not count demonyms as toponyms)");
    cmd->add_flag("--resume", a->resume,
                  "Continue a killed run: articles whose id the output (or its OUT.partial) already holds are "
                  "skipped; the output is built in OUT.partial, flushed after every batch and renamed to OUT at the end");
    cmd->add_option("--abstain-below", a->abstain_below, "Confidence below which a mention gets no place")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--lang", a->lang,
                    "Language of texts without a JSON \"lang\" field: en, ru, ko or auto (default: detect from the script)")
        ->check([](const std::string& v) {
            try {
                canonical_language(v);
                return std::string();
            } catch (const Error& e) {
                return std::string(e.what());
            }
        });
    cmd->callback([a, &common] { run_geoparse(*a, common); });
}

}  // namespace

static const Registrar reg{"geoparse", 60, &add_geoparse_command};

}  // namespace gazetteer::cli
