// Look-up latency and recall@1 of the engine on a fixed query set (bench/queries.tsv).
//   lookup_bench [--index FILE] [--queries FILE] [--repeat N] [--limit K]
// Prints the machine, the index size, open time, and per kind: median and p95 latency in
// microseconds, queries per second and recall@1 (first candidate within 10 km of the expected point).

#include <gazetteer/index.hpp>
#include <gazetteer/lookup.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace gazetteer;
using Clock = std::chrono::steady_clock;

namespace {
struct Query {
    std::string text, kind, country;
    double lat, lon;
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
}

std::string cpu_model() {
    std::ifstream f("/proc/cpuinfo");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
    return "unknown";
}
}  // namespace

int main(int argc, char** argv) {
    std::string index_path = default_index_path(argv[0]);  // honours $GAZETTEER_INDEX
    std::string queries_path = std::string(BENCH_DIR) + "/queries.tsv";
    int repeat = 200;
    std::size_t limit = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--index")) index_path = argv[i + 1];
        else if (!std::strcmp(argv[i], "--queries")) queries_path = argv[i + 1];
        else if (!std::strcmp(argv[i], "--repeat")) repeat = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--limit")) limit = static_cast<std::size_t>(std::max(1, std::atoi(argv[i + 1])));
    }
    std::vector<Query> queries;
    std::ifstream qf(queries_path);
    std::string line;
    while (std::getline(qf, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::stringstream ss(line);
        Query q;
        std::string lat, lon;
        std::getline(ss, q.text, '\t');
        std::getline(ss, q.kind, '\t');
        std::getline(ss, lat, '\t');
        std::getline(ss, lon, '\t');
        std::getline(ss, q.country, '\t');
        q.lat = std::stod(lat);
        q.lon = std::stod(lon);
        queries.push_back(q);
    }
    std::vector<double> open_ms;
    for (int i = 0; i < 21; ++i) {
        auto t0 = Clock::now();
        auto idx = Index::open(index_path);
        open_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    auto idx = Index::open(index_path);
    auto info = idx.info();
    std::printf("command: %s --index %s --repeat %d --limit %zu\n", argv[0], index_path.c_str(), repeat, limit);
    std::printf("machine: %s, %u cores\n", cpu_model().c_str(), std::thread::hardware_concurrency());
    std::printf("index: %llu places, %llu keys, %.1f MB; open median %.3f ms\n",
                static_cast<unsigned long long>(info.places), static_cast<unsigned long long>(info.keys), info.file_size / 1e6,
                percentile(open_ms, 0.5));
    std::map<std::string, std::vector<double>> lat_us;
    std::map<std::string, std::pair<int, int>> recall;
    std::map<std::string, std::size_t> results;  // candidates returned, summed over queries
    for (const auto& q : queries) {
        LookupOptions o;
        if (!q.country.empty()) o.countries = {q.country};
        o.limit = limit;
        std::vector<Candidate> r;
        for (int i = 0; i < repeat; ++i) {
            auto t0 = Clock::now();
            r = q.kind == "prefix" ? search_prefix(idx, q.text, o) : lookup(idx, q.text, o);
            lat_us[q.kind].push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
        }
        bool hit = !r.empty() && haversine_km(r[0].place.lat, r[0].place.lon, q.lat, q.lon) < 10;
        recall[q.kind].first += hit;
        recall[q.kind].second += 1;
        results[q.kind] += r.size();
        if (!hit) std::printf("  miss: %s -> %s\n", q.text.c_str(), r.empty() ? "(none)" : r[0].place.name.c_str());
    }
    // results: candidates returned per query on average (up to --limit); building them is part of
    // the latency, so compare latencies at equal result counts.
    std::printf("%-10s %8s %10s %10s %12s %10s %8s\n", "kind", "queries", "median_us", "p95_us", "queries/s", "recall@1",
                "results");
    for (auto& [kind, v] : lat_us) {
        double med = percentile(v, 0.5);
        std::printf("%-10s %8d %10.2f %10.2f %12.0f %9.2f %8.2f\n", kind.c_str(), recall[kind].second, med, percentile(v, 0.95),
                    1e6 / med, static_cast<double>(recall[kind].first) / recall[kind].second,
                    static_cast<double>(results[kind]) / recall[kind].second);
    }
    return 0;
}
