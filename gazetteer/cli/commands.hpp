#pragma once
// The `gazetteer` tool: one file per subcommand, each adding itself to the CLI11 app.
// A subcommand's callback throws gazetteer::Error (exit 1) or UsageError / CLI11 errors (exit 2);
// main() turns them into one message on stderr.

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace gazetteer { class Index; }

namespace gazetteer::cli {

/// Options every subcommand shares and lazily opened resources.
struct Common {
    std::string exe_path;     ///< argv[0], to find the default index beside the tool
    std::string index_path;   ///< --index, else $GAZETTEER_INDEX, else the default
    bool quiet = false;       ///< --quiet: no progress or summary on stderr

    /// Opens the index once (throws IndexError with the path when it cannot be used).
    const Index& index();

private:
    std::shared_ptr<Index> m_index;
};

/// Subcommands register themselves: each gazetteer/cli/cmd_*.cpp holds one
///   static const gazetteer::cli::Registrar reg{"name", order, &add_name_command};
/// and main() adds them sorted by order (the order of `gazetteer --help`). The cli folder is
/// globbed, so a new subcommand needs no edit anywhere else.
using AddCommand = void (*)(CLI::App& app, Common& common);
struct Registrar {
    Registrar(const char* name, int order, AddCommand add);
};

/// Parses `argv` and runs the subcommand; returns the exit code (0 ok, 1 bad input or failed
/// job, including a failed write to stdout, 2 usage) after printing any error on stderr.
int run(int argc, char** argv);

/// True when stderr is a terminal (progress bars are drawn only then).
bool stderr_is_tty();

}  // namespace gazetteer::cli
