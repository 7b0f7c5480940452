// Ordering under soft precedence constraints: constraints are added strongest first and one
// that would contradict those already accepted (close a cycle) is dropped, so a date always
// beats an order word and an order word beats the order of the text. Sizes are a handful of
// stops per article, so a dense matrix and a depth-first reachability test are plenty.

#include "itinerary/itinerary_detail.hpp"

namespace gazetteer::detail {

PrecedenceGraph::PrecedenceGraph(std::size_t n) : m_n(n), m_edge(n * n, false) {}

bool PrecedenceGraph::reaches(std::size_t a, std::size_t b) const {
    std::vector<bool> seen(m_n, false);
    std::vector<std::size_t> stack{a};
    while (!stack.empty()) {
        const std::size_t x = stack.back();
        stack.pop_back();
        if (x == b) return true;
        if (seen[x]) continue;
        seen[x] = true;
        for (std::size_t y = 0; y < m_n; ++y) if (m_edge[x * m_n + y] && !seen[y]) stack.push_back(y);
    }
    return false;
}

bool PrecedenceGraph::add(std::size_t a, std::size_t b) {
    if (a == b || a >= m_n || b >= m_n) return false;
    if (m_edge[a * m_n + b]) return true;
    if (reaches(b, a)) return false;
    m_edge[a * m_n + b] = true;
    return true;
}

std::vector<std::size_t> PrecedenceGraph::order(const std::function<bool(std::size_t, std::size_t)>& before) const {
    // Kahn's algorithm, taking among the free nodes the one `before` puts first.
    std::vector<std::size_t> out;
    std::vector<bool> done(m_n, false);
    for (std::size_t step = 0; step < m_n; ++step) {
        std::size_t pick = m_n;
        for (std::size_t a = 0; a < m_n; ++a) {
            if (done[a]) continue;
            bool free = true;
            for (std::size_t b = 0; b < m_n && free; ++b) if (!done[b] && m_edge[b * m_n + a]) free = false;
            if (free && (pick == m_n || before(a, pick))) pick = a;
        }
        done[pick] = true;  // the graph is acyclic by construction, so a free node exists
        out.push_back(pick);
    }
    return out;
}

}  // namespace gazetteer::detail
