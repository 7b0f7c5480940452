// libFuzzer target: the source readers of `gazetteer build` (GeoNames dump, admin1 codes, the
// curated CSV, world-countries and admin1 JSON) on any bytes, then the index writer. The first
// byte picks the reader; the rest is the file. Malformed rows are skipped (non-strict builds);
// whatever the builder accepts must give an index that opens and verifies.

#include "fuzz_support.hpp"

#include <gazetteer/build.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/lookup.hpp>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    static gazetteer::fuzz::ScratchFile input(".src");
    static gazetteer::fuzz::ScratchFile output(".gzidx");
    const std::string& path = input.write({reinterpret_cast<const char*>(data) + 1, size - 1});
    gazetteer::BuildOptions options;
    options.threads = 1;
    options.on_warning = [](const std::string&) {};
    gazetteer::IndexBuilder builder(options);
    try {
        switch (data[0] % 5) {
            case 0: builder.add_geonames(path); break;
            case 1: builder.add_admin1_codes(path); break;
            case 2: builder.add_curated(path); break;
            case 3: builder.add_world_countries(path); break;
            default: builder.add_admin1_names_json(path); break;
        }
    } catch (const gazetteer::Error&) {
        return 0;  // refused with a message: the expected outcome for most inputs
    }
    try {
        builder.write(output.path());
    } catch (const gazetteer::Error&) {
        return 0;  // e.g. nothing usable was read
    }
    const gazetteer::Index index = gazetteer::Index::open(output.path());
    index.verify();
    for (std::uint32_t i = 0; i < index.size() && i < 8; ++i) (void)gazetteer::lookup(index, index.place(i).name);
    return 0;
}
