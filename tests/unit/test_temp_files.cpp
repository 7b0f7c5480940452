// Temporary outputs do not outlive the run: removed when their writer gives up, and removed by
// the next run into the same folder when the process that made them is gone.

#include "test_support.hpp"

#include <gazetteer/temp_files.hpp>

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

using gazetteer::test::TempDir;
namespace fs = std::filesystem;

namespace {
// The PID of a process that has exited (and been reaped), so no longer alive.
long dead_pid() {
    pid_t pid = fork();
    if (pid == 0) _exit(0);
    int status = 0;
    waitpid(pid, &status, 0);
    return pid;
}
}  // namespace

TEST_CASE("temporary names carry the process id beside the target", "[temp]") {
    const std::string pid = std::to_string(::getpid());
    CHECK(gazetteer::temp_path_for("out/places.jsonl") == "out/.places.jsonl.tmp-" + pid);
    CHECK(gazetteer::temp_path_for("places.jsonl") == ".places.jsonl.tmp-" + pid);
}

TEST_CASE("a temporary is removed unless released", "[temp]") {
    TempDir tmp;
    const auto file = tmp.path / ".a.jsonl.tmp-1";
    {
        gazetteer::test::write_file(file, "half");
        gazetteer::TempOutput t(file.string(), gazetteer::TempOutput::Kind::File);
    }
    CHECK_FALSE(fs::exists(file));
    const auto folder = tmp.path / ".gazetteer-write-1-x";
    {
        fs::create_directories(folder / "sub");
        gazetteer::test::write_file(folder / "sub" / "a.gpkg", "half");
        gazetteer::TempOutput t(folder.string(), gazetteer::TempOutput::Kind::Folder);
    }
    CHECK_FALSE(fs::exists(folder));
    {
        gazetteer::test::write_file(file, "renamed");
        gazetteer::TempOutput t(file.string(), gazetteer::TempOutput::Kind::File);
        t.release();
    }
    CHECK(fs::exists(file));
}

TEST_CASE("stale temporaries of dead processes are removed, those of live ones kept", "[temp]") {
    TempDir tmp;
    const std::string dead = std::to_string(dead_pid());
    const std::string live = std::to_string(::getppid());
    gazetteer::test::write_file(tmp.path / (".out.jsonl.tmp-" + dead), "stale");
    fs::create_directories(tmp.path / (".gazetteer-write-" + dead + "-Ab12Cd"));
    gazetteer::test::write_file(tmp.path / (".gazetteer-write-" + dead + "-Ab12Cd") / "route.gpkg", "stale");
    gazetteer::test::write_file(tmp.path / (".out.jsonl.tmp-" + live), "a concurrent run");
    gazetteer::test::write_file(tmp.path / ("notes.tmp-" + dead), "not ours: no leading dot");
    gazetteer::test::write_file(tmp.path / ".cache.tmp-abc", "not ours: no pid");

    CHECK(gazetteer::remove_stale_temporaries(tmp.path.string()) == 2);
    CHECK_FALSE(fs::exists(tmp.path / (".out.jsonl.tmp-" + dead)));
    CHECK_FALSE(fs::exists(tmp.path / (".gazetteer-write-" + dead + "-Ab12Cd")));
    CHECK(fs::exists(tmp.path / (".out.jsonl.tmp-" + live)));
    CHECK(fs::exists(tmp.path / ("notes.tmp-" + dead)));
    CHECK(fs::exists(tmp.path / ".cache.tmp-abc"));
}
