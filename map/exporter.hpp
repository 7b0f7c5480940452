#pragma once
// Writes a rendering to PNG (through QImage) or SVG (through QSvgGenerator), atomically: the
// image goes to a temporary file in the target folder (QSaveFile) that is renamed into place
// only when complete, so an interrupted export never leaves half an image behind.

#include "renderer.hpp"

#include <string>

namespace gazetteer::map {

/// Image formats the exporters write.
enum class ImageFormat { Png, Svg };

/// The format of `path` by its extension (.png, .svg). Throws UsageError for anything else.
ImageFormat image_format_for(const std::string& path);

/// Renders `scene` in `view` (its size is the image size, pixels) and writes it to `path` in the
/// format of its extension. Throws UsageError for an unknown extension and IoError (with the
/// path) when the file cannot be written.
void export_image(const std::string& path, const MapView& view, const Scene& scene, const Basemap& basemap,
                  const RenderStyle& style);

}  // namespace gazetteer::map
