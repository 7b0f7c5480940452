#include "map_options.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/index.hpp>

#include <QtGlobal>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace gazetteer::map {

void choose_qt_platform(bool always_offscreen) {
    const char* platform = std::getenv("QT_QPA_PLATFORM");
    if (platform && *platform) return;
    const char* display = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    const bool has_display = (display && *display) || (wayland && *wayland);
    if (always_offscreen || !has_display) setenv("QT_QPA_PLATFORM", "offscreen", 1);
}

namespace {
QtMessageHandler g_previous_handler = nullptr;

void quiet_handler(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (type == QtWarningMsg && (message.contains(QLatin1String("XDG_RUNTIME_DIR")) ||
                                 message.contains(QLatin1String("propagateSizeHints")))) {
        return;
    }
    if (g_previous_handler) g_previous_handler(type, context, message);
    else std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}
}  // namespace

void install_quiet_qt_messages() {
    QtMessageHandler previous = qInstallMessageHandler(quiet_handler);
    if (previous != quiet_handler) g_previous_handler = previous;
}

std::string resolve_index_path(const std::string& flag, const char* argv0) {
    if (!flag.empty()) return flag;
    // /proc/self/exe gives the real folder even when the tool was found through PATH.
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return default_index_path(ec ? std::string(argv0 ? argv0 : "") : exe.string());
}

QSize parse_image_size(const std::string& text) {
    const std::size_t x = text.find_first_of("xX");
    auto number = [&](std::string_view s) {
        int v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return -1;
        return v;
    };
    const int w = x == std::string::npos ? -1 : number(std::string_view(text).substr(0, x));
    const int h = x == std::string::npos ? -1 : number(std::string_view(text).substr(x + 1));
    if (w < 16 || h < 16 || w > 20000 || h > 20000) {
        throw UsageError("--size '" + text + "': expected WIDTHxHEIGHT in pixels, each from 16 to 20000 (e.g. 1600x1000)");
    }
    return {w, h};
}

}  // namespace gazetteer::map
