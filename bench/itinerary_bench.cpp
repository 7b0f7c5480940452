// Itinerary extraction time: per article of about 5,000 characters, and the size curve up to
// multi-megabyte articles (time must grow about linearly with the text).
//   itinerary_bench [--index FILE] [--texts DIR] [--repeat N] [--sizes KB,KB,...]
// Articles are built from the project's own narratives (tests/data/itinerary/*.txt, our own
// words), cut at paragraph ends into articles of about 5,000 characters; the size curve repeats
// all of them up to each size. Prints the command, the machine, the data sizes and, per size,
// the median of N runs of geoparse + extraction and of extraction alone (ms), with the time per
// MB so that growth beyond linear shows.

#include <gazetteer/geoparse.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/itinerary.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace gazetteer;
using Clock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

std::string cpu_model() {
    std::ifstream f("/proc/cpuinfo");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
    return "unknown";
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

}  // namespace

int main(int argc, char** argv) {
    std::string index_path = default_index_path(argv[0]);  // honours $GAZETTEER_INDEX
    std::string texts_dir = std::string(BENCH_DIR) + "/../tests/data/itinerary";
    int repeat = 5;
    std::vector<std::size_t> sizes_kb = {250, 500, 1000, 2000, 4000};
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--index")) index_path = argv[i + 1];
        else if (!std::strcmp(argv[i], "--texts")) texts_dir = argv[i + 1];
        else if (!std::strcmp(argv[i], "--repeat")) repeat = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--sizes")) {
            sizes_kb.clear();
            std::stringstream ss(argv[i + 1]);
            std::string item;
            while (std::getline(ss, item, ',')) sizes_kb.push_back(static_cast<std::size_t>(std::atol(item.c_str())));
        }
    }
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(texts_dir))
        if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        std::fprintf(stderr, "itinerary_bench: no .txt narratives in %s\n", texts_dir.c_str());
        return 2;
    }
    std::string all;
    for (const auto& f : files) all += read_file(f) + "\n\n";

    // Articles of about 5,000 characters, cut at paragraph ends.
    std::vector<std::string> articles;
    std::string current;
    std::size_t pos = 0;
    while (pos < all.size()) {
        std::size_t end = all.find("\n\n", pos);
        end = end == std::string::npos ? all.size() : end + 2;
        current.append(all, pos, end - pos);
        pos = end;
        if (current.size() >= 5000) {
            articles.push_back(current.substr(0, std::min<std::size_t>(current.size(), 5200)));
            current.clear();
        }
    }
    if (articles.empty()) articles.push_back(all);

    const Index index = Index::open(index_path);
    const Geoparser parser(index);
    std::printf("command: %s --index %s --texts %s --repeat %d\n", argv[0], index_path.c_str(), texts_dir.c_str(), repeat);
    std::printf("machine: %s, %u cores\n", cpu_model().c_str(), std::thread::hardware_concurrency());
    std::printf("data:    %zu narratives, %zu kB; %zu articles of ~5,000 characters\n", files.size(), all.size() / 1000,
                articles.size());

    // Per article: geoparse + extraction, and extraction alone (the geoparse done beforehand).
    std::vector<double> total_ms, extract_ms;
    for (int r = 0; r < repeat; ++r) {
        for (const auto& a : articles) {
            auto t0 = Clock::now();
            const ArticleResult parsed = parser.parse("", a);
            const double parse = ms_since(t0);
            t0 = Clock::now();
            const Itinerary it = extract_itinerary(parsed, a);
            const double extract = ms_since(t0);
            total_ms.push_back(parse + extract);
            extract_ms.push_back(extract);
        }
    }
    std::printf("article ~5,000 chars: median %.2f ms (geoparse + itinerary), %.2f ms (itinerary alone); target <= 50 ms\n",
                median(total_ms), median(extract_ms));

    // Size curve: one long article made of every narrative repeated.
    std::printf("%10s %12s %12s %14s\n", "size_kB", "total_ms", "itinerary_ms", "itinerary_ms/MB");
    for (std::size_t kb : sizes_kb) {
        std::string text;
        while (text.size() < kb * 1000) text += all;
        text.resize(kb * 1000);
        const std::size_t cut = text.rfind("\n\n");  // end on a paragraph
        if (cut != std::string::npos && cut > text.size() / 2) text.resize(cut);
        std::vector<double> tot, ext;
        const int runs = kb >= 1000 ? std::max(1, repeat / 2) : repeat;
        for (int r = 0; r < runs; ++r) {
            auto t0 = Clock::now();
            const ArticleResult parsed = parser.parse("", text);
            const double parse = ms_since(t0);
            t0 = Clock::now();
            const Itinerary it = extract_itinerary(parsed, text);
            const double extract = ms_since(t0);
            tot.push_back(parse + extract);
            ext.push_back(extract);
        }
        std::printf("%10zu %12.1f %12.1f %14.1f\n", text.size() / 1000, median(tot), median(ext),
                    median(ext) / (static_cast<double>(text.size()) / 1e6));
    }
    return 0;
}
