#pragma once
#include <string_view>

namespace gazetteer {

/// Version of the engine (same for the CLI, the Python module and the QGIS plugin).
std::string_view version() noexcept;

/// Version of the binary index format this engine reads and writes.
inline constexpr unsigned index_format_version = 3;

}  // namespace gazetteer
