// The `gazetteer` tool's command line: the subcommand registry and run(), which maps outcomes to
// exit codes 0 ok, 1 bad input or failed job, 2 usage. main.cpp only calls run(), so the fuzz
// targets can drive the same command line in-process.

#include "commands.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/version.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <iostream>
#include <unistd.h>
#include <vector>

namespace gazetteer::cli {

namespace {
struct Entry {
    const char* name;
    int order;
    AddCommand add;
};
std::vector<Entry>& registry() {
    static std::vector<Entry> r;
    return r;
}
}  // namespace

Registrar::Registrar(const char* name, int order, AddCommand add) { registry().push_back({name, order, add}); }

const Index& Common::index() {
    if (!m_index) {
        std::string path = index_path.empty() ? default_index_path(exe_path) : index_path;
        m_index = std::make_shared<Index>(Index::open(path));
    }
    return *m_index;
}

bool stderr_is_tty() { return isatty(STDERR_FILENO) != 0; }

namespace {
// Output on stdout is the result: a full disk or a closed pipe must fail the run, not leave
// a truncated answer behind an exit code 0. Checked once at the end (stdio keeps the error).
// Returns "" when everything reached stdout, else why not.
std::string stdout_error() {
    std::cout.flush();
    errno = 0;
    if (std::fflush(stdout) != 0) return std::strerror(errno ? errno : EIO);
    // An earlier write failed (its errno is long gone): stdio and the stream keep the error.
    if (std::ferror(stdout) || !std::cout.good()) return "a write failed (disk full or output closed?)";
    return {};
}
}  // namespace

int run(int argc, char** argv) {
    CLI::App app{"gazetteer " + std::string(version()) +
                 ": offline gazetteer, geoparser and itinerary extraction for GIS"};
    app.set_version_flag("--version", std::string(version()));
    app.require_subcommand(1);
    app.fallthrough();  // global options (--index, --quiet) also after the subcommand
    cli::Common common;
    common.exe_path = argc > 0 ? argv[0] : "";
    app.add_option("--index", common.index_path,
                   "Index file (default: $GAZETTEER_INDEX, else the index installed beside the tool)")
        ->envname("GAZETTEER_INDEX");
    app.add_flag("-q,--quiet", common.quiet, "No progress or summary on stderr");
    auto& reg = cli::registry();
    std::sort(reg.begin(), reg.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
    for (auto& e : reg) e.add(app, common);
    try {
        app.parse(argc, argv);
        if (auto why = stdout_error(); !why.empty()) {
            std::cerr << "gazetteer: cannot write to standard output: " << why << "\n";
            return 1;
        }
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "gazetteer: " << e.what() << "\n";
        return 2;
    } catch (const UsageError& e) {
        std::cerr << "gazetteer: " << e.what() << "\n";
        return 2;
    } catch (const Error& e) {
        std::cerr << "gazetteer: " << e.what() << "\n";
        return 1;
    } catch (const std::bad_alloc&) {
        std::cerr << "gazetteer: out of memory\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "gazetteer: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace gazetteer::cli
