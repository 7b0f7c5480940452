// libFuzzer target: `gazetteer geoparse` reading a JSON Lines file of articles, run in-process
// through the command line (cli::run) over the small test index, writing JSON Lines to a
// scratch file. A malformed line must end the run with exit 1 and a message, never a crash.

#include "commands.hpp"
#include "fuzz_support.hpp"

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string index = gazetteer::fuzz::test_index_path();
    static gazetteer::fuzz::ScratchFile input(".jsonl");
    static gazetteer::fuzz::ScratchFile output(".out.jsonl");
    input.write({reinterpret_cast<const char*>(data), size});
    std::vector<std::string> args{"gazetteer", "--index", index, "--quiet", "geoparse", input.path(), "-o", output.path()};
    if (size > 0 && data[0] == ' ') args.push_back("--skip-bad");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // The messages for malformed lines are the expected outcome: keep them off the fuzz log.
    std::ostringstream errors;
    auto* saved = std::cerr.rdbuf(errors.rdbuf());
    const int rc = gazetteer::cli::run(static_cast<int>(args.size()), argv.data());
    std::cerr.rdbuf(saved);
    if (rc != 0 && rc != 1) {
        std::cerr << "fuzz_jsonl: exit code " << rc << ": " << errors.str();
        std::abort();
    }
    return 0;
}
