#pragma once
// Shared helpers of the libFuzzer targets: the small test index they query, and a private
// scratch file for the readers that take a path.

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unistd.h>

namespace gazetteer::fuzz {

/// Path of the small index built from tests/data by the CLI test fixture ($GAZETTEER_CLI_INDEX).
inline std::string test_index_path() {
    const char* p = std::getenv("GAZETTEER_CLI_INDEX");
    if (!p || !*p) {
        std::fprintf(stderr, "fuzz: set GAZETTEER_CLI_INDEX to an index built from tests/data "
                             "(ctest builds one: build-asan/tests/cli-test.gzidx)\n");
        std::abort();
    }
    return p;
}

/// A file in $TMPDIR named after this process, rewritten with each input and removed at exit.
class ScratchFile {
public:
    explicit ScratchFile(const std::string& suffix) {
        const char* dir = std::getenv("TMPDIR");
        m_path = std::string(dir && *dir ? dir : "/tmp") + "/gazetteer-fuzz-" + std::to_string(::getpid()) + suffix;
    }
    ~ScratchFile() { std::remove(m_path.c_str()); }
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;

    const std::string& write(std::string_view bytes) {
        std::ofstream out(m_path, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) throw std::runtime_error("fuzz: cannot write " + m_path);
        return m_path;
    }
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

}  // namespace gazetteer::fuzz
