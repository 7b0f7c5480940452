#pragma once
// A one-line progress display on stderr, drawn only when stderr is a terminal.

#include <chrono>
#include <cstdint>
#include <string>

namespace gazetteer::cli {

class Progress {
public:
    explicit Progress(bool enabled);
    ~Progress();
    /// Updates the line (throttled to ~10 redraws a second). total 0 = unknown.
    void update(const std::string& stage, std::uint64_t done, std::uint64_t total);
    /// Clears the line.
    void finish();

private:
    bool m_enabled;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_last{};
};

}  // namespace gazetteer::cli
