// The Catch2 main of every unit test: Catch's own, plus the skip protocol of test_support.hpp
// (exit 77 for CTest's SKIP_RETURN_CODE when a test case lacked its data).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "unit/test_skip.hpp"

#include <iostream>

int main(int argc, char* argv[]) {
    const int failed = Catch::Session().run(argc, argv);
    const auto& skipped = gazetteer::test::skip_reasons();
    if (failed == 0 && !skipped.empty()) {
        for (const auto& why : skipped) std::cout << "SKIPPED: " << why << "\n";
        return gazetteer::test::kSkipExitCode;
    }
    return failed;
}
