#pragma once
// Temporary outputs: every writer writes a temporary beside its target and renames it into
// place, so an interrupted run never leaves a half-written file under the target's name. This
// header makes sure the temporaries themselves do not outlive the run either: they are
// registered while they exist, removed when a command-line tool is killed by SIGINT, SIGTERM or
// SIGHUP, and removed by the next run into the same folder when the process that made them is
// gone (killed by SIGKILL, or a crash).
//
// Names carry the writer's process id, which is how a later run tells a stale temporary from
// one of a live concurrent run: ".NAME.tmp-PID" files and ".gazetteer-write-PID-XXXXXX" folders.

#include <string>

namespace gazetteer {

/// The temporary path for `target` in its folder: "DIR/.NAME.tmp-PID".
std::string temp_path_for(const std::string& target);

/// A temporary file or folder that exists while the object lives: registered for removal on a
/// signal, removed (recursively for a folder) by the destructor unless release()d after a
/// successful rename. Creating one first removes stale temporaries of dead processes in the
/// same folder (remove_stale_temporaries).
class TempOutput {
public:
    enum class Kind { File, Folder };
    /// Registers `path` (not yet created, or just created, by the caller).
    TempOutput(std::string path, Kind kind);
    ~TempOutput();
    TempOutput(const TempOutput&) = delete;
    TempOutput& operator=(const TempOutput&) = delete;

    const std::string& path() const noexcept { return m_path; }
    /// The temporary was renamed into place (or removed): forget it.
    void release() noexcept;

private:
    std::string m_path;
    Kind m_kind;
    int m_slot = -1;
};

/// Removes ".NAME.tmp-PID" files and ".gazetteer-write-PID-*" folders in `folder` whose PID is
/// not a running process. Returns how many were removed; never throws (what cannot be removed
/// stays).
std::size_t remove_stale_temporaries(const std::string& folder);

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove the registered temporaries and
/// then let the signal end the process as it would have (exit status 128 + signal). Meant for
/// command-line tools; a host application (QGIS) keeps its own handlers and so does not call it.
void remove_temporaries_on_signals();

}  // namespace gazetteer
