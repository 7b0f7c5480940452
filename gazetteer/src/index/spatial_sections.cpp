// Look-up structures for reverse look-ups: the 1-degree grid of places and the country polygons.

#include "index/build_stages.hpp"

#include <utility>

namespace gazetteer::detail {

SpatialGrid build_grid(const std::vector<Draft>& places) {
    std::vector<std::uint32_t> grid_cells(kGridCells + 1, 0);
    std::vector<std::uint32_t> cell_of(places.size());
    for (std::size_t i = 0; i < places.size(); ++i) {
        cell_of[i] = grid_cell(places[i].lat, places[i].lon);
        ++grid_cells[cell_of[i] + 1];
    }
    for (std::size_t i = 1; i < grid_cells.size(); ++i) grid_cells[i] += grid_cells[i - 1];
    std::vector<std::uint32_t> grid_places(places.size());
    {
        std::vector<std::uint32_t> fill(grid_cells.begin(), grid_cells.end() - 1);
        for (std::size_t i = 0; i < places.size(); ++i) grid_places[fill[cell_of[i]]++] = static_cast<std::uint32_t>(i);
    }
    return {std::move(grid_cells), std::move(grid_places)};
}

std::string boundaries_section(const std::vector<Boundary>& polygons) {
    std::string boundaries;
    {
        auto put32 = [&](std::uint32_t v) { boundaries.append(reinterpret_cast<const char*>(&v), 4); };
        put32(static_cast<std::uint32_t>(polygons.size()));
        for (auto& b : polygons) {
            boundaries.append(b.iso2.data(), 2);
            boundaries.append(2, '\0');
            put32(static_cast<std::uint32_t>(b.wkb.size()));
            boundaries.append(reinterpret_cast<const char*>(b.wkb.data()), b.wkb.size());
            boundaries.append((4 - b.wkb.size() % 4) % 4, '\0');
        }
    }
    return boundaries;
}

}  // namespace gazetteer::detail
