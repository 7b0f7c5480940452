#include "progress.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace gazetteer::cli {

Progress::Progress(bool enabled) : m_enabled(enabled) {}
Progress::~Progress() { finish(); }

void Progress::update(const std::string& stage, std::uint64_t done, std::uint64_t total) {
    if (!m_enabled) return;
    auto now = std::chrono::steady_clock::now();
    if (m_drawn && now - m_last < std::chrono::milliseconds(100) && done != total) return;
    m_last = now;
    std::string line;
    if (total) {
        double f = static_cast<double>(done) / static_cast<double>(total);
        int width = 30, filled = static_cast<int>(f * width);
        line = fmt::format("{:<28.28} [{}{}] {:5.1f}%", stage, std::string(filled, '#'), std::string(width - filled, '.'), f * 100);
    } else {
        line = fmt::format("{:<28.28} {}", stage, done);
    }
    std::fprintf(stderr, "\r%-78s", line.c_str());
    std::fflush(stderr);
    m_drawn = true;
}

void Progress::finish() {
    if (m_enabled && m_drawn) {
        std::fprintf(stderr, "\r%78s\r", "");
        std::fflush(stderr);
        m_drawn = false;
    }
}

}  // namespace gazetteer::cli
