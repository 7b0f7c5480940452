// Not built: a face that reaches into the engine's internals, for the
// faces_use_public_headers_catches_detail test (tests/CMakeLists.txt), which must see it refused.
#include <gazetteer/detail/index_keys.hpp>
