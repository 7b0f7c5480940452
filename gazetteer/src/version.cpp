#include <gazetteer/build_config.hpp>
#include <gazetteer/version.hpp>

namespace gazetteer {

std::string_view version() noexcept { return GAZETTEER_VERSION_STRING; }

}  // namespace gazetteer
