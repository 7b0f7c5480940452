// The `gazetteer` tool. Exit codes: 0 ok, 1 bad input or failed job, 2 usage.

#include "commands.hpp"

#include <gazetteer/temp_files.hpp>

int main(int argc, char** argv) {
    // An interrupted run removes the temporary outputs it was writing (then dies of the signal).
    gazetteer::remove_temporaries_on_signals();
    return gazetteer::cli::run(argc, argv);
}
