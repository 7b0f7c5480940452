// Registry of temporary outputs, their removal on signals, and the sweep of stale ones.
//
// The signal handler may only call async-signal-safe functions (POSIX.1-2017, 2.4.3): it reads a
// fixed table of paths (no allocation, no locks) and removes them with unlink/unlinkat/rmdir;
// folders are emptied with getdents64, which is a plain system call.

#include <gazetteer/temp_files.hpp>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>

namespace gazetteer {

namespace {

namespace fs = std::filesystem;

enum SlotState : int { Free = 0, Claimed = 1, HoldsFile = 2, HoldsFolder = 3 };

// A handful of temporaries exist at once (one per output being written); a temporary that finds
// no free slot is still removed by its destructor and by the next run's sweep.
constexpr int kSlots = 32;
constexpr std::size_t kMaxPath = 4096;
struct Slot {
    std::atomic<int> state{Free};
    char path[kMaxPath];
};
Slot g_slots[kSlots];

int claim_slot(const std::string& path, bool folder) {
    if (path.size() >= kMaxPath) return -1;
    for (int i = 0; i < kSlots; ++i) {
        int expected = Free;
        if (g_slots[i].state.compare_exchange_strong(expected, Claimed)) {
            std::memcpy(g_slots[i].path, path.c_str(), path.size() + 1);
            g_slots[i].state.store(folder ? HoldsFolder : HoldsFile, std::memory_order_release);
            return i;
        }
    }
    return -1;
}

// Empties and removes the folder `name` under `parent` (async-signal-safe, no allocation).
void remove_tree_at(int parent, const char* name, int depth) {
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return;
    alignas(8) char buf[4096];
    for (;;) {
        long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
        if (n <= 0) break;
        for (long pos = 0; pos < n;) {
            // struct linux_dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name
            unsigned short reclen;
            std::memcpy(&reclen, buf + pos + 16, 2);
            const unsigned char type = static_cast<unsigned char>(buf[pos + 18]);
            const char* entry = buf + pos + 19;
            pos += reclen;
            if (entry[0] == '.' && (entry[1] == 0 || (entry[1] == '.' && entry[2] == 0))) continue;
            if (type == DT_DIR) {
                if (depth < 8) remove_tree_at(fd, entry, depth + 1);
            } else {
                unlinkat(fd, entry, 0);
            }
        }
    }
    close(fd);
    unlinkat(parent, name, AT_REMOVEDIR);
}

void remove_registered() {
    for (auto& slot : g_slots) {
        const int state = slot.state.load(std::memory_order_acquire);
        if (state == HoldsFile) unlink(slot.path);
        else if (state == HoldsFolder) remove_tree_at(AT_FDCWD, slot.path, 0);
    }
}

void on_signal(int sig) {
    const int saved = errno;
    remove_registered();
    // Die of the same signal, so the parent sees what happened (exit status 128 + sig).
    signal(sig, SIG_DFL);
    errno = saved;
    raise(sig);
}

// The PID in a temporary's name, 0 when the name is not one of ours.
long temp_owner(const std::string& name) {
    auto digits = [](std::string_view s) -> long {
        long pid = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), pid);
        return ec == std::errc() && end == s.data() + s.size() && pid > 0 ? pid : 0;
    };
    if (name.size() < 2 || name[0] != '.') return 0;
    static constexpr std::string_view folder = ".gazetteer-write-";
    if (name.compare(0, folder.size(), folder) == 0) {
        std::string_view rest = std::string_view(name).substr(folder.size());
        auto dash = rest.find('-');
        return dash == std::string_view::npos ? 0 : digits(rest.substr(0, dash));
    }
    auto at = name.rfind(".tmp-");
    return at == std::string::npos || at == 0 ? 0 : digits(std::string_view(name).substr(at + 5));
}

bool process_alive(long pid) { return kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM; }

}  // namespace

std::string temp_path_for(const std::string& target) {
    fs::path p(target);
    fs::path name("." + p.filename().string() + ".tmp-" + std::to_string(::getpid()));
    return (p.has_parent_path() ? p.parent_path() / name : name).string();
}

TempOutput::TempOutput(std::string path, Kind kind) : m_path(std::move(path)), m_kind(kind) {
    fs::path parent = fs::path(m_path).parent_path();
    remove_stale_temporaries(parent.empty() ? "." : parent.string());
    m_slot = claim_slot(m_path, kind == Kind::Folder);
}

TempOutput::~TempOutput() {
    if (m_path.empty()) return;
    if (m_slot >= 0) g_slots[m_slot].state.store(Free, std::memory_order_release);
    m_slot = -1;
    std::error_code ec;
    if (m_kind == Kind::Folder) fs::remove_all(m_path, ec);
    else fs::remove(m_path, ec);
}

void TempOutput::release() noexcept {
    if (m_slot >= 0) g_slots[m_slot].state.store(Free, std::memory_order_release);
    m_slot = -1;
    m_path.clear();
}

std::size_t remove_stale_temporaries(const std::string& folder) {
    std::size_t removed = 0;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const long pid = temp_owner(name);
        if (pid == 0 || pid == ::getpid() || process_alive(pid)) continue;
        std::error_code rm;
        if (fs::remove_all(it->path(), rm) > 0 && !rm) ++removed;
    }
    return removed;
}

void remove_temporaries_on_signals() {
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
        struct sigaction old {};
        // A signal the caller's parent set to be ignored (nohup, a shell's background job) stays ignored.
        if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        sigaction(sig, &sa, nullptr);
    }
}

}  // namespace gazetteer
