#pragma once
// Skipping a test whose data is missing on this machine, visibly: Catch2 2.13 has no skip of its
// own, so the test records why and catch_main.cpp exits with kSkipExitCode, which CTest reports
// as "skipped" (SKIP_RETURN_CODE in tests/CMakeLists.txt) instead of a pass with no assertions.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace gazetteer::test {

/// Exit code with which a test executable tells CTest it was skipped (SKIP_RETURN_CODE in
/// tests/CMakeLists.txt): Catch2 2.13 has no skip of its own.
inline constexpr int kSkipExitCode = 77;

/// Why test cases of this executable were skipped (catch_main.cpp exits with kSkipExitCode,
/// and prints them, when any test case was skipped and none failed).
inline std::vector<std::string>& skip_reasons() {
    static std::vector<std::string> reasons;
    return reasons;
}

}  // namespace gazetteer::test

/// Skips the current test case (data it needs is missing on this machine): the executable then
/// reports "skipped" to CTest rather than passing with no assertions.
#define GAZETTEER_SKIP(why)                                         \
    do {                                                            \
        ::gazetteer::test::skip_reasons().emplace_back(why);        \
        WARN("skipped: " << (why));                                 \
        return;                                                     \
    } while (false)

