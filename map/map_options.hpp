#pragma once
// Start-up helpers shared by gazetteer-map and gazetteer-render: the Qt platform choice, where
// the index is, and parsing of the options both take.

#include <QSize>

#include <string>

namespace gazetteer::map {

/// Picks the Qt platform before the QApplication exists: when QT_QPA_PLATFORM is unset and
/// `always_offscreen` is true or there is no display ($DISPLAY, $WAYLAND_DISPLAY), sets it to
/// "offscreen" so the tools work on servers and in CI.
void choose_qt_platform(bool always_offscreen);

/// Drops two harmless Qt start-up warnings that headless runs print on every call
/// ("XDG_RUNTIME_DIR not set", the offscreen platform's "propagateSizeHints"), so that
/// stderr carries only the tool's own messages. Other messages pass unchanged.
void install_quiet_qt_messages();

/// The index to use: `flag` when given, else $GAZETTEER_INDEX, else the default index found
/// from the executable's folder (gazetteer::default_index_path).
std::string resolve_index_path(const std::string& flag, const char* argv0);

/// Parses "WIDTHxHEIGHT" (pixels, each 16..20000). Throws UsageError naming the text.
QSize parse_image_size(const std::string& text);

}  // namespace gazetteer::map
